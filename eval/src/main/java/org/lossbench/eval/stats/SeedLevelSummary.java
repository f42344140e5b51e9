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
 * <p>Bootstrap: {@link #BOOTSTRAP_RESAMPLES} resamples; each draws the case ids with replacement
 * once, then the seeds with replacement, and takes the mean over the drawn seeds of each seed's mean
 * over the drawn cases (its defined values among them; a drawn seed with none is left out of that
 * resample); the interval is the 2.5th and 97.5th percentile ({@link Percentiles}, numpy's linear).
 * The case draws are shared by the seeds because the design is crossed: every seed's model is
 * evaluated on the same cases, so a hard case is hard for every seed, and redrawing cases
 * independently within each seed would treat that shared case effect as noise that averages out
 * over seeds, an interval up to sqrt(S) too narrow (docs/statistics.md). Cases are drawn from a
 * {@code new SplittableRandom(seed)} over the case ids ordered by their mean value over seeds
 * (ties by id), seeds from a {@link SplittableRandom} split off a second {@code new
 * SplittableRandom(seed)}; for a single seed this is exactly {@link Summary}'s case bootstrap, draw
 * for draw.
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
        SortedMap<Long, Map<String, Double>> defined = new TreeMap<>();
        TreeSet<String> caseIds = new TreeSet<>();
        int undefined = 0;
        for (Map.Entry<Long, Map<String, Double>> e : values.entrySet()) {
            Map<String, Double> v = new TreeMap<>();
            for (Map.Entry<String, Double> c : e.getValue().entrySet()) {
                if (Double.isNaN(c.getValue())) {
                    undefined++;
                } else {
                    v.put(c.getKey(), c.getValue());
                    caseIds.add(c.getKey());
                }
            }
            if (!v.isEmpty()) {
                defined.put(e.getKey(), v);
            }
        }
        int s = defined.size();
        if (s == 0) {
            double nan = Double.NaN;
            return new SeedLevelSummary(0, 0, undefined, new TreeMap<>(), nan, nan, nan, nan);
        }
        SortedMap<Long, Double> seedMeans = new TreeMap<>();
        defined.forEach((k, v) -> seedMeans.put(k, mean(v.values().stream().mapToDouble(Double::doubleValue).toArray())));
        double[] means = seedMeans.values().stream().mapToDouble(Double::doubleValue).toArray();
        double grand = mean(means);
        double[] ci = bootstrap(crossedTable(defined, caseIds), seed);
        return new SeedLevelSummary(s, caseIds.size(), undefined, seedMeans, grand, sd(means, grand), ci[0], ci[1]);
    }

    /**
     * The values as a table {@code [seed][case]} (NaN where a seed lacks the case), the cases ordered
     * by their mean over the seeds that have them, ties by id.
     */
    private static double[][] crossedTable(SortedMap<Long, Map<String, Double>> defined, TreeSet<String> caseIds) {
        List<String> order = new ArrayList<>(caseIds);
        Map<String, Double> caseMean = new TreeMap<>();
        for (String c : order) {
            double sum = 0;
            int n = 0;
            for (Map<String, Double> v : defined.values()) {
                Double x = v.get(c);
                if (x != null) {
                    sum += x;
                    n++;
                }
            }
            caseMean.put(c, sum / n);
        }
        order.sort(java.util.Comparator.comparingDouble((String c) -> caseMean.get(c)).thenComparing(c -> c));
        double[][] table = new double[defined.size()][order.size()];
        int i = 0;
        for (Map<String, Double> v : defined.values()) {
            for (int j = 0; j < order.size(); j++) {
                table[i][j] = v.getOrDefault(order.get(j), Double.NaN);
            }
            i++;
        }
        return table;
    }

    private static double[] bootstrap(double[][] table, long seed) {
        SplittableRandom caseRng = new SplittableRandom(seed);
        SplittableRandom seedRng = new SplittableRandom(seed).split();
        int s = table.length;
        int n = table[0].length;
        int[] cases = new int[n];
        double[] grand = new double[BOOTSTRAP_RESAMPLES];
        int kept = 0;
        for (int b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
            for (int j = 0; j < n; j++) {
                cases[j] = caseRng.nextInt(n);
            }
            double sum = 0;
            int seeds = 0;
            for (int i = 0; i < s; i++) {
                double[] v = table[seedRng.nextInt(s)];
                double cs = 0;
                int defined = 0;
                for (int j : cases) {
                    if (!Double.isNaN(v[j])) {
                        cs += v[j];
                        defined++;
                    }
                }
                if (defined > 0) {
                    sum += cs / defined;
                    seeds++;
                }
            }
            if (seeds > 0) {
                grand[kept++] = sum / seeds;
            }
        }
        return Percentiles.central95(Arrays.copyOf(grand, kept));
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
