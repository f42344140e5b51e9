package org.lossbench.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HodgesLehmannTest {
    /**
     * d = 1..8: the 36 Walsh averages (i + j) / 2 run from 1 to 8, symmetric about 4.5, so the
     * estimate is 4.5. The numbers of subsets of {1..8} with sums 0, 1, 2, 3, 4 are 1, 1, 1, 2, 2:
     * P(R+ <= 3) = 5/256 < 0.025 <= P(R+ <= 4) = 7/256, so k = 4 and the coverage is 1 - 10/256 =
     * 0.9609375. The four smallest Walsh averages are 1, 1.5, 2, 2 (1+3 and 2+2): low = 2, and by
     * symmetry high = 9 - 2 = 7 (R: wilcox.test(1:8, conf.int = TRUE) gives 2 to 7).
     */
    @Test
    void oneToEight() {
        HodgesLehmann.Result r = HodgesLehmann.of(new double[] {3, 1, 8, 5, 2, 7, 4, 6});
        assertEquals(new HodgesLehmann.Result(8, 4.5, 2, 7, 0.9609375, WilcoxonSignedRank.Method.EXACT), r);
    }

    /**
     * d = 1, 2, 3: Walsh averages 1, 1.5, 2, 2, 2.5, 3, median 2. P(R+ = 0) = 1/8 > 0.025: no k
     * reaches 95%, so k = 1, the range [1, 3], coverage 1 - 2/8 = 0.75. One difference: its own
     * value, coverage 0.
     */
    @Test
    void tooFewDifferencesForNominalCoverage() {
        assertEquals(new HodgesLehmann.Result(3, 2, 1, 3, 0.75, WilcoxonSignedRank.Method.EXACT),
                HodgesLehmann.of(new double[] {2, 3, 1}));
        assertEquals(new HodgesLehmann.Result(1, -0.25, -0.25, -0.25, 0, WilcoxonSignedRank.Method.EXACT),
                HodgesLehmann.of(new double[] {-0.25}));
    }

    /**
     * Zeros count: 0, 0, 0, 1 has Walsh averages 0 x 6, 0.5 x 3, 1, whose median (of ten) is 0;
     * 0, 0, 1, 1 has 0 x 3, 0.5 x 4, 1 x 3, median 0.5.
     */
    @Test
    void zerosAreKept() {
        assertEquals(0.0, HodgesLehmann.of(new double[] {0, 0, 0, 1}).estimate());
        assertEquals(0.5, HodgesLehmann.of(new double[] {0, 0, 1, 1}).estimate());
    }

    /**
     * Random samples (with ties) of 1..12 values at confidence levels 0.8, 0.9, 0.95, 0.99 against
     * brute force written here: the null distribution of R+ by enumerating the 2^n subsets of the
     * ranks, k as the smallest q with #(R+ <= q) >= alpha/2 2^n (at least 1), the Walsh averages by a
     * double loop and a sort.
     */
    @Test
    void exactIntervalEqualsBruteForce() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] levels = {0.8, 0.9, 0.95, 0.99};
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rng.nextInt(12);
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = Math.round(rng.nextGaussian() * 40) / 16.0;
            }
            double confidence = levels[trial % levels.length];
            long[] count = new long[n * (n + 1) / 2 + 1];
            for (int mask = 0; mask < 1 << n; mask++) {
                int s = 0;
                for (int i = 0; i < n; i++) {
                    s += (mask >> i & 1) == 1 ? i + 1 : 0;
                }
                count[s]++;
            }
            double alphaHalf = (1 - confidence) / 2;
            int q = 0;
            long below = count[0];
            while (below < alphaHalf * (1L << n)) {
                below += count[++q];
            }
            int k = Math.max(1, q);
            long tail = 0;
            for (int s = 0; s < k; s++) {
                tail += count[s];
            }
            List<Double> walsh = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    walsh.add((d[i] + d[j]) / 2);
                }
            }
            Collections.sort(walsh);
            int m = walsh.size();
            double median = m % 2 == 1 ? walsh.get(m / 2) : (walsh.get(m / 2 - 1) + walsh.get(m / 2)) / 2;
            HodgesLehmann.Result r = HodgesLehmann.of(d, confidence);
            String what = java.util.Arrays.toString(d) + " at " + confidence;
            assertEquals(median, r.estimate(), what);
            assertEquals(walsh.get(k - 1), r.low(), what);
            assertEquals(walsh.get(m - k), r.high(), what);
            assertEquals(1 - 2.0 * tail / (1L << n), r.coverage(), what);
        }
    }

    /**
     * n = 60 (normal approximation): mean 915, sigma = sqrt(60 61 121 / 24) = 135.84, k =
     * floor(915.5 - 1.959964 x 135.84) = floor(649.26) = 649 (the exact k for n = 60 is 649 too);
     * coverage 1 - 2 Phi((648.5 - 915) / 135.84) = 0.95022. d = 1..60: the Walsh averages are the
     * multiples of 1/2 from 1 to 60, the value v = s/2 occurring for the pairs i <= j with i + j = s,
     * so the 649th smallest is found by counting here.
     */
    @Test
    void normalApproximationForManyDifferences() {
        double[] d = new double[60];
        for (int i = 0; i < 60; i++) {
            d[i] = 60 - i;
        }
        HodgesLehmann.Result r = HodgesLehmann.of(d);
        assertEquals(WilcoxonSignedRank.Method.NORMAL, r.method());
        assertEquals(30.5, r.estimate());
        int seen = 0;
        int s = 1;
        while (seen < 649) {
            s++;
            seen += Math.min(s / 2, 60) - Math.max(1, s - 60) + 1;
        }
        assertEquals(s / 2.0, r.low());
        assertEquals(61 - s / 2.0, r.high());
        assertEquals(0.950222052567406, r.coverage(), 1e-12);
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> HodgesLehmann.of(new double[] {1}, 1.0));
        assertThrows(IllegalArgumentException.class, () -> HodgesLehmann.of(new double[] {Double.NaN}));
        HodgesLehmann.Result empty = HodgesLehmann.of(new double[0]);
        assertEquals(0, empty.n());
        assertTrue(Double.isNaN(empty.estimate()) && Double.isNaN(empty.low()) && Double.isNaN(empty.coverage()));
    }
}
