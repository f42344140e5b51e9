package org.lossbench.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SignedRankDistributionTest {
    /**
     * Ranks 1, 2, 3: the 8 subsets have sums 0, 1, 2, 3, 3, 4, 5, 6, so P(S <= 3) = 5/8 and
     * P(S >= 3) = 5/8.
     */
    @Test
    void threeRanksByHand() {
        SignedRankDistribution s = SignedRankDistribution.ofRanks(3);
        assertEquals(6, s.maxSum());
        assertEquals(5, s.countAtMost(3));
        assertEquals(5, s.countAtLeast(3));
        assertEquals(1, s.countAtMost(0));
        assertEquals(8, s.countAtMost(100));
        assertEquals(0, s.countAtMost(-1));
        assertEquals(0.625, s.cdf(3));
    }

    /** Random scores with repeats (doubled midranks) against enumerating all 2^n subsets. */
    @Test
    void countsEqualSubsetEnumeration() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + rng.nextInt(12);
            int[] w = new int[n];
            int total = 0;
            for (int i = 0; i < n; i++) {
                w[i] = 1 + rng.nextInt(2 * n);
                total += w[i];
            }
            long[] brute = new long[total + 1];
            for (int mask = 0; mask < 1 << n; mask++) {
                int s = 0;
                for (int i = 0; i < n; i++) {
                    if ((mask >> i & 1) == 1) {
                        s += w[i];
                    }
                }
                brute[s]++;
            }
            SignedRankDistribution dist = SignedRankDistribution.ofScores(w);
            long cumulative = 0;
            for (int s = 0; s <= total; s++) {
                cumulative += brute[s];
                assertEquals(cumulative, dist.countAtMost(s));
                assertEquals((1L << n) - cumulative + brute[s], dist.countAtLeast(s));
            }
        }
    }
}
