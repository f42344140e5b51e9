package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code lossbench compare} on the folders of real sweeps (phantom-tiny, vnet-tiny trained 3 steps, losses
 * dice and dice+ce; and an external-mode pair where one model file is broken in the current sweep), so that
 * the gate reads exactly what {@code lossbench sweep} writes. The numbers the checks are expected to show are
 * read from the sweep's own files here and changed by hand. ({@code compare.GateTest} covers the rules on
 * hand-written folders.)
 */
class CompareCommandTest {
    static final String DICE_1 = "phantom-tiny/vnet-tiny/dice/class 1 organ/dice_mean";

    @TempDir
    static Path tmp;
    static Path sweep;

    @BeforeAll
    static void runSweep() {
        CliRun r = CliRun.of("sweep", "--name", "g", "--train", "--datasets", "phantom-tiny", "--models", "vnet-tiny", "--losses", "dice;dice+ce",
                "--steps", "3", "--patch", "16", "--device", "cpu", "--threads", "1", "--out", tmp.resolve("ref").toString());
        assertEquals(0, r.exitCode(), r.err());
        sweep = tmp.resolve("ref/g");
    }

    /** A copy of the sweep's top-level files (not the cells). */
    static Path copy(String name) throws IOException {
        Path d = tmp.resolve(name);
        Files.createDirectories(d);
        try (Stream<Path> s = Files.list(sweep)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                Files.copy(f, d.resolve(f.getFileName()));
            }
        }
        return d;
    }

    record Junit(int tests, List<String> names, List<String> failed, List<String> messages, int skipped) {
    }

    static Junit junit(Path xml) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        NodeList tcs = doc.getElementsByTagName("testcase");
        List<String> names = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < tcs.getLength(); i++) {
            Element tc = (Element) tcs.item(i);
            names.add(tc.getAttribute("name"));
            NodeList f = tc.getElementsByTagName("failure");
            if (f.getLength() > 0) {
                failed.add(tc.getAttribute("name"));
                messages.add(((Element) f.item(0)).getAttribute("message"));
            }
        }
        Element suite = doc.getDocumentElement();
        assertEquals(tcs.getLength(), Integer.parseInt(suite.getAttribute("tests")));
        assertEquals(failed.size(), Integer.parseInt(suite.getAttribute("failures")));
        assertEquals(doc.getElementsByTagName("skipped").getLength(), Integer.parseInt(suite.getAttribute("skipped")));
        return new Junit(tcs.getLength(), names, failed, messages, doc.getElementsByTagName("skipped").getLength());
    }

    /** Rows of a CSV file (no quoted commas in these sweeps), header first. */
    static List<String[]> csv(Path f) throws IOException {
        return Files.readAllLines(f).stream().map(l -> l.split(",", -1)).toList();
    }

    @Test
    void aSweepAgainstItselfPassesEveryCheck() throws Exception {
        Path copy = copy("same");
        Path xml = tmp.resolve("same.xml");
        CliRun r = CliRun.of("compare", sweep.toString(), copy.toString(), "--junit", xml.toString());
        assertEquals(0, r.exitCode(), r.err() + r.out());
        Junit j = junit(xml);
        assertEquals(List.of(), j.failed());
        // the checks, counted from the sweep's files: a cells check per loss; a Dice, NSD and HD95 check per class with a
        // defined mean (Dice, NSD) or median (HD95); a recall check per size bin with reference lesions; a timing check per
        // loss. Blind by the rule of docs/gate.md with the default thresholds: Dice <= 0.01, NSD <= 0.02, HD95 infinite,
        // recall <= 0.02
        List<String[]> summary = csv(sweep.resolve("summary.csv"));
        int metric = List.of(summary.get(0)).indexOf("metric");
        int mean = List.of(summary.get(0)).indexOf("mean");
        int median = List.of(summary.get(0)).indexOf("median");
        long classChecks = 0;
        long blind = 0;
        for (String[] row : summary.subList(1, summary.size())) {
            String v = row[metric].equals("hd95_mm") ? row[median] : row[mean];
            if (!List.of("dice", "nsd", "hd95_mm").contains(row[metric]) || v.equals("nan")) {
                continue;
            }
            classChecks++;
            blind += switch (row[metric]) {
                case "dice" -> Double.parseDouble(v) <= 0.01 ? 1 : 0;
                case "nsd" -> Double.parseDouble(v) <= 0.02 ? 1 : 0;
                default -> v.equals("inf") ? 1 : 0;
            };
        }
        JsonNode sj = new ObjectMapper().readTree(sweep.resolve("summary.json").toFile());
        int bins = 0;
        for (JsonNode l : sj.get("groups").get(0).get("losses")) {
            for (JsonNode b : l.get("size_bins")) {
                int lesions = b.get("ref_lesions").asInt();
                bins += lesions > 0 ? 1 : 0;
                blind += lesions > 0 && b.get("detected").asInt() <= 0.02 * lesions ? 1 : 0;
            }
        }
        Set<String> timed = new LinkedHashSet<>();
        csv(sweep.resolve("case_timings.csv")).stream().skip(1).forEach(row -> timed.add(row[4]));
        assertEquals(List.of("dice", "dice+ce"), List.copyOf(timed));
        assertEquals(2 + classChecks + bins + 2, j.tests(), r.out());
        assertEquals(blind, j.skipped(), r.out());
        assertTrue(j.names().contains(DICE_1), j.names().toString());
        assertTrue(j.names().contains("phantom-tiny/vnet-tiny/dice+ce/inference_s_median"));
        assertTrue(r.out().contains("Gate passed: no regression in " + j.tests() + " checks (cells 0, Dice 0, NSD 0, HD95 0, recall 0, timing 0); "
                + "0 improvements, 0 new, " + blind + " blind."), r.out());
        // the same timings: a ratio of exactly 1
        assertTrue(r.out().contains(" | 1.000 | ok |"), r.out());
    }

    @Test
    void aDiceMeanLoweredBy002FailsTheGateBy0005DoesNot() throws Exception {
        List<String[]> rows = csv(sweep.resolve("summary.csv"));
        List<String> h = List.of(rows.get(0));
        String[] target = rows.stream().filter(r -> r[h.indexOf("loss")].equals("dice") && r[h.indexOf("label")].equals("1")
                && r[h.indexOf("metric")].equals("dice")).findFirst().orElseThrow();
        double v = Double.parseDouble(target[h.indexOf("mean")]);
        for (double drop : new double[] {0.02, 0.005}) {
            Path c = copy("drop" + drop);
            List<String> out = new ArrayList<>();
            for (String[] r : rows) {
                String[] x = r.clone();
                if (r == target) {
                    x[h.indexOf("mean")] = Double.toString(v - drop);
                }
                out.add(String.join(",", x));
            }
            Files.write(c.resolve("summary.csv"), out);
            Path xml = tmp.resolve("drop" + drop + ".xml");
            CliRun r = CliRun.of("compare", sweep.toString(), c.toString(), "--junit", xml.toString());
            Junit j = junit(xml);
            if (drop == 0.02) {
                assertEquals(1, r.exitCode(), r.out());
                assertEquals(List.of(DICE_1), j.failed());
                assertEquals(String.format(Locale.ROOT, "mean Dice fell by 0.02000 (%.4g -> %.4g), more than --max-dice-drop 0.01", v, v - drop),
                        j.messages().get(0));
            } else {
                assertEquals(0, r.exitCode(), r.out());
                assertEquals(List.of(), j.failed());
            }
        }
    }

    @Test
    void otherEvaluationSettingsOrAMissingFileAreBadInput() throws Exception {
        Path c = copy("tolerance");
        ObjectMapper m = new ObjectMapper();
        JsonNode manifest = m.readTree(c.resolve("manifest.json").toFile());
        ((ObjectNode) manifest.get("spec").get("evaluation")).put("tolerance_mm", "1");
        m.writeValue(c.resolve("manifest.json").toFile(), manifest);
        CliRun r = CliRun.of("compare", sweep.toString(), c.toString());
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().contains("evaluation.tolerance_mm: baseline \"2\", current \"1\""), r.err());

        Path d = copy("no-timings");
        Files.delete(d.resolve("case_timings.csv"));
        CliRun missing = CliRun.of("compare", d.toString(), sweep.toString());
        assertEquals(3, missing.exitCode());
        assertTrue(missing.err().contains("baseline sweep " + d + " has no case_timings.csv"), missing.err());
    }

    @Test
    void aCellThatFailsInTheCurrentSweepIsARegression() throws Exception {
        Path a = exportModel("a.onnx");
        Path b = exportModel("b.onnx");
        Path garbage = tmp.resolve("garbage.onnx");
        Files.writeString(garbage, "not an onnx model");
        CliRun base = externalSweep("ext-base", a, b);
        assertEquals(0, base.exitCode(), base.err());
        CliRun cur = externalSweep("ext-cur", a, garbage);
        assertEquals(3, cur.exitCode(), "the broken model fails its cell: " + cur.err());
        Path xml = tmp.resolve("ext.xml");
        // two real runs of one case each: their timings are single noisy samples, so the slowdown factor is set out of reach
        CliRun r = CliRun.of("compare", tmp.resolve("ext-base/e").toString(), tmp.resolve("ext-cur/e").toString(), "--junit", xml.toString(),
                "--max-slowdown", "1000000");
        assertEquals(1, r.exitCode(), r.out() + r.err());
        Junit j = junit(xml);
        assertEquals(List.of("phantom-tiny/external/b/cells"), j.failed());
        assertTrue(j.messages().get(0).startsWith("1 of 1 cells failed in the current sweep; seed 0: "), j.messages().get(0));
        // the good model's checks ran and passed; none of the failed loss's metrics were compared
        assertTrue(j.names().contains("phantom-tiny/external/a/inference_s_median"), j.names().toString());
        assertTrue(j.names().stream().filter(n -> n.startsWith("phantom-tiny/external/b/")).toList().equals(List.of("phantom-tiny/external/b/cells")));
    }

    private static Path exportModel(String name) {
        Path p = tmp.resolve(name);
        CliRun r = CliRun.of("models", "export", "vnet-tiny", "--classes", "3", "--seed", "1", "--out", p.toString());
        assertEquals(0, r.exitCode(), r.err());
        return p;
    }

    private static CliRun externalSweep(String out, Path a, Path b) {
        return CliRun.of("sweep", "--name", "e", "--mode", "external", "--external", "a=" + a, "--external", "b=" + b, "--device", "cpu",
                "--roi", "16", "--threads", "1", "--out", tmp.resolve(out).toString());
    }
}
