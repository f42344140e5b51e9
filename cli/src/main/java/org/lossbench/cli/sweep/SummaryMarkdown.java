package org.lossbench.cli.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.lossbench.eval.Aggregation;
import org.lossbench.eval.Metric;
import org.lossbench.eval.panel.Collapse;
import org.lossbench.eval.panel.LesionDetection;
import org.lossbench.eval.panel.LossPanel;
import org.lossbench.eval.panel.ReferenceComparison;
import org.lossbench.eval.report.MarkdownTable;
import org.lossbench.eval.report.ResultWriter;
import org.lossbench.eval.stats.RankStability;
import org.lossbench.eval.stats.SeedLevelSummary;
import org.lossbench.eval.stats.Summary;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code summary.md}: the sweep's tables, built as Tablesaw tables and rendered by {@link MarkdownTable}.
 * Every table says how many seeds and cases stand behind its numbers; no table marks a winner that a
 * test does not support (descriptive figures are not bolded; verdicts come only from the paired tests,
 * and none from an underpowered table).
 */
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
        collapseRates(sb, groups);
        for (SweepTables.Group g : groups) {
            sb.append("\n## ").append(g.dataset()).append(" / ").append(g.model()).append("\n\n");
            Map<Integer, String> names = labelNames.getOrDefault(g.dataset(), Map.of());
            dice(sb, g, names);
            ranks(sb, g, names);
            smallObjects(sb, g, names);
            lesionDetection(sb, g, names);
            comparisons(sb, g, names);
        }
        if (!failures.isEmpty()) {
            sb.append("\n## Failed cells\n\n");
            failures.forEach(f -> sb.append("- ").append(f).append('\n'));
        }
        return sb.toString();
    }

    /** Per loss, over every group (dataset, model), seed and class: how often the loss's model never predicted the class. */
    private static void collapseRates(StringBuilder sb, List<SweepTables.Group> groups) {
        Map<String, int[]> rates = new LinkedHashMap<>();
        for (SweepTables.Group g : groups) {
            for (LossPanel.LossStats l : g.panel().losses()) {
                int[] r = rates.computeIfAbsent(l.loss(), k -> new int[2]);
                for (LossPanel.ClassStats c : l.classes()) {
                    r[0] += c.collapse().collapsedSeeds();
                    r[1] += c.collapse().seeds();
                }
            }
        }
        sb.append("\n## Collapse rate by loss\n\n");
        sb.append("A (dataset, model, seed, class) is collapsed when the seed's model predicts no voxel of the class in any case of "
                + "the split (docs/statistics.md).\n\n");
        StringColumn loss = StringColumn.create("loss");
        StringColumn collapsed = StringColumn.create("collapsed");
        StringColumn rate = StringColumn.create("rate");
        rates.forEach((l, r) -> {
            loss.append(l);
            collapsed.append(r[0] + " of " + r[1]);
            rate.append(r[1] == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100.0 * r[0] / r[1]));
        });
        sb.append(MarkdownTable.render(Table.create("collapse", loss, collapsed, rate)));
    }

    private static void dice(StringBuilder sb, SweepTables.Group g, Map<Integer, String> names) {
        sb.append("### Dice per class and loss\n\n");
        sb.append("Seed level: the mean Dice over the cases of each training seed, then the mean ± sd of those per-seed means, and its "
                + "95% hierarchical bootstrap interval (cases drawn once per resample and shared by the seeds drawn with them; docs/statistics.md). DSCagg: 2ΣTP / (2ΣTP + ΣFP + ΣFN) over the "
                + "cases of a seed (volumes in mm³), mean over seeds. HD95: median, NSD: mean, over every (seed, case). Collapsed: seeds "
                + "whose model never predicts the class; AUC: the class channel's mean ROC AUC for the reference voxels against the "
                + "rest (threshold-free; 0.5 is chance).\n\n");
        StringColumn cls = StringColumn.create("class");
        StringColumn loss = StringColumn.create("loss");
        StringColumn design = StringColumn.create("seeds × cases");
        StringColumn meanSd = StringColumn.create("Dice mean ± sd (seeds)");
        StringColumn ci = StringColumn.create("95% CI");
        StringColumn dsc = StringColumn.create("DSCagg");
        StringColumn hd95 = StringColumn.create("HD95 mm");
        StringColumn nsd = StringColumn.create("NSD");
        StringColumn collapsed = StringColumn.create("collapsed");
        StringColumn auc = StringColumn.create("AUC");
        for (int label : labels(g)) {
            for (LossPanel.LossStats l : g.panel().losses()) {
                LossPanel.ClassStats c = l.classStats(label);
                if (c == null) {
                    continue;
                }
                SeedLevelSummary d = c.dice();
                Collapse k = c.collapse();
                cls.append(cls(label, names));
                loss.append(l.loss());
                design.append(d.seeds() + " × " + d.cases());
                meanSd.append(k.always() ? "collapsed" : fmt(d.mean()) + (Double.isNaN(d.sd()) ? "" : " ± " + fmt(d.sd())));
                ci.append(k.always() ? "" : "[" + fmt(d.ciLow()) + ", " + fmt(d.ciHigh()) + "]");
                dsc.append(fmt(c.dscAggMean()) + (Double.isNaN(c.dscAggSd()) ? "" : " ± " + fmt(c.dscAggSd())));
                hd95.append(fmt(pooled(l, label, Metric.HD95).median()));
                nsd.append(fmt(pooled(l, label, Metric.NSD).mean()));
                collapsed.append(k.collapsedSeeds() + " of " + k.seeds());
                auc.append(fmt(k.meanAuc()));
            }
        }
        sb.append(MarkdownTable.render(Table.create("dice", cls, loss, design, meanSd, ci, dsc, hd95, nsd, collapsed, auc)));
    }

    private static void ranks(StringBuilder sb, SweepTables.Group g, Map<Integer, String> names) {
        if (g.panel().ranks().isEmpty()) {
            return;
        }
        RankStability.Result first = g.panel().ranks().values().iterator().next();
        sb.append("\n### Rank stability (Dice)\n\n");
        sb.append("Losses ranked by mean Dice (mean over seeds of the per-seed mean); ").append(first.resamples())
                .append(" bootstrap resamples draw the cases (the same for every loss) and each loss's seeds with replacement "
                        + "(challengeR, Wiesenfarth et al. 2021). P(best): share of resamples in which the loss ranks first; "
                        + "Kendall's τ: agreement of the resampled rankings with the observed one.\n\n");
        StringColumn cls = StringColumn.create("class");
        StringColumn loss = StringColumn.create("loss");
        IntColumn rank = IntColumn.create("rank");
        StringColumn pBest = StringColumn.create("P(best)");
        StringColumn meanRank = StringColumn.create("mean rank");
        StringColumn tau = StringColumn.create("Kendall τ (median)");
        g.panel().ranks().forEach((label, r) -> {
            for (RankStability.LossRank l : r.losses()) {
                cls.append(cls(label, names));
                loss.append(l.loss());
                rank.append(l.rank());
                pBest.append(fmt(l.pBest()));
                meanRank.append(String.format(Locale.ROOT, "%.2f", l.meanRank()));
                tau.append(fmt(r.kendallTauMedian()));
            }
        });
        sb.append(MarkdownTable.render(Table.create("ranks", cls, loss, rank, pBest, meanRank, tau)));
    }

    /** Per class (ascending) and size bin, the losses' bin summaries in loss order; the bins in the order they first appear. */
    private record SizeBinRows(Map<Integer, Map<String, List<Aggregation.SizeBinSummary>>> byLabel, List<String> bins, List<String> losses) {
        static SizeBinRows of(LossPanel panel) {
            SizeBinRows out = new SizeBinRows(new TreeMap<>(), new ArrayList<>(), new ArrayList<>());
            for (LossPanel.LossStats l : panel.losses()) {
                out.losses().add(l.loss());
                for (Aggregation.SizeBinSummary b : l.pooled().sizeBins()) {
                    if (!out.bins().contains(b.bin())) {
                        out.bins().add(b.bin());
                    }
                    out.byLabel().computeIfAbsent(b.label(), k -> new LinkedHashMap<>()).computeIfAbsent(b.bin(), k -> new ArrayList<>()).add(b);
                }
            }
            return out;
        }
    }

    private static void smallObjects(StringBuilder sb, SweepTables.Group g, Map<Integer, String> names) {
        SizeBinRows rows = SizeBinRows.of(g.panel());
        LossPanel.LossStats first = g.panel().losses().get(0);
        sb.append("\n### Small objects: lesion detection by size\n\n");
        sb.append("Reference lesions by equivalent diameter, pooled over the cases and seeds (").append(first.seeds())
                .append(" seed(s) × ").append(first.cases()).append(" cases for `").append(first.loss())
                .append("`: each reference lesion counts once per seed); recall = detected / lesions, lesion Dice with missed "
                        + "lesions counted 0.\n\n");
        StringColumn cls = StringColumn.create("class");
        StringColumn size = StringColumn.create("size (mm)");
        StringColumn loss = StringColumn.create("loss");
        IntColumn lesions = IntColumn.create("lesions");
        IntColumn detected = IntColumn.create("detected");
        StringColumn recallCol = StringColumn.create("recall");
        StringColumn dice = StringColumn.create("lesion Dice");
        IntColumn fp = IntColumn.create("FP lesions");
        rows.byLabel().forEach((label, byBin) -> {
            for (String bin : rows.bins()) {
                List<Aggregation.SizeBinSummary> bs = byBin.getOrDefault(bin, List.of());
                if (bs.stream().allMatch(b -> b.lesions() == 0 && b.falsePositives() == 0)) {
                    continue;
                }
                for (int i = 0; i < bs.size(); i++) {
                    Aggregation.SizeBinSummary b = bs.get(i);
                    cls.append(cls(label, names));
                    size.append(bin);
                    loss.append(rows.losses().get(i));
                    lesions.append(b.lesions());
                    detected.append(b.detected());
                    recallCol.append(fmt(b.detectionRecall()));
                    dice.append(fmt(b.meanDice()));
                    fp.append(b.falsePositives());
                }
            }
        });
        sb.append(MarkdownTable.render(Table.create("small objects", cls, size, loss, lesions, detected, recallCol, dice, fp)));
    }

    /** Detection recall per bin with its bootstrap interval and its shift from the reference (docs/statistics.md). */
    private static void lesionDetection(StringBuilder sb, SweepTables.Group g, Map<Integer, String> names) {
        LesionDetection d = g.panel().lesions();
        if (d.rows().isEmpty() || g.panel().losses().size() < 2) {
            return;
        }
        sb.append("\n### Small objects: detection recall against `").append(d.reference()).append("`\n\n");
        sb.append("Recall pooled over seeds and cases as above; 95% crossed hierarchical bootstrap intervals (")
                .append(LesionDetection.RESAMPLES).append(" resamples: the cases drawn once per resample and shared by every loss, "
                        + "each loss's seeds drawn on their own; lesions move with their case). Δ recall: the loss's recall minus `")
                .append(d.reference()).append("`'s, with its interval from the same resamples. Descriptive: with few cases these "
                        + "intervals are too narrow rather than too wide, and no verdict is drawn from them.\n\n");
        StringColumn cls = StringColumn.create("class");
        StringColumn size = StringColumn.create("size (mm)");
        StringColumn loss = StringColumn.create("loss");
        IntColumn seeds = IntColumn.create("seeds");
        IntColumn lesions = IntColumn.create("lesions");
        IntColumn detected = IntColumn.create("detected");
        StringColumn recall = StringColumn.create("recall [95% CI]");
        StringColumn shift = StringColumn.create("Δ recall [95% CI]");
        for (LesionDetection.Row r : d.rows()) {
            cls.append(cls(r.label(), names));
            size.append(r.bin());
            loss.append(r.loss());
            seeds.append(r.seeds());
            lesions.append(r.lesions());
            detected.append(r.detected());
            recall.append(fmt(r.recall()) + " [" + fmt(r.ciLow()) + ", " + fmt(r.ciHigh()) + "]");
            shift.append(Double.isNaN(r.shift()) ? "" : fmt(r.shift()) + " [" + fmt(r.shiftLow()) + ", " + fmt(r.shiftHigh()) + "]");
        }
        sb.append(MarkdownTable.render(Table.create("lesion detection", cls, size, loss, seeds, lesions, detected, recall, shift)));
    }

    private static void comparisons(StringBuilder sb, SweepTables.Group g, Map<Integer, String> names) {
        ReferenceComparison c = g.panel().comparison();
        if (c.rows().isEmpty()) {
            return;
        }
        sb.append("\n### Paired comparison with `").append(c.reference()).append("` (Dice)\n\n");
        sb.append("Wilcoxon signed-rank test per class on the cases, each the mean Dice over the loss's seeds (zero differences "
                + "dropped; exact, permutation or tie-corrected normal p as scipy); Hodges-Lehmann shift (loss − reference) with its "
                + "95% interval; Holm's correction over the ").append(c.tests()).append(" tests below. **better** / **worse**: Holm p < ")
                .append(c.alpha()).append(", by the sign of the shift.\n\n");
        sb.append("Power: with ").append(c.pairs()).append(" pairs and ").append(c.tests())
                .append(" tests, the smallest Holm-adjusted p this design can reach is ").append(fmt(c.floor())).append('.');
        if (c.underpowered()) {
            sb.append(" **Underpowered:** that is not below ").append(c.alpha())
                    .append(", so no outcome could show a difference; the table gives no verdict and says nothing about which loss is better.");
        }
        sb.append("\n\n");
        StringColumn cls = StringColumn.create("class");
        StringColumn loss = StringColumn.create("loss");
        IntColumn pairs = IntColumn.create("pairs");
        IntColumn zeros = IntColumn.create("ties at 0");
        StringColumn shift = StringColumn.create("HL ΔDice [95% CI]");
        StringColumn p = StringColumn.create("p");
        StringColumn holm = StringColumn.create("p (Holm)");
        StringColumn verdict = StringColumn.create("verdict");
        for (ReferenceComparison.Row row : c.rows()) {
            var r = row.result();
            cls.append(cls(r.label(), names));
            loss.append(row.loss());
            pairs.append(r.n());
            zeros.append(r.nZero());
            shift.append(r.n() == 0 ? "" : fmt(r.hodgesLehmann()) + " [" + fmt(r.hlLow()) + ", " + fmt(r.hlHigh()) + "]");
            p.append(fmt(r.pValue()));
            holm.append(fmt(r.pHolm()));
            verdict.append(c.underpowered() ? "underpowered" : row.verdict().isEmpty() ? "" : "**" + row.verdict() + "**");
        }
        sb.append(MarkdownTable.render(Table.create("comparisons", cls, loss, pairs, zeros, shift, p, holm, verdict)));
    }

    private static String cls(int label, Map<Integer, String> names) {
        String n = names.get(label);
        return n == null ? Integer.toString(label) : label + " " + n;
    }

    private static List<Integer> labels(SweepTables.Group g) {
        java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
        g.panel().losses().forEach(l -> l.classes().forEach(c -> out.add(c.label())));
        return new ArrayList<>(out);
    }

    private static Summary pooled(LossPanel.LossStats l, int label, Metric m) {
        return l.pooled().metrics().stream().filter(x -> x.label() == label && x.metric() == m).map(Aggregation.MetricSummary::summary)
                .findFirst().orElseThrow();
    }

    private static String fmt(double v) {
        return ResultWriter.fmt(v);
    }
}
