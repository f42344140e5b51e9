package org.lossbench.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lossbench.eval.AggregatedDice;
import org.lossbench.eval.lesion.LesionRow;
import org.lossbench.eval.lesion.SizeBins;
import org.lossbench.eval.stats.Summary;

/**
 * Aggregates the results of many cases: per class and metric, a {@link Summary} across cases; per
 * class, the aggregated Dice (DSCagg, {@link AggregatedDice}) with its bootstrap interval; per class
 * and lesion size bin, detection recall and mean lesion Dice over the reference lesions of all cases
 * pooled.
 */
public final class Aggregation {
    /** One class and metric across cases; {@code nEmptyRef} counts cases whose reference lacks the class. */
    public record MetricSummary(int label, Metric metric, int cases, int nEmptyRef, Summary summary) {
    }

    /**
     * DSCagg of one class over the cases, with its 95% bootstrap interval over cases
     * ({@link AggregatedDice#bootstrapCi}); {@code nEmptyRef} counts cases whose reference lacks the class.
     */
    public record DscAggSummary(int label, int nEmptyRef, AggregatedDice dice, double ciLow, double ciHigh) {
    }

    /**
     * Reference lesions of one class and size bin, pooled over cases.
     *
     * @param detectionRecall detected / lesions (NaN when the bin is empty)
     * @param meanDice mean lesion Dice, a missed lesion counting 0 (NaN when the bin is empty)
     * @param falsePositives unmatched predicted lesions whose own diameter falls in the bin
     */
    public record SizeBinSummary(int label, String bin, int lesions, int detected, double detectionRecall,
                                 double meanDice, int falsePositives) {
    }

    private final List<MetricSummary> metrics;
    private final List<DscAggSummary> dscAgg;
    private final List<SizeBinSummary> sizeBins;

    private Aggregation(List<MetricSummary> metrics, List<DscAggSummary> dscAgg, List<SizeBinSummary> sizeBins) {
        this.metrics = List.copyOf(metrics);
        this.dscAgg = List.copyOf(dscAgg);
        this.sizeBins = List.copyOf(sizeBins);
    }

    public List<MetricSummary> metrics() {
        return metrics;
    }

    /** DSCagg per class, in label order. */
    public List<DscAggSummary> dscAgg() {
        return dscAgg;
    }

    public List<SizeBinSummary> sizeBins() {
        return sizeBins;
    }

    /**
     * Aggregates {@code cases}; the bootstrap of class l and metric m is seeded from {@code seed}, l and
     * m, that of class l's DSCagg as if it were the metric after the last.
     */
    public static Aggregation of(List<CaseResult> cases, SizeBins bins, long seed) {
        Map<Integer, List<ClassResult>> byClass = new TreeMap<>();
        for (CaseResult c : cases) {
            for (ClassResult r : c.classes()) {
                byClass.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r);
            }
        }
        List<MetricSummary> ms = new ArrayList<>();
        List<DscAggSummary> agg = new ArrayList<>();
        byClass.forEach((label, rs) -> {
            int empty = (int) rs.stream().filter(ClassResult::refEmpty).count();
            for (Metric m : Metric.values()) {
                double[] v = rs.stream().mapToDouble(m::of).toArray();
                ms.add(new MetricSummary(label, m, rs.size(), empty, Summary.of(v, bootstrapSeed(seed, label, m.ordinal()))));
            }
            double[] ci = AggregatedDice.bootstrapCi(rs, bootstrapSeed(seed, label, Metric.values().length));
            agg.add(new DscAggSummary(label, empty, AggregatedDice.of(rs), ci[0], ci[1]));
        });
        List<SizeBinSummary> bs = new ArrayList<>();
        for (int label : byClass.keySet()) {
            int[] n = new int[bins.count()];
            int[] det = new int[bins.count()];
            double[] dice = new double[bins.count()];
            int[] fp = new int[bins.count()];
            for (CaseResult c : cases) {
                for (LesionRow row : c.lesions()) {
                    if (row.label() != label) {
                        continue;
                    }
                    int b = bins.binOf(row.diameterMm());
                    if (row.source().equals("ref")) {
                        n[b]++;
                        if (row.matchedId() > 0) {
                            det[b]++;
                        }
                        dice[b] += row.dice();
                    } else {
                        fp[b]++;
                    }
                }
            }
            for (int b = 0; b < bins.count(); b++) {
                bs.add(new SizeBinSummary(label, bins.name(b), n[b], det[b], n[b] == 0 ? Double.NaN : det[b] / (double) n[b],
                        n[b] == 0 ? Double.NaN : dice[b] / n[b], fp[b]));
            }
        }
        return new Aggregation(ms, agg, bs);
    }

    private static long bootstrapSeed(long seed, int label, int statistic) {
        return (seed * 1_000_003L + label) * 1_000_003L + statistic;
    }
}
