package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.eval.report.ResultWriter;

/**
 * {@code lossbench evaluate} on two real reference/prediction pairs of different spacing from
 * {@code ../shared/realdata} (sct_t2s, 0.5 x 0.5 x 7.5 mm; totalsegmentator_example, 3 mm) as the
 * cases of one evaluation: the DSCagg of every class in summary.csv and in the printed summary
 * against {@code dsc_agg_realdata.json}, written by {@code tools/dsc_agg_reference.py} (numpy on the
 * whole volumes). Class 1 is in both cases, so its value pools the two spacings. Skipped when the
 * folder is absent.
 */
class EvaluateDscAggRealDataTest {
    @TempDir
    Path tmp;

    @Test
    void printsTheAggregatedDiceOfEveryClass() throws IOException {
        String shared = System.getProperty("lossbench.shared");
        assumeTrue(shared != null, "system property lossbench.shared not set");
        Path realdata = Path.of(shared, "realdata");
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("dsc_agg_realdata.json")) {
            expected = new ObjectMapper().readTree(in);
        }
        Path ref = Files.createDirectories(tmp.resolve("ref"));
        Path pred = Files.createDirectories(tmp.resolve("pred"));
        for (JsonNode c : expected.get("cases")) {
            Path dir = realdata.resolve(c.get("case").asText());
            assumeTrue(Files.isDirectory(dir), dir + " is absent");
            Files.copy(dir.resolve(c.get("ref").asText()), ref.resolve(c.get("case").asText() + ".nii.gz"));
            Files.copy(dir.resolve(c.get("pred").asText()), pred.resolve(c.get("case").asText() + ".nii.gz"));
        }
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("evaluate", "--ref", ref.toString(), "--pred", pred.toString(), "--out", out.toString(),
                "--threads", "2");
        assertEquals(0, run.exitCode(), run.err());

        List<String> lines = Files.readAllLines(out.resolve("summary.csv"));
        List<String> head = List.of(lines.get(0).split(","));
        Map<Integer, String[]> rows = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] r = line.split(",");
            if (r[head.indexOf("metric")].equals(ResultWriter.DSC_AGG)) {
                rows.put(Integer.parseInt(r[head.indexOf("label")]), r);
            }
        }
        List<Integer> labels = new ArrayList<>();
        expected.get("labels").forEach(l -> labels.add(l.asInt()));
        assertEquals(labels, List.copyOf(rows.keySet()));
        Map<Integer, String> printed = printedDscAgg(run.out());
        for (int label : labels) {
            JsonNode e = expected.get("classes").get(Integer.toString(label));
            String[] r = rows.get(label);
            double dsc = Double.parseDouble(r[head.indexOf("mean")]);
            assertEquals(e.get("dsc_agg").asDouble(), dsc, 1e-12, "class " + label);
            assertEquals("2", r[head.indexOf("cases")], "class " + label);
            assertEquals(e.get("contributing").asInt(), Integer.parseInt(r[head.indexOf("n")]), "class " + label);
            double low = Double.parseDouble(r[head.indexOf("ci95_low")]);
            double high = Double.parseDouble(r[head.indexOf("ci95_high")]);
            assertTrue(low <= dsc + 1e-12 && dsc <= high + 1e-12, "class " + label + ": " + low + " " + dsc + " " + high);
            assertEquals(ResultWriter.fmt(dsc), printed.get(label), "class " + label);
        }
        JsonNode one = expected.get("classes").get("1");
        assertEquals(2, one.get("contributing").asInt()); // the pooled class really spans both spacings
    }

    /** Class → the dsc_agg cell of the per-class table that {@code evaluate} prints. */
    private static Map<Integer, String> printedDscAgg(String md) {
        List<String> table = md.lines().dropWhile(l -> !l.startsWith("| class")).takeWhile(l -> l.startsWith("|")).toList();
        List<String> head = cells(table.get(0));
        int column = head.indexOf(ResultWriter.DSC_AGG);
        assertTrue(column > 0, table.get(0));
        Map<Integer, String> out = new TreeMap<>();
        for (String row : table.subList(2, table.size())) {
            List<String> c = cells(row);
            out.put(Integer.parseInt(c.get(0)), c.get(column));
        }
        return out;
    }

    private static List<String> cells(String row) {
        String[] parts = row.substring(1, row.length() - 1).split("\\|");
        return java.util.Arrays.stream(parts).map(String::trim).toList();
    }
}
