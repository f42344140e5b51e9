package org.lossbench.cli.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lossbench.eval.Aggregation;
import org.lossbench.eval.Metric;
import org.lossbench.eval.report.MarkdownTable;
import org.lossbench.eval.report.ResultWriter;
import org.lossbench.eval.stats.Summary;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@code summary.md}: the sweep's tables, built as Tablesaw tables and rendered by {@link MarkdownTable}. */
public final class SummaryMarkdown {
    private SummaryMarkdown() {
    }

    /** @param labelNames per dataset, class names by label value (a class without a name shows its number only) */
    public static String of(SweepSpec spec, List<SweepTables.Group> groups, List<String> failures, int cells,
                            Map<String, Map<Integer, String>> labelNames) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Sweep ").append(spec.name()).append("\n\n");
        sb.append(cells).append(" cells (").append(spec.mode()).append(" mode; ").append(spec.split()).append(" split; seeds ")
                .append(spec.seeds()).append("); reference loss `").append(spec.referenceLoss()).append("`; empty-case policy ")
                .append(spec.evaluation().empty()).append(", NSD tolerance ").append(spec.evaluation().toleranceMm()).append(" mm.")
                .append(failures.isEmpty() ? "" : " **" + failures.size() + " failed.**").append("\n");
        for (SweepTables.Group g : groups) {
            sb.append("\n## ").append(g.dataset()).append(" / ").append(g.model()).append("\n\n");
            Map<Integer, String> names = labelNames.getOrDefault(g.dataset(), Map.of());
            dice(sb, g, names);
            smallObjects(sb, g, names);
            comparisons(sb, g, spec.referenceLoss(), names);
        }
        if (!failures.isEmpty()) {
            sb.append("\n## Failed cells\n\n");
            failures.forEach(f -> sb.append("- ").append(f).append('\n'));
        }
        return sb.toString();
    }

    private static void dice(StringBuilder sb, SweepTables.Group g, Map<Integer, String> names) {
        sb.append("### Dice per class and loss\n\n");
        sb.append("Mean ± sd, median and 95% bootstrap CI of the mean over the cases of all seeds; HD95 median (mm), NSD mean. "
                + "Bold: the best mean Dice of the class.\n\n");
        StringColumn cls = StringColumn.create("class");
        StringColumn loss = StringColumn.create("loss");
        IntColumn count = IntColumn.create("n");
        StringColumn meanSd = StringColumn.create("Dice mean ± sd");
        StringColumn median = StringColumn.create("median");
        StringColumn ci = StringColumn.create("95% CI");
        StringColumn hd95 = StringColumn.create("HD95 mm");
        StringColumn nsd = StringColumn.create("NSD");
        for (int label : labels(g)) {
            double best = Double.NEGATIVE_INFINITY;
            for (SweepTables.LossResult r : g.losses().values()) {
                Summary s = metric(r, label, Metric.DICE);
                if (s != null && !Double.isNaN(s.mean())) {
                    best = Math.max(best, s.mean());
                }
            }
            for (SweepTables.LossResult r : g.losses().values()) {
                Summary d = metric(r, label, Metric.DICE);
                Summary h = metric(r, label, Metric.HD95);
                Summary n = metric(r, label, Metric.NSD);
                if (d == null) {
                    continue;
                }
                String mean = fmt(d.mean()) + (Double.isNaN(d.sd()) ? "" : " ± " + fmt(d.sd()));
                if (d.mean() == best) {
                    mean = "**" + mean + "**";
                }
                cls.append(cls(label, names));
                loss.append(r.loss());
                count.append(d.n());
                meanSd.append(mean);
                median.append(fmt(d.median()));
                ci.append("[" + fmt(d.ciLow()) + ", " + fmt(d.ciHigh()) + "]");
                hd95.append(fmt(h.median()));
                nsd.append(fmt(n.mean()));
            }
        }
        sb.append(MarkdownTable.render(Table.create("dice", cls, loss, count, meanSd, median, ci, hd95, nsd)));
    }

    private static void smallObjects(StringBuilder sb, SweepTables.Group g, Map<Integer, String> names) {
        Map<Integer, Map<String, List<Aggregation.SizeBinSummary>>> rows = new TreeMap<>();
        List<String> binOrder = new ArrayList<>();
        for (SweepTables.LossResult r : g.losses().values()) {
            for (Aggregation.SizeBinSummary b : r.aggregation().sizeBins()) {
                if (!binOrder.contains(b.bin())) {
                    binOrder.add(b.bin());
                }
                rows.computeIfAbsent(b.label(), k -> new java.util.LinkedHashMap<>()).computeIfAbsent(b.bin(), k -> new ArrayList<>()).add(b);
            }
        }
        sb.append("\n### Small objects: lesion detection by size\n\n");
        sb.append("Reference lesions of all cases and seeds by equivalent diameter; recall = detected / lesions, lesion Dice with "
                + "missed lesions counted 0. Bold: the best recall of the class and size.\n\n");
        StringColumn cls = StringColumn.create("class");
        StringColumn size = StringColumn.create("size (mm)");
        StringColumn loss = StringColumn.create("loss");
        IntColumn lesions = IntColumn.create("lesions");
        IntColumn detected = IntColumn.create("detected");
        StringColumn recallCol = StringColumn.create("recall");
        StringColumn dice = StringColumn.create("lesion Dice");
        IntColumn fp = IntColumn.create("FP lesions");
        rows.forEach((label, byBin) -> {
            for (String bin : binOrder) {
                List<Aggregation.SizeBinSummary> bs = byBin.getOrDefault(bin, List.of());
                if (bs.stream().allMatch(b -> b.lesions() == 0 && b.falsePositives() == 0)) {
                    continue;
                }
                double best = bs.stream().mapToDouble(Aggregation.SizeBinSummary::detectionRecall).filter(v -> !Double.isNaN(v))
                        .max().orElse(Double.NaN);
                List<String> losses = new ArrayList<>(g.losses().keySet());
                for (int i = 0; i < bs.size(); i++) {
                    Aggregation.SizeBinSummary b = bs.get(i);
                    String recall = fmt(b.detectionRecall());
                    if (b.detectionRecall() == best) {
                        recall = "**" + recall + "**";
                    }
                    cls.append(cls(label, names));
                    size.append(bin);
                    loss.append(losses.get(i));
                    lesions.append(b.lesions());
                    detected.append(b.detected());
                    recallCol.append(recall);
                    dice.append(fmt(b.meanDice()));
                    fp.append(b.falsePositives());
                }
            }
        });
        sb.append(MarkdownTable.render(Table.create("small objects", cls, size, loss, lesions, detected, recallCol, dice, fp)));
    }

    private static void comparisons(StringBuilder sb, SweepTables.Group g, String reference, Map<Integer, String> names) {
        if (g.comparisons().isEmpty()) {
            return;
        }
        sb.append("\n### Paired comparison with `").append(reference).append("` (Dice)\n\n");
        sb.append("Wilcoxon signed-rank test on the pairs (seed, case) where both Dice values are defined; Holm's correction over "
                + "every loss and class below; **better** / **worse**: Holm p < ").append(SweepTables.ALPHA)
                .append(", by the sign of the median difference (loss − reference).\n\n");
        StringColumn cls = StringColumn.create("class");
        StringColumn loss = StringColumn.create("loss");
        IntColumn pairs = IntColumn.create("pairs");
        StringColumn delta = StringColumn.create("median ΔDice");
        StringColumn p = StringColumn.create("p");
        StringColumn holm = StringColumn.create("p (Holm)");
        StringColumn verdict = StringColumn.create("verdict");
        for (SweepTables.Comparison c : g.comparisons()) {
            cls.append(cls(c.label(), names));
            loss.append(c.loss());
            pairs.append(c.n());
            delta.append(fmt(c.medianDifference()));
            p.append(fmt(c.p()));
            holm.append(fmt(c.pHolm()));
            verdict.append(c.verdict().isEmpty() ? "" : "**" + c.verdict() + "**");
        }
        sb.append(MarkdownTable.render(Table.create("comparisons", cls, loss, pairs, delta, p, holm, verdict)));
    }

    private static String cls(int label, Map<Integer, String> names) {
        String n = names.get(label);
        return n == null ? Integer.toString(label) : label + " " + n;
    }

    private static TreeSet<Integer> labels(SweepTables.Group g) {
        TreeSet<Integer> out = new TreeSet<>();
        g.losses().values().forEach(r -> r.aggregation().metrics().forEach(m -> out.add(m.label())));
        return out;
    }

    private static Summary metric(SweepTables.LossResult r, int label, Metric m) {
        return r.aggregation().metrics().stream().filter(x -> x.label() == label && x.metric() == m).map(Aggregation.MetricSummary::summary)
                .findFirst().orElse(null);
    }

    private static String fmt(double v) {
        return ResultWriter.fmt(v);
    }
}
