package org.lossbench.cli.bench;

import java.util.Arrays;

/** Robust summaries of repeated timings: benchmarks report medians and ratios, not single runs. */
public final class Timings {
    private Timings() {
    }

    /** The median (mean of the two middle values for an even count). */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no timings");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    public static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }
}
