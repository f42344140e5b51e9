package org.lossbench.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lossbench.eval.lesion.LesionRow;
import org.lossbench.eval.lesion.SizeBins;
import org.lossbench.eval.stats.Summary;

/**
 * Aggregates the results of many cases: per class and metric, a {@link Summary} across cases; per
 * class and lesion size bin, detection recall and mean lesion Dice over the reference lesions of all
 * cases pooled.
 */
public final class Aggregation {
    /** One class and metric across cases; {@code nEmptyRef} counts cases whose reference lacks the class. */
    public record MetricSummary(int label, Metric metric, int cases, int nEmptyRef, Summary summary) {
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
    private final List<SizeBinSummary> sizeBins;

    private Aggregation(List<MetricSummary> metrics, List<SizeBinSummary> sizeBins) {
        this.metrics = List.copyOf(metrics);
        this.sizeBins = List.copyOf(sizeBins);
    }

    public List<MetricSummary> metrics() {
        return metrics;
    }

    public List<SizeBinSummary> sizeBins() {
        return sizeBins;
    }

    /** Aggregates {@code cases}; the bootstrap of class l and metric m is seeded from {@code seed}, l and m. */
    public static Aggregation of(List<CaseResult> cases, SizeBins bins, long seed) {
        Map<Integer, List<ClassResult>> byClass = new TreeMap<>();
        for (CaseResult c : cases) {
            for (ClassResult r : c.classes()) {
                byClass.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r);
            }
        }
        List<MetricSummary> ms = new ArrayList<>();
        byClass.forEach((label, rs) -> {
            int empty = (int) rs.stream().filter(ClassResult::refEmpty).count();
            for (Metric m : Metric.values()) {
                double[] v = rs.stream().mapToDouble(m::of).toArray();
                long s = (seed * 1_000_003L + label) * 1_000_003L + m.ordinal();
                ms.add(new MetricSummary(label, m, rs.size(), empty, Summary.of(v, s)));
            }
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
        return new Aggregation(ms, bs);
    }
}
