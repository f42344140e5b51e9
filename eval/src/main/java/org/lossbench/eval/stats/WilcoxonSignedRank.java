package org.lossbench.eval.stats;

import java.util.Arrays;

/**
 * The two-sided Wilcoxon signed-rank test (Wilcoxon 1945) of paired differences {@code d_i = a_i -
 * b_i}: is the distribution of d symmetric about 0? Its p-value equals
 * {@code scipy.stats.wilcoxon(d[d != 0])} of scipy 1.13 and later (defaults {@code
 * zero_method="wilcox"}, {@code correction=False}, {@code method="auto"}; checked bit for bit against
 * scipy 1.17 and, through scipy 1.10's exact building blocks, in {@code tools/wilcoxon_reference.py}):
 *
 * <ol>
 *   <li>Zero differences are dropped (Wilcoxon's own rule); n' is the number left.</li>
 *   <li>{@code |d|} of the n' are ranked 1..n', tied values sharing their mean rank (midrank).
 *       {@code R+} and {@code R-} are the rank sums of the positive and negative differences; the
 *       statistic is {@code T = min(R+, R-)}.</li>
 *   <li>No ties and n' &lt;= {@value #EXACT_LIMIT}: the exact null distribution of R+ (all 2^n'
 *       sign patterns equally likely), {@code p = min(1, 2 min(P(R+ <= r), P(R+ >= r)))}.</li>
 *   <li>Ties and n' &lt;= {@value #PERMUTATION_LIMIT}: the same over the 2^n' sign patterns with the
 *       midranks as scores (the exact permutation test scipy runs).</li>
 *   <li>Otherwise the normal approximation without continuity correction:
 *       {@code z = (T - n'(n'+1)/4) / sigma}, {@code sigma^2 = [n'(n'+1)(2n'+1) - sum_g (t_g^3 -
 *       t_g) / 2] / 24} over the groups g of t_g tied {@code |d|}, {@code p = 2 Q(|z|)}.</li>
 * </ol>
 *
 * <p>Ties and zeros are equality of doubles: {@code d == 0} (so -0.0 too), and {@code |d_i| ==
 * |d_j|} exactly, as the caller computed {@code d = a - b}. Differences that are equal in decimal but
 * not as doubles (0.3 - 0.1 and 0.6 - 0.4) are not tied, as in scipy; rounding the inputs first is
 * the caller's choice.
 *
 * <p>Where scipy raises or returns NaN, lossbench decides: no differences, or only zero ones, give
 * {@code T = 0}, {@code p = 1}, method {@link Method#NONE} (no evidence of a shift). One non-zero
 * difference gives exact p = 1, as scipy does.
 *
 * <p>scipy 1.10's own {@code wilcoxon(d)} differs in two ways, both changed in later scipy: it counts
 * zeros in n, so any zero difference forces the normal approximation (7 zeros and one positive
 * difference: p = 0.317 where the exact p is 1), and with tied {@code |d|} it looks a truncated
 * midrank sum up in the tie-free table.
 */
public final class WilcoxonSignedRank {
    /** Largest number of non-zero differences without ties that get the exact distribution. */
    public static final int EXACT_LIMIT = 50;
    /** Largest number of non-zero differences with ties that get the exact permutation distribution. */
    public static final int PERMUTATION_LIMIT = 13;

    private WilcoxonSignedRank() {
    }

    /** How a p-value was obtained. */
    public enum Method {
        /** Exact null distribution of the rank sum (tie-free table, or permutation with midranks). */
        EXACT("exact"),
        /** Normal approximation with the tie-corrected variance. */
        NORMAL("normal"),
        /** No non-zero difference: nothing to test, p = 1 by convention. */
        NONE("none");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        /** Lower-case name for tables and files. */
        public String label() {
            return label;
        }
    }

    /**
     * A test's outcome.
     *
     * @param n number of differences given (pairs)
     * @param nZero how many of them were exactly zero (left out of the ranking)
     * @param statistic {@code min(R+, R-)} over the non-zero differences (a multiple of 0.5)
     * @param p two-sided p-value in [0, 1]
     * @param method how p was obtained
     */
    public record Result(int n, int nZero, double statistic, double p, Method method) {
        /** Number of non-zero differences, the n' the test ranks. */
        public int nNonZero() {
            return n - nZero;
        }
    }

    /**
     * Tests the differences {@code d} (a copy is ranked; {@code d} is left alone). Infinite
     * differences are ranked like any other value.
     *
     * @throws IllegalArgumentException when a difference is NaN (drop undefined pairs first)
     */
    public static Result test(double[] d) {
        for (int i = 0; i < d.length; i++) {
            if (Double.isNaN(d[i])) {
                throw new IllegalArgumentException("Wilcoxon signed-rank test: difference " + i
                        + " is NaN; leave out the pairs with an undefined value before testing");
            }
        }
        double[] nonZero = Arrays.stream(d).filter(v -> v != 0).toArray();
        int n = nonZero.length;
        int nZero = d.length - n;
        if (n == 0) {
            return new Result(d.length, nZero, 0, 1, Method.NONE);
        }
        Ranking ranking = Ranking.of(nonZero);
        double rPlus = 0.5 * ranking.doubledPositiveSum;
        double rMinus = 0.5 * ranking.doubledNegativeSum();
        double statistic = Math.min(rPlus, rMinus);
        boolean ties = ranking.tieTerm > 0;
        if (n <= (ties ? PERMUTATION_LIMIT : EXACT_LIMIT)) {
            SignedRankDistribution null0 = SignedRankDistribution.ofScores(ranking.doubledRanks);
            long observed = ranking.doubledPositiveSum;
            long tail = Math.min(null0.countAtMost(observed), null0.countAtLeast(observed));
            double p = Math.min(1.0, Math.scalb((double) tail, 1 - n));
            return new Result(d.length, nZero, statistic, p, Method.EXACT);
        }
        double mean = n * (n + 1.0) * 0.25;
        double variance = n * (n + 1.0) * (2.0 * n + 1.0) - 0.5 * ranking.tieTerm;
        double z = (statistic - mean) / Math.sqrt(variance / 24);
        return new Result(d.length, nZero, statistic, 2 * StandardNormal.upperTail(Math.abs(z)), Method.NORMAL);
    }

    /**
     * The smallest two-sided p-value the test can give with {@code nNonZero} non-zero differences,
     * whatever they are: {@code 2 / 2^n'} for {@code n' <= } {@value #EXACT_LIMIT} (every
     * difference of one sign; with ties the permutation distribution has the same extreme, and the
     * normal approximation that ties get for 14 &lt;= n' &lt;= 50 stays above it), and for larger n'
     * the normal approximation at {@code T = 0} with every {@code |d|} tied, where the variance is
     * smallest: {@code sigma = (n'+1) sqrt(n') / 4}, {@code z = -sqrt(n')}, {@code p = 2 Q(sqrt n')}
     * (without ties {@code z = -(n'(n'+1)/4) / sqrt(n'(n'+1)(2n'+1)/24)}, a little less extreme). 1
     * for n' = 0 or 1.
     */
    public static double smallestTwoSidedP(int nNonZero) {
        if (nNonZero < 0) {
            throw new IllegalArgumentException("number of differences " + nNonZero + " is negative");
        }
        if (nNonZero <= EXACT_LIMIT) {
            return Math.min(1.0, Math.scalb(1.0, 1 - nNonZero));
        }
        return 2 * StandardNormal.upperTail(Math.sqrt(nNonZero));
    }

    /**
     * The smallest Holm-adjusted p-value any of {@code m} tests on {@code nNonZero} non-zero
     * differences each can reach: Holm multiplies the smallest p by m, so {@code min(1, m *
     * smallestTwoSidedP(n'))}. When it exceeds the significance level the design is underpowered:
     * no comparison in it can be called significant, whatever the data. (21 tests on 8 pairs: 21 x
     * 2/256 = 0.164.) For tests of different sizes, pass the largest n'.
     */
    public static double smallestHolmP(int nNonZero, int m) {
        if (m < 1) {
            throw new IllegalArgumentException("number of tests " + m + " must be at least 1");
        }
        return Math.min(1.0, m * smallestTwoSidedP(nNonZero));
    }

    /**
     * Ranks of {@code |d|} for non-zero d, doubled so that midranks are integers: a group of tied
     * values at sorted positions i..j (1-based) gets {@code 2 * (i + j) / 2 = i + j} each.
     */
    private static final class Ranking {
        final int[] doubledRanks;
        final long doubledPositiveSum;
        /** {@code sum_g (t_g^3 - t_g)} over the groups of tied |d|. */
        final double tieTerm;

        private Ranking(int[] doubledRanks, long doubledPositiveSum, double tieTerm) {
            this.doubledRanks = doubledRanks;
            this.doubledPositiveSum = doubledPositiveSum;
            this.tieTerm = tieTerm;
        }

        long doubledNegativeSum() {
            long all = 0;
            for (int r : doubledRanks) {
                all += r;
            }
            return all - doubledPositiveSum;
        }

        static Ranking of(double[] nonZero) {
            int n = nonZero.length;
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Double.compare(Math.abs(nonZero[x]), Math.abs(nonZero[y])));
            int[] doubled = new int[n];
            long positive = 0;
            double tieTerm = 0;
            int i = 0;
            while (i < n) {
                int j = i;
                while (j + 1 < n && Math.abs(nonZero[order[j + 1]]) == Math.abs(nonZero[order[i]])) {
                    j++;
                }
                int rank2 = (i + 1) + (j + 1);
                for (int k = i; k <= j; k++) {
                    doubled[k] = rank2;
                    if (nonZero[order[k]] > 0) {
                        positive += rank2;
                    }
                }
                double t = j - i + 1;
                tieTerm += t * t * t - t;
                i = j + 1;
            }
            return new Ranking(doubled, positive, tieTerm);
        }
    }
}
