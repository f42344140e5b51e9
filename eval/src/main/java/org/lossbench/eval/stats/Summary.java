package org.lossbench.eval.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Descriptive statistics of one metric of one class across cases, with a seeded bootstrap
 * confidence interval of the mean.
 *
 * <p>NaN values (a metric undefined for a case under the empty-case policy) are left out and
 * counted in {@link #nUndefined}; infinite values are kept, so a mean over a set holding +inf is
 * +inf, as MONAI's reductions give. Median and quartiles use numpy's linear interpolation, so the
 * IQR is {@code np.percentile(v, 75) - np.percentile(v, 25)}; the standard deviation is the sample
 * one ({@code ddof=1}), NaN for fewer than two values.
 *
 * @param n number of values the statistics were computed over
 * @param nUndefined number of cases whose value was NaN
 * @param ciLow lower end of the 95% percentile-bootstrap interval of the mean (Efron and Tibshirani
 *              1993, ch. 13): {@link #BOOTSTRAP_RESAMPLES} resamples with replacement drawn from a
 *              {@link SplittableRandom} seeded with the given seed, 2.5th and 97.5th percentiles
 */
public record Summary(int n, int nUndefined, double mean, double sd, double median, double q1, double q3,
                      double iqr, double min, double max, double ciLow, double ciHigh) {
    public static final int BOOTSTRAP_RESAMPLES = 2000;

    /** Statistics of {@code values}; {@code seed} makes the bootstrap reproducible. */
    public static Summary of(double[] values, long seed) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        int n = v.length;
        int undefined = values.length - n;
        if (n == 0) {
            double nan = Double.NaN;
            return new Summary(0, undefined, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan);
        }
        double mean = mean(v);
        double sd = Double.NaN;
        if (n > 1) {
            if (Double.isInfinite(mean)) {
                sd = Double.NaN;
            } else {
                double ss = 0;
                for (double x : v) {
                    ss += (x - mean) * (x - mean);
                }
                sd = Math.sqrt(ss / (n - 1));
            }
        }
        double q1 = Percentiles.percentileOfSorted(v, 25);
        double med = Percentiles.percentileOfSorted(v, 50);
        double q3 = Percentiles.percentileOfSorted(v, 75);
        double[] ci = bootstrapMeanCi(v, seed);
        return new Summary(n, undefined, mean, sd, med, q1, q3, q3 - q1, v[0], v[n - 1], ci[0], ci[1]);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double[] bootstrapMeanCi(double[] v, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = v.length;
        double[] means = new double[BOOTSTRAP_RESAMPLES];
        for (int b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += v[rng.nextInt(n)];
            }
            means[b] = s / n;
        }
        return Percentiles.central95(means);
    }
}
