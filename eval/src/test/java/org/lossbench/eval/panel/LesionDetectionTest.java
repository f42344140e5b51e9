package org.lossbench.eval.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.lesion.LesionRow;
import org.lossbench.eval.lesion.SizeBins;

/**
 * Lesion detection recall by size with its crossed hierarchical bootstrap, on designs small enough to enumerate:
 * case a holds three lesions of 2 mm, case b one, and each case one organ (class 1, 30 mm).
 */
class LesionDetectionTest {
    private static final SizeBins BINS = SizeBins.parse("3");

    private static LesionRow ref(String c, int label, int id, double diameter, boolean detected) {
        return new LesionRow(c, label, "ref", id, 4, 4.2, diameter, new int[3], new int[3], new double[3], new double[3], new double[3],
                detected ? id : 0, detected ? 4 : 0, detected ? 1 : 0, Double.NaN, "");
    }

    /** Case a with {@code inA} of its three small lesions detected, case b with {@code inB} of its one; each organ detected. */
    private static List<CaseResult> seed(int inA, int inB) {
        List<LesionRow> a = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            a.add(ref("a", 3, i, 2.0, i <= inA));
        }
        a.add(ref("a", 1, 1, 30.0, true));
        return List.of(new CaseResult("a", List.of(), a),
                new CaseResult("b", List.of(), List.of(ref("b", 3, 1, 2.0, inB > 0), ref("b", 1, 1, 30.0, true))));
    }

    private static SeedRuns runs(String loss, List<List<CaseResult>> seeds) {
        Map<Long, List<CaseResult>> bySeed = new TreeMap<>();
        for (int s = 0; s < seeds.size(); s++) {
            bySeed.put((long) s, seeds.get(s));
        }
        return new SeedRuns(loss, new TreeMap<>(bySeed), Map.of());
    }

    /**
     * ce detects 1+0 lesions with seed 0 and 2+1 with seed 1: 4 of 4 x 2 = 0.5; dice 3+1 and 3+0: 7/8. The organ (one
     * component per case) is left out, and so is the empty bin [3,inf) of class 3.
     */
    @Test
    void recallIsPooledOverSeedsAndCasesAndTheShiftIsFromTheReference() {
        LesionDetection d = LesionDetection.of(List.of(runs("ce", List.of(seed(1, 0), seed(2, 1))), runs("dice", List.of(seed(3, 1), seed(3, 0)))),
                "ce", BINS, 0);
        assertEquals(2, d.rows().size(), d.rows().toString());
        LesionDetection.Row ce = d.rows().get(0);
        LesionDetection.Row dice = d.rows().get(1);
        assertEquals(List.of(3, "[0,3)", "ce", 2, 4, 4), List.of(ce.label(), ce.bin(), ce.loss(), ce.seeds(), ce.lesions(), ce.detected()));
        assertEquals(0.5, ce.recall(), 1e-15);
        assertTrue(Double.isNaN(ce.shift()) && Double.isNaN(ce.shiftLow()), "no shift for the reference");
        assertEquals(7, dice.detected());
        assertEquals(0.875, dice.recall(), 1e-15);
        assertEquals(0.375, dice.shift(), 1e-15);
        assertTrue(ce.ciLow() <= ce.recall() && ce.recall() <= ce.ciHigh(), ce.toString());
        assertTrue(dice.shiftLow() <= dice.shift() && dice.shift() <= dice.shiftHigh(), dice.toString());
    }

    /**
     * One seed: a resample draws the cases (a,a) with probability 1/4, a and b 1/2, (b,b) 1/4. ce detects 1 of a's 3
     * and none of b's: recall 2/6, 1/4, 0; the 2.5th and 97.5th percentiles of 2,000 such draws are 0 and 1/3 (a quarter
     * of the mass sits at each end). dice detects a's 3 and none of b's: 1, 3/4, 0. Paired on the same draws the shift
     * dice - ce is 2/3, 1/2, 0, so its interval is [0, 2/3]; unpaired draws would reach -1/3 and 1.
     */
    @Test
    void theIntervalsFollowTheEnumeratedResamplingDistributionAndTheShiftIsPaired() {
        LesionDetection d = LesionDetection.of(List.of(runs("ce", List.of(seed(1, 0))), runs("dice", List.of(seed(3, 0)))), "ce", BINS, 7);
        LesionDetection.Row ce = d.rows().get(0);
        LesionDetection.Row dice = d.rows().get(1);
        assertEquals(0.25, ce.recall(), 1e-15);
        assertEquals(0.0, ce.ciLow(), 1e-15);
        assertEquals(1.0 / 3, ce.ciHigh(), 1e-15);
        assertEquals(0.0, dice.ciLow(), 1e-15);
        assertEquals(1.0, dice.ciHigh(), 1e-15);
        assertEquals(0.5, dice.shift(), 1e-15);
        assertEquals(0.0, dice.shiftLow(), 1e-15);
        assertEquals(2.0 / 3, dice.shiftHigh(), 1e-15);
    }

    @Test
    void oneCaseAndOneSeedGiveAPointInterval() {
        SeedRuns ce = new SeedRuns("ce", new TreeMap<>(Map.of(0L, List.of(seed(2, 0).get(0)))), Map.of());
        LesionDetection.Row r = LesionDetection.of(List.of(ce), "ce", BINS, 0).rows().get(0);
        assertEquals(List.of(2.0 / 3, 2.0 / 3, 2.0 / 3), List.of(r.recall(), r.ciLow(), r.ciHigh()));
    }

    @Test
    void theSameSeedGivesTheSameIntervals() {
        List<SeedRuns> runs = List.of(runs("ce", List.of(seed(1, 0), seed(2, 1))), runs("dice", List.of(seed(3, 1), seed(3, 0))));
        assertEquals(LesionDetection.of(runs, "ce", BINS, 3), LesionDetection.of(runs, "ce", BINS, 3));
    }

    /** The reference's cells all failed: recall and intervals still, no shift. */
    @Test
    void withoutTheReferenceThereAreNoShifts() {
        List<LesionDetection.Row> rows = LesionDetection.of(List.of(runs("dice", List.of(seed(3, 0)))), "ce", BINS, 0).rows();
        assertEquals(1, rows.size());
        assertEquals(0.75, rows.get(0).recall(), 1e-15);
        assertTrue(Double.isNaN(rows.get(0).shift()) && Double.isNaN(rows.get(0).shiftHigh()), rows.toString());
        assertEquals(List.of(), LesionDetection.of(List.of(), "ce", BINS, 0).rows());
    }
}
