package org.lossbench.eval.stats;

import java.util.Arrays;

/**
 * The Hodges-Lehmann estimate of the shift of paired differences d (Hodges and Lehmann 1963) and
 * its distribution-free confidence interval (Hollander and Wolfe 1999, sec. 3.2-3.3; the method of
 * R's {@code wilcox.test(d, conf.int = TRUE)} for exact intervals).
 *
 * <p>With n differences (zeros kept: the estimator is about the location of d, not a test) there
 * are {@code M = n(n+1)/2} Walsh averages {@code W_ij = (d_i + d_j) / 2}, {@code i <= j}. The
 * estimate is their median (the mean of the two middle ones when M is even). The interval is
 * {@code [W_(k), W_(M+1-k)]}, the k-th smallest and k-th largest Walsh average: for a shift theta,
 * the number of Walsh averages above theta is the signed-rank sum R+ of {@code d - theta}, so
 * {@code P(theta < W_(k)) = P(theta > W_(M+1-k)) = P(R+ <= k-1)} under the null distribution of R+
 * when d is continuous and symmetric about theta, and the interval covers theta with probability
 * {@code 1 - 2 P(R+ <= k-1)}, the achieved coverage reported in {@link Result#coverage}.
 *
 * <ul>
 *   <li>n &lt;= {@value WilcoxonSignedRank#EXACT_LIMIT}: k is the smallest q with
 *       {@code P(R+ <= q) >= alpha/2} under the exact distribution (R's {@code qsignrank(alpha/2,
 *       n)}), so the coverage is at least {@code 1 - alpha}; when even {@code P(R+ = 0) = 2^-n}
 *       exceeds alpha/2 (n &lt;= 5 at 95%) there is no such interval and k = 1, the range of the
 *       Walsh averages, whose coverage {@code 1 - 2^(1-n)} is below nominal (0 for n = 1, 0.9375 for
 *       n = 5).</li>
 *   <li>larger n: the normal approximation of R+ (mean {@code n(n+1)/4}, variance
 *       {@code n(n+1)(2n+1)/24}) with continuity correction, {@code k = floor(n(n+1)/4 + 1/2 -
 *       z_{1-alpha/2} sigma)}; the reported coverage is the same approximation, {@code 1 - 2
 *       Phi((k - 1/2 - n(n+1)/4) / sigma)}.</li>
 * </ul>
 *
 * <p>The coverage assumes continuous differences. Ties and zeros among the d (identical metric
 * values in both arms) make it approximate; the estimate itself is defined regardless.
 * Memory and time are O(n^2) (all Walsh averages are sorted).
 */
public final class HodgesLehmann {
    /** The confidence level lossbench reports. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    private HodgesLehmann() {
    }

    /**
     * The estimate and interval.
     *
     * @param n number of differences (zeros included)
     * @param estimate median of the Walsh averages
     * @param low k-th smallest Walsh average
     * @param high k-th largest Walsh average
     * @param coverage achieved coverage {@code 1 - 2 P(R+ <= k-1)} (exact or normal, per method)
     * @param method {@link WilcoxonSignedRank.Method#EXACT} or {@code NORMAL} for how k was found;
     *               {@code NONE} and NaN values for no differences
     */
    public record Result(int n, double estimate, double low, double high, double coverage,
                         WilcoxonSignedRank.Method method) {
    }

    /** The estimate with its {@link #DEFAULT_CONFIDENCE} interval. */
    public static Result of(double[] d) {
        return of(d, DEFAULT_CONFIDENCE);
    }

    /**
     * The estimate with its interval at the nominal {@code confidence} (0 &lt; confidence &lt; 1).
     *
     * @throws IllegalArgumentException for a NaN difference or a confidence outside (0, 1)
     */
    public static Result of(double[] d, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence " + confidence + " must lie strictly between 0 and 1");
        }
        for (int i = 0; i < d.length; i++) {
            if (Double.isNaN(d[i])) {
                throw new IllegalArgumentException("Hodges-Lehmann estimate: difference " + i
                        + " is NaN; leave out the pairs with an undefined value first");
            }
        }
        int n = d.length;
        if (n == 0) {
            double nan = Double.NaN;
            return new Result(0, nan, nan, nan, nan, WilcoxonSignedRank.Method.NONE);
        }
        double[] walsh = walshAverages(d);
        int m = walsh.length;
        double estimate = m % 2 == 1 ? walsh[m / 2] : (walsh[m / 2 - 1] + walsh[m / 2]) / 2;
        double alpha = 1 - confidence;
        int k;
        double coverage;
        WilcoxonSignedRank.Method method;
        if (n <= WilcoxonSignedRank.EXACT_LIMIT) {
            SignedRankDistribution null0 = SignedRankDistribution.ofRanks(n);
            int q = 0;
            while (null0.cdf(q) < alpha / 2) {
                q++;
            }
            k = Math.max(q, 1);
            coverage = 1 - 2 * null0.cdf(k - 1);
            method = WilcoxonSignedRank.Method.EXACT;
        } else {
            double mean = n * (n + 1.0) / 4;
            double sigma = Math.sqrt(n * (n + 1.0) * (2.0 * n + 1.0) / 24);
            double z = StandardNormal.quantile(1 - alpha / 2);
            k = (int) Math.max(1, Math.min((m + 1) / 2, Math.floor(mean + 0.5 - z * sigma)));
            coverage = 1 - 2 * StandardNormal.upperTail((mean + 0.5 - k) / sigma);
            method = WilcoxonSignedRank.Method.NORMAL;
        }
        return new Result(n, estimate, walsh[k - 1], walsh[m - k], coverage, method);
    }

    /** All {@code (d_i + d_j) / 2}, {@code i <= j}, sorted ascending. */
    private static double[] walshAverages(double[] d) {
        int n = d.length;
        long m = (long) n * (n + 1) / 2;
        if (m > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " differences have " + m + " Walsh averages, more than an array holds");
        }
        double[] w = new double[(int) m];
        int at = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                w[at++] = (d[i] + d[j]) / 2;
            }
        }
        Arrays.sort(w);
        return w;
    }
}
