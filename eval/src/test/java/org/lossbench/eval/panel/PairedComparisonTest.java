package org.lossbench.eval.panel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.ClassResult;
import org.lossbench.eval.Metric;
import org.lossbench.eval.stats.WilcoxonSignedRank;

class PairedComparisonTest {
    /**
     * Class 1: A beats B by 1..6 on six cases, every signed rank positive, exact p = 2/2^6 =
     * 0.03125; median difference 3.5; Walsh averages of 1..6 run from 1 to 6 symmetric about 3.5
     * (HL estimate 3.5); P(R+ <= 0) = 1/64 < 0.025 <= P(R+ <= 1) = 2/64, so k = 1: the interval is
     * [1, 6] with coverage 1 - 2/64 = 0.96875. Class 2 has two pairs with equal values: p = 1 and
     * it takes part in Holm, m = 2: class 1's adjusted p is 2 x 0.03125 = 0.0625, class 2's 1.
     * Class 3 has no finite pair: NaN, outside Holm.
     */
    @Test
    void exactTestEstimateAndHolmOverTheClasses() {
        Map<String, Double> a = Map.of("c1", 2.0, "c2", 4.0, "c3", 6.0, "c4", 8.0, "c5", 10.0, "c6", 12.0);
        Map<String, Double> b = Map.of("c1", 1.0, "c2", 2.0, "c3", 3.0, "c4", 4.0, "c5", 5.0, "c6", 6.0);
        Map<String, Double> same = Map.of("c1", 1.0, "c2", 0.5);
        Map<String, Double> undefined = Map.of("c1", Double.NaN, "c2", 0.5);
        Map<String, Double> other = Map.of("c1", 0.25);
        List<PairedComparison.Result> r = PairedComparison.compare(Map.of(1, a, 2, same, 3, undefined),
                Map.of(1, b, 2, same, 3, other));
        assertEquals(new PairedComparison.Result(1, 6, 0, 3.5, 3.5, 1, 6, 0.96875, WilcoxonSignedRank.Method.EXACT, 0,
                0.03125, 0.0625), r.get(0));
        assertEquals(new PairedComparison.Result(2, 2, 2, 0, 0, 0, 0, 0.5, WilcoxonSignedRank.Method.NONE, 0, 1, 1),
                r.get(1));
        PairedComparison.Result none = r.get(2);
        assertEquals(0, none.n());
        assertTrue(Double.isNaN(none.pValue()) && Double.isNaN(none.pHolm()) && Double.isNaN(none.hodgesLehmann()));
    }

    /**
     * Seven cases where A and B agree and one where A is better: p = 1 (scipy drops the zeros),
     * where ranking the zeros as negative gave 0.0078. Median difference 0; Walsh averages 0 x 28,
     * 0.05 x 7, 0.1: HL estimate 0.
     */
    @Test
    void tiesAreNotEvidence() {
        Map<String, Double> a = new HashMap<>();
        Map<String, Double> b = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            a.put("c" + i, 0.5);
            b.put("c" + i, i == 7 ? 0.4 : 0.5);
        }
        PairedComparison.Result r = PairedComparison.compare(Map.of(1, a), Map.of(1, b)).get(0);
        assertEquals(8, r.n());
        assertEquals(7, r.nZero());
        assertEquals(1.0, r.pValue());
        assertEquals(1.0, r.pHolm());
        assertEquals(0.0, r.medianDifference());
        assertEquals(0.0, r.hodgesLehmann());
    }

    /**
     * Two evaluations of three cases whose class-1 Dice differ by +0.1, +0.2, +0.3 (A better each
     * time, as doubles 0.9 - 0.8, 0.8 - 0.6, 0.7 - 0.4): median difference 0.2 (the middle one);
     * all ranks positive, exact p = 2 / 2^3 = 0.25.
     */
    @Test
    void comparesTwoEvaluationsOfTheSameCases() {
        List<CaseResult> a = List.of(caseWithDice("c1", 0.9), caseWithDice("c2", 0.8), caseWithDice("c3", 0.7));
        List<CaseResult> b = List.of(caseWithDice("c1", 0.8), caseWithDice("c2", 0.6), caseWithDice("c3", 0.4));
        PairedComparison.Result r = PairedComparison.compare(a, b, Metric.DICE).get(0);
        assertEquals(3, r.n());
        assertEquals(0.8 - 0.6, r.medianDifference());
        assertEquals(0.25, r.pValue());
        assertEquals(WilcoxonSignedRank.Method.EXACT, r.method());
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

    private static CaseResult caseWithDice(String id, double dice) {
        ClassResult.LesionCounts l = new ClassResult.LesionCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        ClassResult r = new ClassResult(id, 1, 0, 0, 0, 1, 1, dice, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, l);
        return new CaseResult(id, List.of(r), List.of());
    }
}
