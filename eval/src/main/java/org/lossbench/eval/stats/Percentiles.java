package org.lossbench.eval.stats;

import java.util.Arrays;

/** Percentiles with numpy's default ("linear", method 7 of Hyndman and Fan 1996) interpolation. */
public final class Percentiles {
    private Percentiles() {
    }

    /**
     * The {@code q}-th percentile (0..100) of {@code values}, which must not be empty: with the values
     * sorted, position {@code (n - 1) q / 100} interpolated linearly between its neighbours, as
     * {@code numpy.percentile(values, q)} and {@code torch.quantile(values, q / 100)} compute it.
     * Sorts a copy; {@code values} is left alone.
     */
    public static double percentile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentileOfSorted(sorted, q);
    }

    /**
     * The 95% percentile interval of bootstrap resamples, {2.5th, 97.5th percentile}; sorts {@code values} in place
     * (the caller's own array of resampled statistics), which must not be empty.
     */
    public static double[] central95(double[] values) {
        Arrays.sort(values);
        return new double[] {percentileOfSorted(values, 2.5), percentileOfSorted(values, 97.5)};
    }

    /** As {@link #percentile}, for values already sorted ascending. */
    public static double percentileOfSorted(double[] sorted, double q) {
        int n = sorted.length;
        if (n == 0) {
            throw new IllegalArgumentException("percentile of no values");
        }
        if (q < 0 || q > 100) {
            throw new IllegalArgumentException("percentile " + q + " outside 0..100");
        }
        double pos = (n - 1) * (q / 100.0);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, n - 1);
        double t = pos - lo;
        double a = sorted[lo];
        double b = sorted[hi];
        if (t == 0 || a == b) {
            return a;
        }
        // numpy's _lerp: a + (b - a) t, computed from the nearer end for t >= 0.5
        return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
    }
}
