package org.lossbench.eval.stats;

/**
 * The exact null distribution of a signed-rank sum: given positive integer scores {@code w_1..w_n}
 * (the ranks of {@code |d|}, or twice the midranks when some {@code |d|} tie), each sign pattern of
 * the n differences is equally likely under the null hypothesis (differences symmetric about 0), so
 * {@code S = sum of w_i over the positive d_i} takes value s in {@code counts[s]} of the {@code 2^n}
 * patterns. The counts come from the recursion {@code c_k(s) = c_{k-1}(s) + c_{k-1}(s - w_k)}
 * (each score either joins the sum or not), as scipy's {@code _get_wilcoxon_distr} builds them for
 * the scores 1..n. Counted as longs, and at most 2^52 in all, they and the probabilities
 * {@code count / 2^n} (dyadic fractions) are exact for up to {@value #MAX_SCORES} scores.
 */
final class SignedRankDistribution {
    /** The most scores allowed: 2^52 patterns still convert to double exactly. */
    static final int MAX_SCORES = 52;

    private final long[] counts;
    private final int n;

    private SignedRankDistribution(long[] counts, int n) {
        this.counts = counts;
        this.n = n;
    }

    /** The distribution of the sum of the ranks 1..n of the positive differences (no ties). */
    static SignedRankDistribution ofRanks(int n) {
        int[] scores = new int[n];
        for (int i = 0; i < n; i++) {
            scores[i] = i + 1;
        }
        return ofScores(scores);
    }

    /** The distribution of the sum of the given positive scores over a random subset of them. */
    static SignedRankDistribution ofScores(int[] scores) {
        if (scores.length > MAX_SCORES) {
            throw new IllegalArgumentException(scores.length + " scores: the exact distribution is computed for at most " + MAX_SCORES);
        }
        int total = 0;
        for (int w : scores) {
            if (w <= 0) {
                throw new IllegalArgumentException("signed-rank score " + w + " is not positive");
            }
            total += w;
        }
        long[] c = new long[total + 1];
        c[0] = 1;
        int reach = 0;
        for (int w : scores) {
            reach += w;
            for (int s = reach; s >= w; s--) {
                c[s] += c[s - w];
            }
        }
        return new SignedRankDistribution(c, scores.length);
    }

    /** Number of scores n; the patterns number 2^n. */
    int size() {
        return n;
    }

    /** Largest value of S (the sum of all scores). */
    int maxSum() {
        return counts.length - 1;
    }

    /** Number of sign patterns with {@code S <= s} (0 below 0, 2^n from the maximum on). */
    long countAtMost(long s) {
        long sum = 0;
        for (int v = 0; v <= Math.min(s, maxSum()); v++) {
            sum += counts[v];
        }
        return sum;
    }

    /** Number of sign patterns with {@code S >= s}. */
    long countAtLeast(long s) {
        return countAtMost(maxSum()) - countAtMost(s - 1);
    }

    /** {@code P(S <= s) = countAtMost(s) / 2^n}, exact (a dyadic fraction). */
    double cdf(long s) {
        return Math.scalb((double) countAtMost(s), -n);
    }
}
