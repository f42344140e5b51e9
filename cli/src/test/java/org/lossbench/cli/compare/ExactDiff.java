package org.lossbench.cli.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.lossbench.core.io.Json;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The gated values of two sweep folders compared bit for bit (not within thresholds): per (dataset, model, loss,
 * class) the {@code mean} and {@code median} of the {@code dice}, {@code nsd} and {@code hd95_mm} rows of
 * {@code summary.csv}, compared as the text the sweep writes (Java's shortest round-trip form, so equal text is
 * equal bits); per (dataset, model, loss) in {@code summary.json} every size bin (lesions, detections, recall,
 * lesion Dice, false positives) and every class's seed-level {@code dice} (per-seed means, sd over seeds);
 * in {@code manifest.json} every cell's (dataset, model, loss, seed, status). Returns one line per difference.
 */
final class ExactDiff {
    static final Set<String> METRICS = Set.of("dice", "nsd", "hd95_mm");

    private ExactDiff() {
    }

    static List<String> of(Path baseline, Path current) throws IOException {
        List<String> out = new ArrayList<>();
        diff("summary.csv ", summaryCsv(baseline.resolve("summary.csv")), summaryCsv(current.resolve("summary.csv")), out);
        diff("summary.json ", summaryJson(baseline.resolve("summary.json")), summaryJson(current.resolve("summary.json")), out);
        diff("manifest.json ", cells(baseline.resolve("manifest.json")), cells(current.resolve("manifest.json")), out);
        return out;
    }

    private static <V> void diff(String file, Map<String, V> b, Map<String, V> c, List<String> out) {
        Set<String> keys = new LinkedHashSet<>(b.keySet());
        keys.addAll(c.keySet());
        for (String k : keys) {
            if (!Objects.equals(b.get(k), c.get(k))) {
                out.add(file + k + ": baseline " + b.get(k) + ", current " + c.get(k));
            }
        }
    }

    /** {@code dataset/model/loss/class/metric} -> {@code mean M, median D} as written. */
    private static Map<String, String> summaryCsv(Path file) {
        Table t = Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).columnTypes(c -> ColumnType.STRING).header(true));
        Map<String, String> out = new LinkedHashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            String metric = t.stringColumn("metric").get(r);
            if (METRICS.contains(metric)) {
                out.put(String.join("/", t.stringColumn("dataset").get(r), t.stringColumn("model").get(r), t.stringColumn("loss").get(r),
                        "class " + t.stringColumn("label").get(r), metric), "mean " + t.stringColumn("mean").get(r) + ", median "
                        + t.stringColumn("median").get(r));
            }
        }
        return out;
    }

    /**
     * {@code dataset/model/loss/class L/size [a,b)} (a size bin) and {@code dataset/model/loss/class L/dice} (the seed level) -> the
     * JSON subtree (equal iff every number is).
     */
    private static Map<String, JsonNode> summaryJson(Path file) throws IOException {
        JsonNode root = Json.mapper().readTree(file.toFile());
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode g : root.path("groups")) {
            for (JsonNode l : g.path("losses")) {
                String k = g.path("dataset").asText() + "/" + g.path("model").asText() + "/" + l.path("loss").asText();
                for (JsonNode b : l.path("size_bins")) {
                    out.put(k + "/class " + b.path("label").asText() + "/size " + b.path("bin_mm").asText(), b);
                }
                for (JsonNode c : l.path("classes")) {
                    out.put(k + "/class " + c.path("label").asText() + "/dice", c.path("dice"));
                }
            }
        }
        return out;
    }

    /** {@code dataset/model/loss/seed S} -> status. */
    private static Map<String, String> cells(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode c : Json.mapper().readTree(file.toFile()).path("cells")) {
            out.put(c.path("dataset").asText() + "/" + c.path("model").asText() + "/" + c.path("loss").asText() + "/seed "
                    + c.path("seed").asText(), c.path("status").asText());
        }
        return out;
    }
}
