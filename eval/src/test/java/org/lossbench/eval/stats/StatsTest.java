package org.lossbench.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {
    /**
     * Values 1, 2, 3, 4 and one NaN: n 4, 1 undefined, mean 2.5, sample sd sqrt(5/3), median 2.5,
     * quartiles at positions 0.75 and 2.25 (numpy linear): 1.75 and 3.25, IQR 1.5.
     */
    @Test
    void summaryOfFourValues() {
        Summary s = Summary.of(new double[] {3, Double.NaN, 1, 4, 2}, 42);
        assertEquals(4, s.n());
        assertEquals(1, s.nUndefined());
        assertEquals(2.5, s.mean(), 1e-12);
        assertEquals(Math.sqrt(5.0 / 3), s.sd(), 1e-12);
        assertEquals(2.5, s.median(), 1e-12);
        assertEquals(1.75, s.q1(), 1e-12);
        assertEquals(3.25, s.q3(), 1e-12);
        assertEquals(1.5, s.iqr(), 1e-12);
        assertTrue(s.ciLow() >= 1 && s.ciLow() < 2.5 && s.ciHigh() > 2.5 && s.ciHigh() <= 4, s.toString());
        assertEquals(s, Summary.of(new double[] {3, Double.NaN, 1, 4, 2}, 42));
    }

    /** An infinite value (MONAI's distance for a missed class) makes the mean infinite. */
    @Test
    void infinityPropagates() {
        Summary s = Summary.of(new double[] {1, Double.POSITIVE_INFINITY}, 1);
        assertEquals(Double.POSITIVE_INFINITY, s.mean());
        assertEquals(2, s.n());
    }

    /** Percentile 95 of 0..10: position 9.5, halfway between 9 and 10. */
    @Test
    void percentileInterpolatesLinearly() {
        double[] v = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
        assertEquals(9.5, Percentiles.percentile(v, 95), 1e-12);
        assertEquals(0.0, Percentiles.percentile(v, 0));
        assertEquals(10.0, Percentiles.percentile(v, 100));
    }
}
