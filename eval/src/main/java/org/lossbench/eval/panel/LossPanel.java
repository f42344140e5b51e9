package org.lossbench.eval.panel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.lossbench.eval.AggregatedDice;
import org.lossbench.eval.Aggregation;
import org.lossbench.eval.Metric;
import org.lossbench.eval.lesion.SizeBins;
import org.lossbench.eval.panel.Collapse;
import org.lossbench.eval.stats.RankStability;
import org.lossbench.eval.stats.SeedLevelSummary;

/**
 * The statistics of a loss panel: the losses compared on one dataset and model, each trained with
 * one or more seeds and evaluated on the same cases (docs/statistics.md). Per loss: the pooled
 * {@link Aggregation} over every (seed, case) pair (summary.csv, the lesion size bins), and per class
 * the seed-level Dice ({@link SeedLevelSummary}: per-seed means, their mean and sd, the hierarchical
 * bootstrap interval), DSCagg per seed with its mean and sd over seeds, and the {@link Collapse}
 * diagnosis. Per class, the {@link RankStability} of the losses on Dice; every loss against the
 * reference ({@link ReferenceComparison}); and lesion detection by size with its bootstrap intervals
 * ({@link LesionDetection}).
 */
public record LossPanel(List<LossStats> losses, SortedMap<Integer, RankStability.Result> ranks, ReferenceComparison comparison,
                        LesionDetection lesions) {
    /** Significance level of the comparisons' verdicts. */
    public static final double ALPHA = 0.05;

    /**
     * One class of one loss.
     *
     * @param dscAggBySeed per seed, DSCagg over that seed's cases (NaN where no case holds the class in
     *                     either map)
     * @param dscAggMean mean of the finite per-seed DSCagg values (NaN when none is)
     * @param dscAggSd their sample standard deviation ({@code ddof=1}; NaN for fewer than two)
     */
    public record ClassStats(int label, SeedLevelSummary dice, SortedMap<Long, Double> dscAggBySeed, double dscAggMean, double dscAggSd,
                             Collapse collapse) {
    }

    /** One loss: how many seeds and cases stand behind its figures, the pooled aggregation, and each class. */
    public record LossStats(String loss, int seeds, int cases, Aggregation pooled, List<ClassStats> classes) {
        public ClassStats classStats(int label) {
            return classes.stream().filter(c -> c.label() == label).findFirst().orElse(null);
        }
    }

    public LossPanel {
        losses = List.copyOf(losses);
        ranks = new TreeMap<>(ranks);
    }

    public LossStats loss(String name) {
        return losses.stream().filter(l -> l.loss().equals(name)).findFirst().orElse(null);
    }

    /**
     * The panel of {@code runs} (losses in the order wanted).
     *
     * @param seed seeds every bootstrap (the one of class l and statistic s is derived from it, l and s)
     */
    public static LossPanel of(List<SeedRuns> runs, String reference, SizeBins bins, long seed) {
        List<LossStats> losses = new ArrayList<>();
        for (SeedRuns r : runs) {
            List<ClassStats> classes = new ArrayList<>();
            for (int label : r.labels()) {
                SeedLevelSummary dice = SeedLevelSummary.of(r.values(label, Metric.DICE), derive(seed, label, 1));
                SortedMap<Long, Double> dsc = new TreeMap<>();
                r.classResults(label).forEach((s, rs) -> dsc.put(s, AggregatedDice.of(rs).value()));
                double[] ms = meanSd(dsc.values().stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray());
                Collapse collapse = Collapse.of(label, r.classResults(label), r.separability(label));
                classes.add(new ClassStats(label, dice, dsc, ms[0], ms[1], collapse));
            }
            losses.add(new LossStats(r.loss(), r.bySeed().size(), r.caseIds().size(), Aggregation.of(r.pooled(), bins, seed), classes));
        }
        SortedMap<Integer, RankStability.Result> ranks = new TreeMap<>();
        if (runs.size() > 1) {
            for (int label : runs.get(0).labels()) {
                Map<String, Map<Long, Map<String, Double>>> values = new LinkedHashMap<>();
                runs.forEach(r -> values.put(r.loss(), r.values(label, Metric.DICE)));
                ranks.put(label, RankStability.of(values, derive(seed, label, 2)));
            }
        }
        return new LossPanel(losses, ranks, ReferenceComparison.of(runs, reference, ALPHA), LesionDetection.of(runs, reference, bins, seed));
    }

    /** The seed of statistic {@code which} of class {@code label}, as {@link Aggregation} derives its own. */
    private static long derive(long seed, int label, int which) {
        return (seed * 1_000_003L + label) * 1_000_003L + 100 + which;
    }

    /** {mean, sd (ddof=1)} of {@code v}; NaN where undefined. */
    private static double[] meanSd(double[] v) {
        if (v.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        double mean = s / v.length;
        if (v.length < 2) {
            return new double[] {mean, Double.NaN};
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new double[] {mean, Math.sqrt(ss / (v.length - 1))};
    }
}
