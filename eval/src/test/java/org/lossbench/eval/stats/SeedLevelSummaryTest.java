package org.lossbench.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SeedLevelSummaryTest {
    private static final double NAN = Double.NaN;

    private static Map<String, Double> cases(double... v) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < v.length; i++) {
            m.put("c" + i, v[i]);
        }
        return m;
    }

    /**
     * Seed 0: c0 0.8, c1 0.6, c2 NaN (mean 0.7); seed 1: 0.9, 0.7 (0.8); seed 2: 0.5, NaN (0.5);
     * seed 3: only NaN (left out). Grand mean (0.7 + 0.8 + 0.5) / 3 = 2/3; deviations 1/30, 4/30,
     * -5/30, sum of squares 42/900, sd sqrt(21/900) = sqrt(21)/30. Two cases have a defined value
     * (c2 never does); four values are NaN.
     */
    @Test
    void perSeedMeansAndSpreadByHand() {
        Map<Long, Map<String, Double>> v = new TreeMap<>();
        v.put(0L, cases(0.8, 0.6, NAN));
        v.put(1L, cases(0.9, 0.7));
        v.put(2L, cases(0.5, NAN));
        v.put(3L, cases(NAN, NAN));
        SeedLevelSummary s = SeedLevelSummary.of(v, 1);
        assertEquals(3, s.seeds());
        assertEquals(2, s.cases());
        assertEquals(4, s.nUndefined());
        assertEquals(Map.of(0L, 0.7, 1L, 0.8, 2L, 0.5).keySet(), s.seedMeans().keySet());
        assertEquals(0.7, s.seedMeans().get(0L), 1e-15);
        assertEquals(0.8, s.seedMeans().get(1L), 1e-15);
        assertEquals(0.5, s.seedMeans().get(2L), 1e-15);
        assertEquals(2.0 / 3, s.mean(), 1e-15);
        assertEquals(Math.sqrt(21) / 30, s.sd(), 1e-15);
        assertTrue(s.ciLow() >= 0.5 && s.ciLow() < s.mean() && s.ciHigh() > s.mean() && s.ciHigh() <= 0.9, s.toString());
    }

    /** With one seed the hierarchical bootstrap is the case bootstrap of {@link Summary}, draw for draw. */
    @Test
    void oneSeedIsTheCaseBootstrap() {
        double[] values = {0.91, 0.42, NAN, 0.77, 0.63, 0.88, 0.05, 0.7};
        for (long seed : new long[] {0, 1, 42, -7}) {
            SeedLevelSummary s = SeedLevelSummary.of(Map.of(3L, cases(values)), seed);
            Summary c = Summary.of(values, seed);
            assertEquals(1, s.seeds());
            assertEquals(7, s.cases());
            assertEquals(1, s.nUndefined());
            assertEquals(c.mean(), s.mean(), 1e-15);
            assertTrue(Double.isNaN(s.sd()));
            assertEquals(c.ciLow(), s.ciLow(), 0.0);
            assertEquals(c.ciHigh(), s.ciHigh(), 0.0);
        }
    }

    /**
     * Three seeds whose cases share the same spread, shifted by -k, 0, +k: the per-seed means
     * disagree more as k grows, and so the interval widens, while the grand mean stays (the shifts
     * cancel). The bootstrap draws the same indices for every k (same seed, same counts, order
     * within a seed kept), so each resample moves by k times the mean of its drawn shifts.
     */
    @Test
    void intervalWidensWhenSeedsDisagreeMore() {
        double[] base = {0.70, 0.74, 0.78, 0.82, 0.86, 0.90};
        double previous = -1;
        for (double k : new double[] {0, 0.02, 0.05, 0.1}) {
            Map<Long, Map<String, Double>> v = new TreeMap<>();
            for (long s = 0; s < 3; s++) {
                double[] shifted = base.clone();
                for (int i = 0; i < shifted.length; i++) {
                    shifted[i] += (s - 1) * k;
                }
                v.put(s, cases(shifted));
            }
            SeedLevelSummary r = SeedLevelSummary.of(v, 9);
            assertEquals(0.8, r.mean(), 1e-12);
            assertEquals(k, r.sd(), 1e-12);
            double width = r.ciHigh() - r.ciLow();
            assertTrue(width > previous, "k " + k + ": width " + width + " after " + previous);
            previous = width;
        }
    }

    @Test
    void sameSeedSameResultOtherSeedOtherInterval() {
        Map<Long, Map<String, Double>> v = Map.of(1L, cases(0.1, 0.5, 0.9), 2L, cases(0.3, 0.4, 0.8), 5L, cases(0.2, 0.6, 0.7));
        assertEquals(SeedLevelSummary.of(v, 17), SeedLevelSummary.of(new TreeMap<>(v), 17));
        SeedLevelSummary a = SeedLevelSummary.of(v, 17);
        SeedLevelSummary b = SeedLevelSummary.of(v, 18);
        assertEquals(a.mean(), b.mean());
        assertNotEquals(a.ciLow() + " " + a.ciHigh(), b.ciLow() + " " + b.ciHigh());
    }

    @Test
    void noDefinedValueIsAllNaN() {
        SeedLevelSummary s = SeedLevelSummary.of(Map.of(0L, cases(NAN), 1L, cases()), 1);
        assertEquals(0, s.seeds());
        assertEquals(0, s.cases());
        assertEquals(1, s.nUndefined());
        assertTrue(Double.isNaN(s.mean()) && Double.isNaN(s.sd()) && Double.isNaN(s.ciLow()) && Double.isNaN(s.ciHigh()));
    }

    /**
     * The design is crossed (every seed sees the same cases): three seeds whose models give exactly the
     * same values add no information about new cases, so the interval must be the one-seed case
     * bootstrap's. Redrawing the cases independently within each seed would shrink it by about sqrt(3).
     */
    @Test
    void identicalSeedsGiveTheIntervalOfOneSeed() {
        Map<String, Double> one = new TreeMap<>();
        double[] v = {0.91, 0.42, 0.77, 0.63, 0.88, 0.12, 0.55, 0.70};
        for (int i = 0; i < v.length; i++) {
            one.put("case" + i, v[i]);
        }
        Summary single = Summary.of(v, 7);
        SeedLevelSummary three = SeedLevelSummary.of(Map.of(0L, one, 1L, one, 2L, one), 7);
        assertEquals(single.ciLow(), three.ciLow(), 1e-15);
        assertEquals(single.ciHigh(), three.ciHigh(), 1e-15);
        assertEquals(0.0, three.sd(), 0);
    }
}
