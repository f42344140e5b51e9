package org.lossbench.cli.sweep;

import java.util.List;
import java.util.Map;
import org.lossbench.eval.Aggregation;
import org.lossbench.eval.panel.LesionDetection;
import org.lossbench.eval.panel.LossPanel;
import org.lossbench.eval.panel.ReferenceComparison;
import org.lossbench.eval.results.SummaryFile;
import org.lossbench.eval.panel.Collapse;
import org.lossbench.eval.panel.PairedComparison;
import org.lossbench.eval.stats.RankStability;
import org.lossbench.eval.stats.SeedLevelSummary;
import org.lossbench.eval.stats.Summary;

/**
 * {@code summary.json} ({@link SummaryFile}) from the sweep's statistics: per (dataset, model) group and loss, the
 * pooled statistics of every metric ({@link Aggregation}) and the size-bin tables, the seed-level figures of each class
 * ({@link SeedLevelSummary}, DSCagg per seed, {@link Collapse}), the rank stability per class ({@link RankStability})
 * the comparison with the reference loss ({@link ReferenceComparison}) with its power floor, and lesion detection by size
 * ({@link LesionDetection}). Each method maps one
 * statistic to its record.
 */
final class SummaryJson {
    private SummaryJson() {
    }

    static SummaryFile of(SweepSpec spec, List<SweepTables.Group> groups, int cells, List<String> failures,
                          Map<String, Map<Integer, String>> labelNames) {
        return new SummaryFile(spec.name(), SweepResults.specSha256(spec), cells, spec.referenceLoss(),
                groups.stream().map(g -> group(g, labelNames.getOrDefault(g.dataset(), Map.of()))).toList(), failures);
    }

    private static SummaryFile.Group group(SweepTables.Group g, Map<Integer, String> labelNames) {
        LossPanel p = g.panel();
        return new SummaryFile.Group(g.dataset(), g.model(), labelNames, p.losses().stream().map(SummaryJson::loss).toList(),
                p.ranks().entrySet().stream().map(e -> ranks(e.getKey(), e.getValue())).toList(), comparison(p.comparison()),
                p.lesions().rows().stream().map(SummaryJson::lesionDetection).toList());
    }

    private static SummaryFile.LesionDetection lesionDetection(LesionDetection.Row r) {
        return new SummaryFile.LesionDetection(r.label(), r.bin(), r.loss(), r.seeds(), r.lesions(), r.detected(), r.recall(), r.ciLow(),
                r.ciHigh(), r.shift(), r.shiftLow(), r.shiftHigh());
    }

    /** A loss: its cells are its seeds (one cell per seed in a group). */
    private static SummaryFile.Loss loss(LossPanel.LossStats r) {
        return new SummaryFile.Loss(r.loss(), r.seeds(), r.seeds(), r.cases(), r.pooled().metrics().stream().map(SummaryJson::metric).toList(),
                r.classes().stream().map(SummaryJson::classStats).toList(), r.pooled().sizeBins().stream().map(SummaryJson::sizeBin).toList());
    }

    private static SummaryFile.MetricStats metric(Aggregation.MetricSummary m) {
        Summary s = m.summary();
        return new SummaryFile.MetricStats(m.label(), m.metric().column(), s.n(), s.nUndefined(), m.nEmptyRef(), s.mean(), s.sd(),
                s.median(), s.ciLow(), s.ciHigh());
    }

    private static SummaryFile.SizeBin sizeBin(Aggregation.SizeBinSummary b) {
        return new SummaryFile.SizeBin(b.label(), b.bin(), b.lesions(), b.detected(), b.detectionRecall(), b.meanDice(), b.falsePositives());
    }

    private static SummaryFile.ClassStats classStats(LossPanel.ClassStats c) {
        SeedLevelSummary d = c.dice();
        Collapse k = c.collapse();
        return new SummaryFile.ClassStats(c.label(),
                new SummaryFile.SeedDice(d.seeds(), d.cases(), d.nUndefined(), d.mean(), d.sd(), d.ciLow(), d.ciHigh(), d.seedMeans()),
                new SummaryFile.DscAgg(c.dscAggMean(), c.dscAggSd(), c.dscAggBySeed()),
                new SummaryFile.Collapse(k.seeds(), k.collapsedSeeds(), k.meanAuc(), k.meanPeakInRef()));
    }

    /** The rank stability of a class, always on Dice. */
    private static SummaryFile.Ranks ranks(int label, RankStability.Result r) {
        return new SummaryFile.Ranks(label, "dice", r.resamples(), r.kendallTauMean(), r.kendallTauMedian(), r.losses().stream()
                .map(l -> new SummaryFile.LossRank(l.loss(), l.score(), l.rank(), l.pBest(), l.meanRank(), l.medianRank(), l.rankCounts()))
                .toList());
    }

    /** The comparison with the reference, on Dice, paired on the cases' means over seeds. */
    private static SummaryFile.Comparison comparison(ReferenceComparison c) {
        return new SummaryFile.Comparison(c.reference(), "dice", "case means over seeds", c.alpha(), c.tests(), c.pairs(), c.floor(),
                c.underpowered(), c.rows().stream().map(SummaryJson::comparisonRow).toList());
    }

    private static SummaryFile.ComparisonRow comparisonRow(ReferenceComparison.Row row) {
        PairedComparison.Result r = row.result();
        return new SummaryFile.ComparisonRow(row.loss(), r.label(), r.n(), r.nZero(), r.medianDifference(), r.hodgesLehmann(), r.hlLow(),
                r.hlHigh(), r.hlCoverage(), r.method().label(), r.statistic(), r.pValue(), r.pHolm(), row.verdict());
    }
}
