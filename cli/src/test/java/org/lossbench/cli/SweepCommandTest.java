package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lossbench sweep} and {@code lossbench merge} end to end on phantom-tiny with vnet-tiny
 * trained for 3 steps (2 losses x 2 seeds): outputs, resumption after a kill -9 of a real
 * process and after simulated partial cells, skipping of finished cells, sharding in parallel
 * processes and merging, all compared byte for byte with one uninterrupted run (every output but
 * the wall-clock timings).
 */
class SweepCommandTest {
    static final String[] TRAIN = {"sweep", "--name", "t", "--train", "--datasets", "phantom-tiny", "--models", "vnet-tiny",
        "--losses", "dice;dice+ce", "--seeds", "0,1", "--steps", "3", "--patch", "16", "--device", "cpu", "--threads", "1"};
    static final List<String> COMPARED = List.of("cases.csv", "lesions.csv", "separability.csv", "seeds.csv", "summary.csv", "summary.json",
            "summary.md", "manifest.json", "sweep.json");

    @TempDir
    static Path tmp;
    static Path reference;
    static CliRun first;

    @BeforeAll
    static void uninterrupted() {
        first = CliRun.of(args(tmp.resolve("ref")));
        reference = tmp.resolve("ref").resolve("t");
    }

    static String[] args(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of(TRAIN));
        a.add("--out");
        a.add(out.toString());
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void writesEveryTableWithOneRowPerCellCaseAndClass() throws IOException {
        assertEquals(0, first.exitCode(), first.err());
        for (String f : COMPARED) {
            assertTrue(Files.isRegularFile(reference.resolve(f)), f);
        }
        assertTrue(Files.isRegularFile(reference.resolve("timings.csv")));
        List<String> caseTimings = Files.readAllLines(reference.resolve("case_timings.csv"));
        assertEquals("index,key,dataset,model,loss,seed,case,inference_s,evaluation_s", caseTimings.get(0));
        assertEquals(1 + 4, caseTimings.size(), "one row per cell and case");
        assertTrue(Double.parseDouble(caseTimings.get(1).split(",")[7]) > 0, caseTimings.get(1));
        assertEquals(Files.readString(reference.resolve("summary.md")), first.out(), "summary.md is printed");
        List<String> cases = Files.readAllLines(reference.resolve("cases.csv"));
        assertTrue(cases.get(0).startsWith("dataset,model,loss,seed,case,label,tp,"), cases.get(0));
        // 4 cells x 1 test case (phantom-tiny: 4 cases, 60/20/20) x 2 foreground classes
        assertEquals(1 + 4 * 2, cases.size());
        assertTrue(cases.get(1).startsWith("phantom-tiny,vnet-tiny,dice,0,phantom-tiny_"), cases.get(1));
        assertTrue(cases.get(8).startsWith("phantom-tiny,vnet-tiny,dice+ce,1,"), cases.get(8));
        try (Stream<Path> s = Files.list(reference.resolve("cells"))) {
            assertEquals(4, s.count());
        }
        JsonNode manifest = new ObjectMapper().readTree(reference.resolve("manifest.json").toFile());
        JsonNode cell = manifest.get("cells").get(0);
        assertEquals("done", cell.get("status").asText());
        JsonNode p = cell.get("provenance");
        for (String k : List.of("dataset_checksum", "model_sha256", "onnxruntime_version", "execution_provider", "device", "java_version",
                "git_commit", "seed", "split_seed")) {
            assertTrue(p.has(k), k);
        }
        assertEquals("b2a2b1f3ac01812b760abab20e013b13423761ae4802cdbf7b8dbb666dbfbfaf", p.get("dataset_checksum").asText());
        assertEquals("CPU", p.get("execution_provider").asText());
        // the model's sha256 is that of the trained file in the cell
        Path model = reference.resolve("cells").resolve(cell.get("key").asText()).resolve("train/model.onnx");
        assertEquals(org.lossbench.models.arch.ModelCard.sha256(model), p.get("model_sha256").asText());
        // the trained model has its card beside it, as lossbench train writes it: the file's hash, the cell's loss, seed and split
        JsonNode card = new ObjectMapper().readTree(model.resolveSibling("model.card.json").toFile());
        assertEquals(p.get("model_sha256").asText(), card.get("sha256").asText());
        assertEquals(cell.get("config").get("loss").asText(), card.get("loss").get("spec").asText());
        assertEquals(cell.get("config").get("seed").asLong(), card.get("seed").asLong());
        assertFalse(card.get("split").get("train").toString().contains(cell.get("cases").get(0).asText()), "the evaluated case is not trained on");
        // timings are kept out of every compared file
        for (String f : COMPARED) {
            assertFalse(Files.readString(reference.resolve(f)).contains("inference_s"), f);
        }
    }

    /**
     * Every cell's timings.json has the layout of the published sweep's (results/default, written from a map before the
     * CellTimings record): the same keys in the same order, per case too, and the same steps plus train_s (train mode);
     * the values are wall-clock seconds, so only their being numbers is compared.
     */
    @Test
    void cellTimingsHaveThePublishedLayout() throws IOException {
        Path published;
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("lossbench.root", "..")).resolve("results/default/cells"))) {
            published = s.sorted().findFirst().orElseThrow().resolve("timings.json");
        }
        JsonNode was = new ObjectMapper().readTree(published.toFile());
        List<String> steps = new ArrayList<>(names(was.get("seconds")));
        steps.add("train_s");
        steps.sort(null);
        try (Stream<Path> s = Files.list(reference.resolve("cells"))) {
            for (Path cell : s.toList()) {
                JsonNode now = new ObjectMapper().readTree(cell.resolve("timings.json").toFile());
                assertEquals(List.of("cases", "device", "key", "seconds"), names(now), cell.toString());
                assertEquals(names(was), names(now));
                assertEquals(cell.getFileName().toString(), now.get("key").asText());
                assertEquals(names(was.get("cases").get(0)), names(now.get("cases").get(0)));
                assertEquals(steps, names(now.get("seconds")));
                now.get("seconds").forEach(v -> assertTrue(v.isNumber() && v.asDouble() >= 0, v.toString()));
                now.get("cases").forEach(c -> assertTrue(c.get("inference_s").isNumber() && c.get("evaluation_s").isNumber(), c.toString()));
            }
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void summaryStatisticsAgreeWithTheCaseTable() throws IOException {
        // mean Dice of class 1 for each loss, recomputed from cases.csv by hand, against summary.csv
        List<String> cases = Files.readAllLines(reference.resolve("cases.csv"));
        List<String> header = Arrays.asList(cases.get(0).split(","));
        int loss = header.indexOf("loss");
        int label = header.indexOf("label");
        int dice = header.indexOf("dice");
        for (String l : List.of("dice", "dice+ce")) {
            double sum = 0;
            int n = 0;
            List<Double> v = new ArrayList<>();
            for (String row : cases.subList(1, cases.size())) {
                String[] c = row.split(",");
                if (c[loss].equals(l) && c[label].equals("1")) {
                    sum += Double.parseDouble(c[dice]);
                    v.add(Double.parseDouble(c[dice]));
                    n++;
                }
            }
            assertEquals(2, n);
            double mean = sum / n;
            double sd = Math.abs(v.get(0) - v.get(1)) / Math.sqrt(2);
            List<String> summary = Files.readAllLines(reference.resolve("summary.csv"));
            List<String> columns = Arrays.asList(summary.get(0).split(","));
            String key = "phantom-tiny,vnet-tiny," + l + ",1,dice,";
            String[] row = summary.stream().filter(r -> r.startsWith(key)).findFirst()
                    .orElseThrow(() -> new AssertionError("summary.csv has no row " + key)).split(",");
            assertEquals("2", row[columns.indexOf("cases")]);
            assertEquals("2", row[columns.indexOf("n")]);
            // the same numbers by other formulas: a few ulps apart at most
            assertEquals(mean, Double.parseDouble(row[columns.indexOf("mean")]), 1e-14, l + " mean");
            assertEquals(sd, Double.parseDouble(row[columns.indexOf("sd")]), 1e-14, l + " sd");
        }
    }

    /**
     * The seed level against cases.csv by hand (one test case, so a seed's mean is its one Dice), the
     * power statement of a design with one pair, ranks, collapse and separability records.
     */
    @Test
    void seedLevelRanksCollapseAndPowerAreReported() throws IOException {
        List<String> cases = Files.readAllLines(reference.resolve("cases.csv"));
        List<String> header = Arrays.asList(cases.get(0).split(","));
        JsonNode summary = new ObjectMapper().readTree(reference.resolve("summary.json").toFile());
        JsonNode group = summary.get("groups").get(0);
        for (JsonNode l : group.get("losses")) {
            String loss = l.get("loss").asText();
            assertEquals(2, l.get("seeds").asInt());
            JsonNode c1 = l.get("classes").get(0);
            assertEquals(1, c1.get("label").asInt());
            double[] bySeed = new double[2];
            for (String row : cases.subList(1, cases.size())) {
                String[] c = row.split(",");
                if (c[header.indexOf("loss")].equals(loss) && c[header.indexOf("label")].equals("1")) {
                    bySeed[Integer.parseInt(c[header.indexOf("seed")])] = Double.parseDouble(c[header.indexOf("dice")]);
                }
            }
            JsonNode d = c1.get("dice");
            assertEquals(bySeed[0], d.get("per_seed").get("0").asDouble(), 0, loss);
            assertEquals(bySeed[1], d.get("per_seed").get("1").asDouble(), 0, loss);
            assertEquals(Math.abs(bySeed[0] - bySeed[1]) / Math.sqrt(2), d.get("sd_over_seeds").asDouble(), 1e-14, loss);
            assertEquals(2, c1.get("collapse").get("seeds").asInt());
            assertTrue(c1.get("collapse").has("mean_auc"), c1.toString());
        }
        JsonNode cmp = group.get("comparison");
        assertEquals(1, cmp.get("pairs").asInt(), "one test case: one pair, each the mean over two seeds");
        assertTrue(cmp.get("underpowered").asBoolean());
        assertEquals(1.0, cmp.get("smallest_reachable_p_holm").asDouble(), 0);
        cmp.get("rows").forEach(r -> assertEquals("", r.get("verdict").asText()));
        assertEquals(2, group.get("ranks").size(), "one ranking per class");
        List<String> seeds = Files.readAllLines(reference.resolve("seeds.csv"));
        assertEquals(1 + 2 * 2 * 2 * 2, seeds.size(), "losses x classes x metrics x seeds");
        List<String> sep = Files.readAllLines(reference.resolve("separability.csv"));
        assertEquals(1 + 4 * 2, sep.size(), "cells x classes (one case)");
        String md = Files.readString(reference.resolve("summary.md"));
        assertTrue(md.contains("**Underpowered:**") && md.contains("### Rank stability (Dice)") && md.contains("| 2 × 1 |")
                && md.contains("## Collapse rate by loss"), md);
    }

    @Test
    void rerunSkipsFinishedCellsAndWritesTheSameBytes() throws IOException {
        Path out = tmp.resolve("rerun");
        assertEquals(0, CliRun.of(args(out)).exitCode());
        CliRun again = CliRun.of(args(out));
        assertEquals(0, again.exitCode());
        assertTrue(again.err().contains("0 cells run, 4 already finished, 0 failed"), again.err());
        assertSameOutputs(reference, out.resolve("t"));
    }

    @Test
    void partialCellsAreRunAgainToTheSameBytes() throws IOException {
        Path out = tmp.resolve("partial");
        assertEquals(0, CliRun.of(args(out)).exitCode());
        List<Path> cells;
        try (Stream<Path> s = Files.list(out.resolve("t/cells"))) {
            cells = s.sorted().toList();
        }
        // cell A: killed after its tables but before the marker, with a half-written table
        Files.delete(cells.get(0).resolve("done"));
        Files.writeString(cells.get(0).resolve("cases.csv"), "dataset,model,lo");
        // cell B: killed after training, before the model was written: the checkpoint resumes
        Files.delete(cells.get(1).resolve("done"));
        Files.delete(cells.get(1).resolve("train/model.onnx"));
        Files.delete(cells.get(1).resolve("cell.json"));
        // cell C: a marker of another configuration (a stale folder) does not count
        Files.writeString(cells.get(2).resolve("done"), "0".repeat(64) + "\n");
        // cell D: killed while training, before any checkpoint
        Path d = cells.get(3);
        try (Stream<Path> s = Files.walk(d)) {
            s.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(d)).forEach(p -> p.toFile().delete());
        }
        // and the aggregated outputs of the interrupted run are gone or stale
        Files.writeString(out.resolve("t/summary.md"), "stale");
        CliRun r = CliRun.of(args(out));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("4 cells run, 0 already finished"), r.err());
        assertSameOutputs(reference, out.resolve("t"));
    }

    @Test
    void killedProcessResumesToTheSameBytes() throws Exception {
        Path out = tmp.resolve("killed");
        Process p = subprocess(args(out));
        Path cells = out.resolve("t/cells");
        // a guard against a hung process only, not a speed requirement: a loaded machine may take minutes for a cell
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (doneCells(cells) < 1 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        p.destroyForcibly(); // SIGKILL
        p.waitFor();
        int doneAtKill = doneCells(cells);
        assertTrue(doneAtKill >= 1 && doneAtKill < 4, "the kill should land mid-sweep, found " + doneAtKill + " finished cells");
        CliRun r = CliRun.of(args(out));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains((4 - doneAtKill) + " cells run, " + doneAtKill + " already finished"), r.err());
        assertSameOutputs(reference, out.resolve("t"));
    }

    @Test
    void shardsInParallelProcessesMergeToTheSameBytes() throws Exception {
        Path s0 = tmp.resolve("shard0");
        Path s1 = tmp.resolve("shard1");
        Process p0 = subprocess(args(s0, "--shard", "0/2"));
        Process p1 = subprocess(args(s1, "--shard", "1/2"));
        assertEquals(0, p0.waitFor());
        assertEquals(0, p1.waitFor());
        assertEquals(2, doneCells(s0.resolve("t/cells")));
        assertEquals(2, doneCells(s1.resolve("t/cells")));
        assertFalse(Files.exists(s0.resolve("t/summary.md")), "a shard does not aggregate");
        Path merged = tmp.resolve("merged");
        CliRun m = CliRun.of("merge", s0.resolve("t").toString(), s1.resolve("t").toString(), "--out", merged.toString());
        assertEquals(0, m.exitCode(), m.err());
        assertEquals(Files.readString(reference.resolve("summary.md")), m.out());
        assertSameOutputs(reference, merged);
        // merging an incomplete set names the missing cells
        CliRun half = CliRun.of("merge", s0.resolve("t").toString(), "--out", tmp.resolve("half").toString());
        assertEquals(3, half.exitCode());
        assertTrue(half.err().contains("2 of 4 cells") && half.err().contains("have not run"), half.err());
    }

    @Test
    void shardsWritingIntoOneFolderAreAggregatedInPlace() throws IOException {
        Path out = tmp.resolve("shared");
        assertEquals(0, CliRun.of(args(out, "--shard", "1/3")).exitCode());
        assertEquals(0, CliRun.of(args(out, "--shard", "0/3")).exitCode());
        assertEquals(0, CliRun.of(args(out, "--shard", "2/3")).exitCode());
        CliRun m = CliRun.of("merge", out.resolve("t").toString());
        assertEquals(0, m.exitCode(), m.err());
        assertSameOutputs(reference, out.resolve("t"));
    }

    @Test
    void mergeRefusesFoldersOfAnotherSweep() {
        Path other = tmp.resolve("other");
        assertEquals(0, CliRun.of(args(other, "--shard", "0/4", "--bootstrap-seed", "7")).exitCode());
        CliRun m = CliRun.of("merge", reference.toString(), other.resolve("t").toString(), "--out", tmp.resolve("x").toString());
        assertEquals(3, m.exitCode());
        assertTrue(m.err().contains("holds another sweep"), m.err());
    }

    static void assertSameOutputs(Path expected, Path actual) throws IOException {
        for (String f : COMPARED) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)), f);
        }
        // report.html carries wall-clock seconds in its timing figure only (like timings.csv): the rest is compared
        assertEquals(ReportCommandTest.withoutTimings(Files.readString(expected.resolve("report.html"))),
                ReportCommandTest.withoutTimings(Files.readString(actual.resolve("report.html"))), "report.html without its timing figure");
        List<Path> cells;
        try (Stream<Path> s = Files.list(expected.resolve("cells"))) {
            cells = s.sorted().toList();
        }
        for (Path c : cells) {
            for (String f : List.of("cases.csv", "lesions.csv", "cell.json", "overlays.json", "done")) {
                Path rel = expected.relativize(c.resolve(f));
                assertArrayEquals(Files.readAllBytes(c.resolve(f)), Files.readAllBytes(actual.resolve(rel)), rel.toString());
            }
        }
    }

    static int doneCells(Path cells) throws IOException {
        if (!Files.isDirectory(cells)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(cells)) {
            return (int) s.filter(c -> Files.isRegularFile(c.resolve("done"))).count();
        }
    }

    /** {@code lossbench ARGS} in a new JVM with the test's class path. */
    static Process subprocess(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
