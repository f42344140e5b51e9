package org.lossbench.eval.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.core.io.Json;
import org.lossbench.eval.AggregatedDice;
import org.lossbench.eval.Aggregation;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.EvalConfig;
import org.lossbench.eval.Metric;
import org.lossbench.eval.results.CsvCodec;
import org.lossbench.eval.results.ResultTables;
import org.lossbench.eval.stats.Summary;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Writes an evaluation's tables: {@code cases.csv} (one row per case and class), {@code lesions.csv}
 * (one row per reference lesion and per unmatched predicted lesion), {@code summary.csv} (per class
 * and metric across cases, and per class a {@value #DSC_AGG} row whose {@code mean} is the
 * aggregated Dice, the volume-weighted mean of the per-case Dice), {@code summary.json} (the
 * configuration, the same summary and the size bins, with the SHA-256 of the compact configuration
 * JSON) and {@code summary.md} (human-readable, with a {@value #DSC_AGG} column).
 * Each file is written atomically.
 */
public final class ResultWriter {
    /** The columns of {@code cases.csv} and {@code lesions.csv}: declared in the results schema ({@link ResultTables}). */
    public static final List<String> CASE_COLUMNS = ResultTables.CASES.names();
    public static final List<String> LESION_COLUMNS = ResultTables.LESIONS.names();
    public static final List<String> SUMMARY_COLUMNS = List.of("label", "metric", "cases", "n", "n_undefined", "n_empty_ref",
            "mean", "sd", "median", "q1", "q3", "iqr", "min", "max", "ci95_low", "ci95_high");
    /** The {@code metric} of the aggregated-Dice rows of {@code summary.csv}. */
    public static final String DSC_AGG = "dsc_agg";

    /**
     * One row of {@code summary.csv}: a metric's {@link Summary} across cases, or a class's DSCagg,
     * whose {@code n} counts the cases holding the class in either map, {@code nUndefined} the others,
     * {@code mean} is DSCagg and the order statistics are NaN.
     */
    private record SummaryRow(int label, String metric, int cases, int n, int nUndefined, int nEmptyRef, Summary s) {
        static SummaryRow of(Aggregation.MetricSummary m) {
            return new SummaryRow(m.label(), m.metric().column(), m.cases(), m.summary().n(), m.summary().nUndefined(),
                    m.nEmptyRef(), m.summary());
        }

        static SummaryRow of(Aggregation.DscAggSummary d) {
            double nan = Double.NaN;
            AggregatedDice a = d.dice();
            return new SummaryRow(d.label(), DSC_AGG, a.cases(), a.contributing(), a.cases() - a.contributing(), d.nEmptyRef(),
                    new Summary(a.contributing(), a.cases() - a.contributing(), a.value(), nan, nan, nan, nan, nan, nan, nan,
                            d.ciLow(), d.ciHigh()));
        }
    }

    private ResultWriter() {
    }

    /** Writes the five files into {@code dir} and returns the Markdown summary. */
    public static String write(Path dir, EvalConfig config, List<CaseResult> cases, Aggregation agg, Map<String, Object> provenance) {
        String casesCsv = casesCsv(cases);
        String lesionsCsv = lesionsCsv(cases);
        String summaryCsv = summaryCsv(agg);
        String json = summaryJson(config, cases, agg, provenance);
        String md = summaryMarkdown(config, cases, agg);
        AtomicFiles.writeString(dir.resolve("cases.csv"), casesCsv);
        AtomicFiles.writeString(dir.resolve("lesions.csv"), lesionsCsv);
        AtomicFiles.writeString(dir.resolve("summary.csv"), summaryCsv);
        AtomicFiles.writeString(dir.resolve("summary.json"), json);
        AtomicFiles.writeString(dir.resolve("summary.md"), md);
        return md;
    }

    public static String casesCsv(List<CaseResult> cases) {
        return CsvCodec.write(ResultTables.CASES, ResultTables.classRows(cases));
    }

    public static String lesionsCsv(List<CaseResult> cases) {
        return CsvCodec.write(ResultTables.LESIONS, ResultTables.lesionRows(cases));
    }

    static String summaryCsv(Aggregation agg) {
        Csv csv = new Csv().header(SUMMARY_COLUMNS);
        for (SummaryRow r : summaryRows(agg)) {
            Summary s = r.s();
            csv.row(r.label(), r.metric(), r.cases(), r.n(), r.nUndefined(), r.nEmptyRef(), s.mean(), s.sd(),
                    s.median(), s.q1(), s.q3(), s.iqr(), s.min(), s.max(), s.ciLow(), s.ciHigh());
        }
        return csv.toString();
    }

    /** Per class in label order, its metrics' rows in {@link Metric} order, then its DSCagg row. */
    private static List<SummaryRow> summaryRows(Aggregation agg) {
        Map<Integer, List<SummaryRow>> byClass = new TreeMap<>();
        agg.metrics().forEach(m -> byClass.computeIfAbsent(m.label(), k -> new ArrayList<>()).add(SummaryRow.of(m)));
        agg.dscAgg().forEach(d -> byClass.computeIfAbsent(d.label(), k -> new ArrayList<>()).add(SummaryRow.of(d)));
        List<SummaryRow> out = new ArrayList<>();
        byClass.values().forEach(out::addAll);
        return out;
    }

    static String summaryJson(EvalConfig config, List<CaseResult> cases, Aggregation agg, Map<String, Object> provenance) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode cfg = root.putObject("config");
        cfg.putPOJO("labels", config.labels());
        cfg.put("nsd_tolerance_mm", config.tolerances().defaultMm());
        ObjectNode per = cfg.putObject("nsd_tolerance_mm_per_class");
        config.tolerances().perClass().forEach((k, v) -> per.put(Integer.toString(k), v));
        cfg.put("connectivity", config.connectivity().neighbours());
        cfg.put("match", config.matching().toString());
        cfg.putPOJO("size_bin_edges_mm", config.sizeBins().edges());
        cfg.put("empty", config.emptyPolicy().id());
        cfg.put("hd_percentile", 95);
        root.put("config_sha256", sha256(cfg.toString()));
        root.putPOJO("provenance", provenance);
        root.put("cases", cases.size());
        ArrayNode ids = root.putArray("case_ids");
        cases.forEach(c -> ids.add(c.caseId()));
        ArrayNode metrics = root.putArray("metrics");
        for (SummaryRow r : summaryRows(agg)) {
            Summary s = r.s();
            ObjectNode o = metrics.addObject();
            o.put("label", r.label());
            o.put("metric", r.metric());
            o.put("cases", r.cases());
            o.put("n", r.n());
            o.put("n_undefined", r.nUndefined());
            o.put("n_empty_ref", r.nEmptyRef());
            number(o, "mean", s.mean());
            number(o, "sd", s.sd());
            number(o, "median", s.median());
            number(o, "q1", s.q1());
            number(o, "q3", s.q3());
            number(o, "iqr", s.iqr());
            number(o, "min", s.min());
            number(o, "max", s.max());
            number(o, "ci95_low", s.ciLow());
            number(o, "ci95_high", s.ciHigh());
        }
        ArrayNode bins = root.putArray("size_bins");
        for (Aggregation.SizeBinSummary b : agg.sizeBins()) {
            ObjectNode o = bins.addObject();
            o.put("label", b.label());
            o.put("bin_mm", b.bin());
            o.put("ref_lesions", b.lesions());
            o.put("detected", b.detected());
            number(o, "detection_recall", b.detectionRecall());
            number(o, "mean_lesion_dice", b.meanDice());
            o.put("false_positive_lesions", b.falsePositives());
        }
        return Json.pretty(root);
    }

    /** Hex SHA-256 of the UTF-8 bytes of {@code text}. */
    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** JSON has no NaN or infinity: they are written as the strings "nan", "inf", "-inf", as in the CSV files. */
    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.put(key, Csv.number(v));
        }
    }

    static String summaryMarkdown(EvalConfig config, List<CaseResult> cases, Aggregation agg) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Evaluation summary\n\n");
        sb.append(cases.size()).append(" cases; empty-case policy ").append(config.emptyPolicy().id())
                .append("; NSD tolerance ").append(fmt(config.tolerances().defaultMm())).append(" mm")
                .append(config.tolerances().perClass().isEmpty() ? "" : " (per class " + config.tolerances().perClass() + ")")
                .append("; ").append(config.connectivity().neighbours()).append("-connectivity; matching ")
                .append(config.matching()).append(".\n\n");
        sb.append("Mean ± sd over n cases (n counts cases where the value is defined; empty = cases without the class in ")
                .append("the reference); ").append(DSC_AGG).append(": aggregated Dice 2ΣTP / (2ΣTP + ΣFP + ΣFN) over all cases, volumes in mm³.\n\n");
        Metric[] shown = {Metric.DICE, Metric.HD95, Metric.ASSD, Metric.NSD, Metric.LESION_F1, Metric.LESIONWISE_DICE};
        StringColumn cls = StringColumn.create("class");
        StringColumn nEmpty = StringColumn.create("n / empty");
        StringColumn dscAgg = StringColumn.create(DSC_AGG);
        List<StringColumn> values = new ArrayList<>();
        for (Metric m : shown) {
            values.add(StringColumn.create(m.column()));
        }
        Map<Integer, Map<Metric, Aggregation.MetricSummary>> byClass = new TreeMap<>();
        for (Aggregation.MetricSummary m : agg.metrics()) {
            byClass.computeIfAbsent(m.label(), k -> new TreeMap<>()).put(m.metric(), m);
        }
        Map<Integer, Aggregation.DscAggSummary> pooled = new TreeMap<>();
        agg.dscAgg().forEach(d -> pooled.put(d.label(), d));
        byClass.forEach((label, ms) -> {
            Aggregation.MetricSummary dice = ms.get(Metric.DICE);
            cls.append(Integer.toString(label));
            nEmpty.append(dice.summary().n() + " / " + dice.nEmptyRef());
            dscAgg.append(fmt(pooled.get(label).dice().value()));
            for (int i = 0; i < shown.length; i++) {
                var s = ms.get(shown[i]).summary();
                values.get(i).append(fmt(s.mean()) + (Double.isNaN(s.sd()) ? "" : " ± " + fmt(s.sd())) + " (n " + s.n() + ")");
            }
        });
        Table perClass = Table.create("per class", cls, nEmpty, dscAgg);
        values.forEach(perClass::addColumns);
        sb.append(MarkdownTable.render(perClass));
        sb.append("\n## Detection by lesion size (equivalent diameter, reference lesions of all cases)\n\n");
        StringColumn binCls = StringColumn.create("class");
        StringColumn size = StringColumn.create("size (mm)");
        IntColumn lesions = IntColumn.create("lesions");
        IntColumn detected = IntColumn.create("detected");
        StringColumn recall = StringColumn.create("recall");
        StringColumn lesionDice = StringColumn.create("mean lesion Dice");
        IntColumn fp = IntColumn.create("FP lesions");
        List<Aggregation.SizeBinSummary> bins = new ArrayList<>(agg.sizeBins());
        bins.sort(Comparator.comparingInt(Aggregation.SizeBinSummary::label));
        for (Aggregation.SizeBinSummary b : bins) {
            if (b.lesions() == 0 && b.falsePositives() == 0) {
                continue;
            }
            binCls.append(Integer.toString(b.label()));
            size.append(b.bin());
            lesions.append(b.lesions());
            detected.append(b.detected());
            recall.append(fmt(b.detectionRecall()));
            lesionDice.append(fmt(b.meanDice()));
            fp.append(b.falsePositives());
        }
        sb.append(MarkdownTable.render(Table.create("size bins", binCls, size, lesions, detected, recall, lesionDice, fp)));
        return sb.toString();
    }

    public static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return Csv.number(v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
