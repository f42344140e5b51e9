package org.lossbench.cli.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lossbench.core.io.Json;

/**
 * A small sweep result folder written by hand, in the format of {@code lossbench sweep} (docs/sweep.md;
 * the headers and JSON fields below are those of {@code SweepResults}): one (dataset, model) group with the
 * cells, Dice and NSD means, HD95 medians, seed-level Dice spreads, size-bin recalls and per-case inference
 * seconds a test sets. Only the files the gate reads are written. {@code CompareCommandTest} checks the loader on the files of a real sweep.
 */
final class SweepFixture {
    static final String DATASET = "phantom-tiny";
    static final String MODEL = "vnet-tiny";

    final Map<String, Object> evaluation = new LinkedHashMap<>(Map.of("tolerance_mm", "2", "connectivity", 26, "match", "overlap",
            "empty", "monai", "size_bins", "3,6,12,24", "bootstrap_seed", 0));
    String split = "test";
    final Map<Integer, String> labelNames = new LinkedHashMap<>(Map.of(1, "organ", 2, "lesion"));
    private final List<Map<String, Object>> cells = new ArrayList<>();
    private final List<String> summaryRows = new ArrayList<>();
    private final Map<String, List<Map<String, Object>>> bins = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Object>>> classes = new LinkedHashMap<>();
    private final List<String> timings = new ArrayList<>();

    /** A finished cell. */
    SweepFixture cell(String loss, long seed) {
        return cell(loss, seed, null);
    }

    /** A cell, failed with {@code failure} unless it is null. */
    SweepFixture cell(String loss, long seed, String failure) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("index", cells.size());
        c.put("key", String.format("%064d", cells.size()));
        c.put("dataset", DATASET);
        c.put("model", MODEL);
        c.put("loss", loss);
        c.put("seed", seed);
        c.put("status", failure == null ? "done" : "failed");
        if (failure != null) {
            c.put("failure", failure);
            c.put("exit_code", 3);
        }
        cells.add(c);
        return this;
    }

    /**
     * The mean Dice of a class, as summary.csv writes it ({@code nan} when undefined), with a {@code dsc_agg} row beside it
     * whose mean (0.123) the gate must not take for the Dice.
     */
    SweepFixture dice(String loss, int label, double mean) {
        row(loss, label, "dice", mean, mean);
        row(loss, label, "dsc_agg", 0.123, Double.NaN);
        return this;
    }

    /** The mean NSD of a class (the median is set to 0.5, which the gate must not take). */
    SweepFixture nsd(String loss, int label, double mean) {
        return row(loss, label, "nsd", mean, 0.5);
    }

    /** The median HD95 of a class in mm, with an infinite mean beside it (one case without a prediction), which the gate must not take. */
    SweepFixture hd95(String loss, int label, double median) {
        return row(loss, label, "hd95_mm", Double.POSITIVE_INFINITY, median);
    }

    /** The seed level of a class's mean Dice in summary.json: per-seed means, their number and the sd over them given by the test. */
    SweepFixture seedDice(String loss, int label, double sdOverSeeds, double... perSeed) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("seeds", perSeed.length);
        d.put("cases", perSeed.length);
        d.put("n_undefined", 0);
        d.put("mean", java.util.Arrays.stream(perSeed).average().orElse(Double.NaN));
        d.put("sd_over_seeds", Double.isNaN(sdOverSeeds) ? "nan" : (Object) sdOverSeeds);
        Map<String, Object> ps = new LinkedHashMap<>();
        for (int i = 0; i < perSeed.length; i++) {
            ps.put(Integer.toString(i), perSeed[i]);
        }
        d.put("per_seed", ps);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("label", label);
        c.put("dice", d);
        classes.computeIfAbsent(loss, k -> new ArrayList<>()).add(c);
        return this;
    }

    /** A summary.csv row: {@code mean} and {@code median} as given, the other statistics filler. */
    private SweepFixture row(String loss, int label, String metric, double mean, double median) {
        summaryRows.add(String.join(",", DATASET, MODEL, loss, Integer.toString(label), metric, "2", "2", "0", "0", num(mean), "0.1", num(median),
                num(median), num(median), "0.0", num(median), num(median), num(median), num(median)));
        return this;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "nan" : Double.isInfinite(v) ? "inf" : Double.toString(v);
    }

    /** A size bin of a class: reference lesions and detected ones (recall {@code nan} without lesions). */
    SweepFixture bin(String loss, int label, String bin, int lesions, int detected) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("label", label);
        b.put("bin_mm", bin);
        b.put("ref_lesions", lesions);
        b.put("detected", detected);
        b.put("detection_recall", lesions == 0 ? "nan" : (Object) (detected / (double) lesions));
        b.put("mean_lesion_dice", "nan");
        b.put("false_positive_lesions", 0);
        bins.computeIfAbsent(loss, k -> new ArrayList<>()).add(b);
        return this;
    }

    /** One case's inference seconds per sample (seed 0, cases case_000, case_001, ...). */
    SweepFixture timings(String loss, double... seconds) {
        for (double s : seconds) {
            int k = timings.size();
            timings.add(String.join(",", Integer.toString(k), String.format("%064d", k), DATASET, MODEL, loss, "0", String.format("case_%03d", k),
                    String.format(java.util.Locale.ROOT, "%.4f", s), "0.0100"));
        }
        return this;
    }

    /** Writes the folder {@code dir}/{@code name} and returns it. */
    Path write(Path dir, String name) throws IOException {
        Path d = dir.resolve(name);
        Files.createDirectories(d);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", name);
        spec.put("datasets", List.of(DATASET));
        spec.put("split", split);
        spec.put("split_seed", 0);
        spec.put("mode", "train");
        spec.put("evaluation", evaluation);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", "lossbench-sweep-manifest/1");
        manifest.put("sweep", name);
        manifest.put("spec", spec);
        manifest.put("cells", cells);
        Files.writeString(d.resolve("manifest.json"), Json.pretty(manifest));
        Files.writeString(d.resolve("summary.csv"), "dataset,model,loss,label,metric,cases,n,n_undefined,n_empty_ref,mean,sd,median,q1,q3,iqr,"
                + "min,max,ci95_low,ci95_high\n" + lines(summaryRows));
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("dataset", DATASET);
        group.put("model", MODEL);
        Map<String, String> names = new LinkedHashMap<>();
        labelNames.forEach((k, v) -> names.put(k.toString(), v));
        group.put("label_names", names);
        List<Object> losses = new ArrayList<>();
        Set<String> lossNames = new LinkedHashSet<>(bins.keySet());
        lossNames.addAll(classes.keySet());
        for (String loss : lossNames) {
            losses.add(Map.of("loss", loss, "metrics", List.of(), "classes", classes.getOrDefault(loss, List.of()), "size_bins",
                    bins.getOrDefault(loss, List.of())));
        }
        group.put("losses", losses);
        group.put("comparisons", List.of());
        Files.writeString(d.resolve("summary.json"), Json.pretty(Map.of("sweep", name, "groups", List.of(group), "failed", List.of())));
        Files.writeString(d.resolve("case_timings.csv"), "index,key,dataset,model,loss,seed,case,inference_s,evaluation_s\n" + lines(timings));
        return d;
    }

    private static String lines(List<String> rows) {
        StringBuilder sb = new StringBuilder();
        rows.forEach(r -> sb.append(r).append('\n'));
        return sb.toString();
    }
}
