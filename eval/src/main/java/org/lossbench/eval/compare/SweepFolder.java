package org.lossbench.eval.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.Json;
import org.lossbench.eval.compare.Keys.BinKey;
import org.lossbench.eval.compare.Keys.ClassKey;
import org.lossbench.eval.compare.Keys.Group;
import org.lossbench.eval.compare.Keys.Triple;
import org.lossbench.eval.compare.Thresholds.SeedSpread;
import org.lossbench.eval.results.AggregateTables;
import org.lossbench.eval.results.ColumnType;
import org.lossbench.eval.results.CsvCodec;
import org.lossbench.eval.results.CsvRow;
import org.lossbench.eval.results.CsvTable;
import org.lossbench.eval.results.ManifestFile;
import org.lossbench.eval.results.SweepLayout;

/**
 * The aggregated results of one sweep, as {@code lossbench sweep} writes them to {@code results/<name>/}
 * (docs/sweep.md), reduced to what the gate checks:
 *
 * <ul>
 *   <li>{@code manifest.json}: the resolved spec (its {@code split}, {@code split_seed} and
 *       {@code evaluation} block decide whether two sweeps can be compared) and every cell's status;</li>
 *   <li>{@code summary.csv}: per (dataset, model, loss, class), seeds pooled, the mean Dice, the mean NSD and the
 *       median HD95 ({@link ClassMetric}; other rows, such as the other metrics and {@code dsc_agg}, are not read);</li>
 *   <li>{@code summary.json}: the class names; per class and lesion size bin, the detection recall; per class the
 *       seed level of the mean Dice ({@code classes[].dice}: number of seeds, {@code sd_over_seeds}), when the
 *       sweep wrote it;</li>
 *   <li>{@code case_timings.csv}: the inference seconds of every case of every finished cell.</li>
 * </ul>
 *
 * <p>The files, their names and their columns are those of the results schema (org.lossbench.eval.results:
 * {@link ManifestFile}, {@link AggregateTables}, read with its {@link CsvCodec}; an undefined value is {@code nan},
 * an infinite one {@code inf}). A missing or unreadable file is a {@link BadInputException} naming the file (exit 3).
 *
 * @param side {@code baseline} or {@code current}, for messages
 * @param spec the {@code spec} object of {@code manifest.json}
 * @param classValues per metric, its value per class in the order of {@code summary.csv}; NaN when undefined (no
 *                    case of the class had a defined value)
 * @param diceSpread the seed level of each class's mean Dice (absent when {@code summary.json} has none)
 * @param recalls detection recall per class and size bin, in the order of {@code summary.json}
 * @param labelNames class names per (dataset, model) group, as the sweep recorded them
 */
public record SweepFolder(String side, Path dir, String name, JsonNode spec, List<CellStatus> cells,
                          Map<ClassMetric, Map<ClassKey, Double>> classValues, Map<ClassKey, SeedSpread> diceSpread, Map<BinKey, BinRecall> recalls, List<CaseTiming> timings, Map<Group, Map<Integer, String>> labelNames) {

    /** The files the gate reads; a baseline folder needs these and nothing else. */
    public static final List<String> FILES = List.of(SweepLayout.MANIFEST, SweepLayout.SUMMARY_CSV, SweepLayout.SUMMARY_JSON,
            SweepLayout.CASE_TIMINGS);

    /** A cell of the sweep: finished ({@code done}) or failed with its reason. */
    public record CellStatus(Triple triple, long seed, boolean done, String failure) {
    }

    /** Reference lesions of a class and size bin, how many were detected, and the recall (NaN without lesions). */
    public record BinRecall(int lesions, int detected, double recall) {
    }

    /** The inference seconds of one case of one finished cell. */
    public record CaseTiming(Triple triple, long seed, String caseId, double inferenceS) {
    }

    /** Loads the folder {@code dir}; {@code side} names it in messages. */
    public static SweepFolder load(String side, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(side + " " + dir + " is not a folder; give the results/<sweep> folder that lossbench sweep wrote");
        }
        for (String f : FILES) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new BadInputException(side + " sweep " + dir + " has no " + f + " (" + dir.resolve(f) + "); give the results/<sweep> "
                        + "folder of a finished sweep (lossbench sweep writes " + String.join(", ", FILES) + " once every cell has run)");
            }
        }
        Path manifestFile = dir.resolve(SweepLayout.MANIFEST);
        ManifestFile manifest;
        try {
            manifest = ManifestFile.read(dir);
        } catch (BadInputException e) {
            throw new BadInputException(side + " " + e.getMessage());
        }
        JsonNode spec = manifest.spec();
        if (spec == null || !spec.isObject() || manifest.cells() == null) {
            throw new BadInputException(side + " " + manifestFile + " has no spec or no cells; it is not a sweep manifest");
        }
        List<CellStatus> cells = new ArrayList<>();
        for (ManifestFile.Cell c : manifest.cells()) {
            Triple t = new Triple(present(side, manifestFile, c.dataset(), "dataset"), present(side, manifestFile, c.model(), "model"),
                    present(side, manifestFile, c.loss(), "loss"));
            String status = present(side, manifestFile, c.status(), "status");
            cells.add(new CellStatus(t, c.seed(), c.done(), c.done() ? null : c.failure() == null ? status : c.failure()));
        }
        JsonNode summary = json(side, dir.resolve(SweepLayout.SUMMARY_JSON));
        Map<Group, Map<Integer, String>> names = new LinkedHashMap<>();
        Map<BinKey, BinRecall> recalls = new LinkedHashMap<>();
        Map<ClassKey, SeedSpread> spread = new LinkedHashMap<>();
        readSummaryJson(side, dir.resolve(SweepLayout.SUMMARY_JSON), summary, names, recalls, spread);
        return new SweepFolder(side, dir, manifest.sweep() == null ? dir.getFileName().toString() : manifest.sweep(), spec,
                List.copyOf(cells), classValues(side, dir.resolve(SweepLayout.SUMMARY_CSV)), Collections.unmodifiableMap(spread),
                Collections.unmodifiableMap(recalls), caseTimings(side, dir.resolve(SweepLayout.CASE_TIMINGS)),
                Collections.unmodifiableMap(names));
    }

    /** {@code class 1 organ} (or {@code class 1} when the sweep recorded no name). */
    public String className(Group g, int label) {
        String n = labelNames.getOrDefault(g, Map.of()).get(label);
        return n == null || n.isEmpty() ? "class " + label : "class " + label + " " + n;
    }

    /** The value of a class metric per class; a metric without rows has an empty map. */
    public Map<ClassKey, Double> values(ClassMetric m) {
        return classValues.getOrDefault(m, Map.of());
    }

    private static Map<ClassMetric, Map<ClassKey, Double>> classValues(String side, Path file) {
        CsvTable t = csv(side, file, "dataset", "model", "loss", "label", "metric", "mean", "median");
        Map<ClassMetric, Map<ClassKey, Double>> out = new EnumMap<>(ClassMetric.class);
        for (CsvRow r : t.rows()) {
            ClassMetric m = ClassMetric.ofSummaryMetric(r.text("metric"));
            if (m == null) {
                continue;
            }
            Triple tr = new Triple(r.text("dataset"), r.text("model"), r.text("loss"));
            ClassKey k = new ClassKey(tr, r.small("label"));
            double v = r.number(m.summaryColumn());
            if (out.computeIfAbsent(m, x -> new LinkedHashMap<>()).put(k, v) != null) {
                throw new BadInputException(side + " " + file + ": two " + m.summaryMetric() + " rows for " + tr + " class " + k.label());
            }
        }
        out.replaceAll((m, v) -> Collections.unmodifiableMap(v));
        return Collections.unmodifiableMap(out);
    }

    private static List<CaseTiming> caseTimings(String side, Path file) {
        CsvTable t = csv(side, file, "dataset", "model", "loss", "seed", "case", "inference_s");
        List<CaseTiming> out = new ArrayList<>();
        for (CsvRow r : t.rows()) {
            Triple tr = new Triple(r.text("dataset"), r.text("model"), r.text("loss"));
            double s = r.number("inference_s");
            if (!(s >= 0) || Double.isInfinite(s)) {
                throw new BadInputException(side + " " + file + ", row " + r.line() + ": inference_s is " + s + ", not a duration");
            }
            out.add(new CaseTiming(tr, r.integer("seed"), r.text("case"), s));
        }
        return List.copyOf(out);
    }

    private static void readSummaryJson(String side, Path file, JsonNode summary, Map<Group, Map<Integer, String>> names,
                                        Map<BinKey, BinRecall> recalls, Map<ClassKey, SeedSpread> spread) {
        if (!summary.path("groups").isArray()) {
            throw new BadInputException(side + " " + file + " has no groups; it is not a sweep summary");
        }
        for (JsonNode g : summary.get("groups")) {
            Group group = new Group(text(side, file, g, "dataset"), text(side, file, g, "model"));
            Map<Integer, String> byLabel = new TreeMap<>();
            g.path("label_names").properties().forEach(e -> byLabel.put(Integer.parseInt(e.getKey()), e.getValue().asText()));
            names.put(group, Collections.unmodifiableMap(byLabel));
            for (JsonNode l : g.path("losses")) {
                Triple tr = new Triple(group.dataset(), group.model(), text(side, file, l, "loss"));
                for (JsonNode b : l.path("size_bins")) {
                    BinKey k = new BinKey(tr, b.path("label").asInt(), text(side, file, b, "bin_mm"));
                    JsonNode rec = b.get("detection_recall");
                    double recall = rec == null ? Double.NaN : rec.isNumber() ? rec.asDouble() : number(side, file, -1, "detection_recall", rec.asText());
                    recalls.put(k, new BinRecall(b.path("ref_lesions").asInt(), b.path("detected").asInt(), recall));
                }
                for (JsonNode c : l.path("classes")) {
                    JsonNode d = c.path("dice");
                    if (d.has("seeds") && d.has("sd_over_seeds")) {
                        JsonNode sd = d.get("sd_over_seeds");
                        spread.put(new ClassKey(tr, c.path("label").asInt()), new SeedSpread(d.get("seeds").asInt(),
                                sd.isNumber() ? sd.asDouble() : number(side, file, -1, "sd_over_seeds", sd.asText())));
                    }
                }
            }
        }
    }

    /** A CSV file of the results folder; every column named must be there. */
    private static CsvTable csv(String side, Path file, String... required) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(side + " " + file + " is not a readable CSV table: " + e.getMessage());
        }
        return CsvCodec.read(text, side + " " + file).requireColumns(List.of(required));
    }

    /**
     * A number as the sweep writes it: Java's shortest form, or {@code nan}, {@code inf}, {@code -inf}.
     *
     * @param row the data row (0-based; the file's line is {@code row + 2}), negative for JSON
     */
    static double number(String side, Path file, int row, String column, String text) {
        try {
            return ColumnType.parseNumber(text);
        } catch (NumberFormatException e) {
            throw new BadInputException(side + " " + file + (row >= 0 ? ", line " + (row + 2) : "") + ": " + column + " is '" + text
                    + "', not a number");
        }
    }

    private static JsonNode json(String side, Path file) {
        try {
            return Json.mapper().readTree(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(side + " " + file + " is not readable JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static String present(String side, Path file, String value, String field) {
        if (value == null) {
            throw new BadInputException(side + " " + file + ": an entry has no '" + field + "'");
        }
        return value;
    }

    private static String text(String side, Path file, JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            throw new BadInputException(side + " " + file + ": an entry has no '" + field + "'");
        }
        return v.asText();
    }
}
