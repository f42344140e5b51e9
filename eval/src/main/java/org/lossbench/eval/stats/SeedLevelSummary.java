package org.lossbench.eval.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One metric of one (dataset, model, loss, class) with the training seed as a level of analysis:
 * the mean over cases within each seed, the mean and spread of those per-seed means, and a
 * hierarchical bootstrap interval of the grand mean (Saravanan, Berman and Sober 2020, "Application
 * of the hierarchical bootstrap to multi-level data in neuroscience", Neurons, Behavior, Data
 * analysis, and Theory 3(5)).
 *
 * <p>NaN values (a metric undefined for a case) are left out, as in {@link Summary}, and counted in
 * {@link #nUndefined}; a seed all of whose values are NaN has no mean and is left out of the seed
 * level. Infinite values are kept (the means become infinite and the sd NaN, as in {@link Summary}).
 *
 * <p>Bootstrap: {@link #BOOTSTRAP_RESAMPLES} resamples; each draws the seeds with replacement, then,
 * within each drawn seed, that seed's values with replacement, and takes the mean of the resampled
 * per-seed means; the interval is the 2.5th and 97.5th percentile ({@link Percentiles}, numpy's
 * linear). Seeds are drawn from a {@link SplittableRandom} split off {@code new
 * SplittableRandom(seed)}, cases from a second {@code new SplittableRandom(seed)}; with a seed's
 * values in ascending order this is, for a single seed, exactly {@link Summary}'s case bootstrap,
 * draw for draw. The cases of a sweep are crossed with the seeds (every seed's model sees the same
 * cases), which this nested scheme does not use: when case difficulty dominates, the interval is
 * narrower than one over other test sets would be (docs/statistics-seeds.md).
 *
 * @param seeds seeds with at least one defined value
 * @param cases distinct case ids with at least one defined value
 * @param nUndefined (seed, case) values that were NaN
 * @param seedMeans per seed, the mean over its defined values (seeds in ascending order; unmodifiable)
 * @param mean mean of the per-seed means
 * @param sd sample standard deviation ({@code ddof=1}) of the per-seed means; NaN for one seed
 * @param ciLow lower end of the 95% hierarchical bootstrap interval of {@link #mean}
 * @param ciHigh upper end
 */
public record SeedLevelSummary(int seeds, int cases, int nUndefined, SortedMap<Long, Double> seedMeans, double mean,
                               double sd, double ciLow, double ciHigh) {
    public static final int BOOTSTRAP_RESAMPLES = 2000;

    public SeedLevelSummary {
        seedMeans = Collections.unmodifiableSortedMap(new TreeMap<>(seedMeans));
    }

    /**
     * Summarises {@code values}: training seed → (case id → value).
     *
     * @param seed seeds the bootstrap
     */
    public static SeedLevelSummary of(Map<Long, Map<String, Double>> values, long seed) {
        SortedMap<Long, double[]> defined = new TreeMap<>();
        TreeSet<String> caseIds = new TreeSet<>();
        int undefined = 0;
        for (Map.Entry<Long, Map<String, Double>> e : values.entrySet()) {
            List<Double> v = new ArrayList<>();
            for (Map.Entry<String, Double> c : e.getValue().entrySet()) {
                if (Double.isNaN(c.getValue())) {
                    undefined++;
                } else {
                    v.add(c.getValue());
                    caseIds.add(c.getKey());
                }
            }
            if (!v.isEmpty()) {
                defined.put(e.getKey(), v.stream().mapToDouble(Double::doubleValue).sorted().toArray());
            }
        }
        int s = defined.size();
        if (s == 0) {
            double nan = Double.NaN;
            return new SeedLevelSummary(0, 0, undefined, new TreeMap<>(), nan, nan, nan, nan);
        }
        SortedMap<Long, Double> seedMeans = new TreeMap<>();
        defined.forEach((k, v) -> seedMeans.put(k, mean(v)));
        double[] means = seedMeans.values().stream().mapToDouble(Double::doubleValue).toArray();
        double grand = mean(means);
        double[] ci = bootstrap(defined.values().toArray(double[][]::new), seed);
        return new SeedLevelSummary(s, caseIds.size(), undefined, seedMeans, grand, sd(means, grand), ci[0], ci[1]);
    }

    private static double[] bootstrap(double[][] bySeed, long seed) {
        SplittableRandom caseRng = new SplittableRandom(seed);
        SplittableRandom seedRng = new SplittableRandom(seed).split();
        int s = bySeed.length;
        double[] grand = new double[BOOTSTRAP_RESAMPLES];
        for (int b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
            double sum = 0;
            for (int i = 0; i < s; i++) {
                double[] v = bySeed[seedRng.nextInt(s)];
                double cs = 0;
                for (int j = 0; j < v.length; j++) {
                    cs += v[caseRng.nextInt(v.length)];
                }
                sum += cs / v.length;
            }
            grand[b] = sum / s;
        }
        Arrays.sort(grand);
        return new double[] {Percentiles.percentileOfSorted(grand, 2.5), Percentiles.percentileOfSorted(grand, 97.5)};
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double sd(double[] v, double mean) {
        if (v.length < 2 || Double.isInfinite(mean)) {
            return Double.NaN;
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (v.length - 1));
    }
}
