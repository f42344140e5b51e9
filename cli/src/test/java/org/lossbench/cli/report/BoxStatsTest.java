package org.lossbench.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Tukey box statistics against values worked out by hand (numpy.percentile's linear interpolation). */
class BoxStatsTest {
    @Test
    void quartilesWhiskersOutliersAndMean() {
        // sorted 1..9, 100: P25 at position 9 * 0.25 = 2.25 -> 3.25; P50 at 4.5 -> 5.5; P75 at 6.75 -> 7.75
        // IQR 4.5, fences 3.25 - 6.75 = -3.5 and 7.75 + 6.75 = 14.5: whiskers 1 and 9, 100 is an outlier; mean 145 / 10
        BoxStats b = BoxStats.of(new double[] {100, 9, 8, 7, 6, 5, 4, 3, 2, 1, Double.NaN});
        assertEquals(10, b.n());
        assertEquals(1, b.excluded());
        assertEquals(3.25, b.q1(), 1e-12);
        assertEquals(5.5, b.median(), 1e-12);
        assertEquals(7.75, b.q3(), 1e-12);
        assertEquals(1, b.whiskerLow());
        assertEquals(9, b.whiskerHigh());
        assertArrayEquals(new double[] {100}, b.outliers());
        assertEquals(14.5, b.mean(), 1e-12);
    }

    @Test
    void aWhiskerStopsAtTheQuartileWhenOnlyOutliersLieBeyond() {
        // 0, .9, .9, .9: q1 at 0.75 -> 0.675, q3 = 0.9, IQR 0.225, lower fence 0.3375: 0 is an outlier and
        // the lowest value inside the fences (0.9) lies above q1, so the whisker ends at q1 (matplotlib's rule)
        BoxStats b = BoxStats.of(new double[] {0.9, 0.0, 0.9, 0.9});
        assertEquals(0.675, b.q1(), 1e-12);
        assertEquals(0.9, b.q3(), 1e-12);
        assertEquals(0.675, b.whiskerLow(), 1e-12);
        assertEquals(0.9, b.whiskerHigh(), 1e-12);
        assertArrayEquals(new double[] {0.0}, b.outliers());
    }

    @Test
    void allUndefinedGivesAnEmptyBox() {
        BoxStats b = BoxStats.of(new double[] {Double.NaN, Double.NaN});
        assertEquals(0, b.n());
        assertEquals(2, b.excluded());
        assertEquals(true, Double.isNaN(b.median()));
    }
}
