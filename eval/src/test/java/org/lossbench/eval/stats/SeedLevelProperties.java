package org.lossbench.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** {@link SeedLevelSummary} on random data. */
class SeedLevelProperties {
    private static final double NAN = Double.NaN;

    /**
     * On random Dice-like data (1 to 6 seeds, 1 to 15 cases, some NaN), the interval holds the
     * grand mean and lies within the smallest and largest value, and the grand mean equals the
     * mean of the per-seed means computed here directly.
     */
    @Property(tries = 200)
    void intervalHoldsTheGrandMean(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int seeds,
                                   @ForAll @IntRange(min = 1, max = 15) int nCases) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<Long, Map<String, Double>> v = new TreeMap<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double sumOfMeans = 0;
        int definedSeeds = 0;
        for (long s = 0; s < seeds; s++) {
            double shift = rng.nextDouble(-0.2, 0.2);
            Map<String, Double> c = new TreeMap<>();
            double sum = 0;
            int n = 0;
            for (int i = 0; i < nCases; i++) {
                double x = rng.nextInt(10) == 0 ? NAN : Math.min(1, Math.max(0, 0.7 + shift + rng.nextDouble(-0.3, 0.3)));
                c.put("c" + i, x);
                if (!Double.isNaN(x)) {
                    sum += x;
                    n++;
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
            if (n > 0) {
                sumOfMeans += sum / n;
                definedSeeds++;
            }
            v.put(s, c);
        }
        SeedLevelSummary r = SeedLevelSummary.of(v, seed);
        if (definedSeeds == 0) {
            assertTrue(Double.isNaN(r.mean()));
            return;
        }
        assertEquals(sumOfMeans / definedSeeds, r.mean(), 1e-12);
        assertTrue(r.ciLow() <= r.mean() + 1e-12 && r.mean() <= r.ciHigh() + 1e-12, r.toString());
        assertTrue(r.ciLow() >= lo - 1e-12 && r.ciHigh() <= hi + 1e-12, r.toString());
    }
}
