package org.lossbench.eval.compare;

import org.lossbench.eval.stats.Percentiles;

/**
 * The timing rule of the gate, made to be robust to noisy machines (issue 8): a slowdown counts only when
 * the current median of the per-case inference seconds exceeds the baseline median times the factor
 * <em>and</em> exceeds the baseline's 90th percentile:
 *
 * <pre>
 *   regression  iff  median(cur) &gt; factor * median(base)  and  median(cur) &gt; P90(base)
 *   speedup     iff  median(cur) * factor &lt; median(base)  and  median(cur) &lt; P10(base)   (listed, never fails)
 * </pre>
 *
 * <p>The median ignores up to half the current samples being outliers (a case that ran while another
 * job took the cores); the P90 condition keeps a baseline whose own spread is wide (a noisy machine, or
 * a first case that paid for warm-up) from calling its normal variation a slowdown.
 *
 * <p>Percentiles are numpy's default, method 7 of Hyndman and Fan (1996): with the {@code n} samples
 * sorted, {@code x[0] <= ... <= x[n-1]}, the {@code p}-th percentile is at position {@code h = (n - 1) p / 100},
 * {@code x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h])} ({@link Percentiles}); the median is
 * P50 (the mean of the two middle values for even {@code n}). With one sample, median = P10 = P90 = the sample
 * and the rule reduces to the factor alone; docs/gate.md discusses how many samples a sweep gives.
 */
public final class TimingRule {
    private TimingRule() {
    }

    /** Sample count, median, 10th and 90th percentile of a set of per-case inference seconds. */
    public record Stats(int n, double median, double p10, double p90) {
        public static Stats of(double[] seconds) {
            if (seconds.length == 0) {
                throw new IllegalArgumentException("timing statistics of no samples");
            }
            return new Stats(seconds.length, Percentiles.percentile(seconds, 50), Percentiles.percentile(seconds, 10),
                    Percentiles.percentile(seconds, 90));
        }
    }

    /** The verdict for the current samples against the baseline's, with slowdown factor {@code factor >= 1}. */
    public static Status judge(Stats baseline, Stats current, double factor) {
        double m = current.median();
        if (m > factor * baseline.median() && m > baseline.p90()) {
            return Status.REGRESSION;
        }
        if (m * factor < baseline.median() && m < baseline.p10()) {
            return Status.IMPROVEMENT;
        }
        return Status.OK;
    }
}
