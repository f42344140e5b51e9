package org.lossbench.eval.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.ClassResult;
import org.lossbench.eval.Metric;

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

    /**
     * p = (0.01, 0.04, 0.03, NaN), m = 3: sorted 0.01 * 3 = 0.03, 0.03 * 2 = 0.06, 0.04 * 1 = 0.04
     * raised to the running maximum 0.06.
     */
    @Test
    void holmStepDown() {
        double[] adj = PairedComparison.holm(new double[] {0.01, 0.04, 0.03, Double.NaN});
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, Double.NaN}, adj, 1e-12);
    }

    /**
     * Six cases where A beats B by 1..6: every signed rank positive, exact two-sided p = 2 / 2^6 =
     * 0.03125; median difference 3.5. Class 2 has only ties: p NaN, left out of Holm, so class 1's
     * adjusted p equals its raw p.
     */
    @Test
    void wilcoxonExactAndMedianDifference() {
        Map<String, Double> a = Map.of("c1", 2.0, "c2", 4.0, "c3", 6.0, "c4", 8.0, "c5", 10.0, "c6", 12.0);
        Map<String, Double> b = Map.of("c1", 1.0, "c2", 2.0, "c3", 3.0, "c4", 4.0, "c5", 5.0, "c6", 6.0);
        Map<String, Double> same = Map.of("c1", 1.0, "c2", 1.0);
        List<PairedComparison.Result> r = PairedComparison.compare(Map.of(1, a, 2, same), Map.of(1, b, 2, same));
        assertEquals(6, r.get(0).n());
        assertEquals(3.5, r.get(0).medianDifference(), 1e-12);
        assertEquals(0.03125, r.get(0).pValue(), 1e-12);
        assertEquals(0.03125, r.get(0).pHolm(), 1e-12);
        assertTrue(Double.isNaN(r.get(1).pValue()));
    }

    /**
     * Two evaluations of three cases whose class-1 Dice differ by +0.1, +0.2, +0.3 (A better each
     * time): median difference 0.2; all ranks positive, exact p = 2 / 2^3 = 0.25.
     */
    @Test
    void comparesTwoEvaluationsOfTheSameCases() {
        List<CaseResult> a = List.of(caseWithDice("c1", 0.9), caseWithDice("c2", 0.8), caseWithDice("c3", 0.7));
        List<CaseResult> b = List.of(caseWithDice("c1", 0.8), caseWithDice("c2", 0.6), caseWithDice("c3", 0.4));
        PairedComparison.Result r = PairedComparison.compare(a, b, Metric.DICE).get(0);
        assertEquals(3, r.n());
        assertEquals(0.2, r.medianDifference(), 1e-12);
        assertEquals(0.25, r.pValue(), 1e-12);
    }

    private static CaseResult caseWithDice(String id, double dice) {
        ClassResult.LesionCounts l = new ClassResult.LesionCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        ClassResult r = new ClassResult(id, 1, 0, 0, 0, 1, 1, dice, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, l);
        return new CaseResult(id, List.of(r), List.of());
    }
}
