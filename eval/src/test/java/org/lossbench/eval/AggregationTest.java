package org.lossbench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.eval.lesion.SizeBins;

class AggregationTest {

    /**
     * Case 1: class 1 has a one-voxel lesion (diameter (6/pi)^(1/3) = 1.24 mm, bin [0,3)) that is
     * found, and a 3x3x3 cube (27 mm3, diameter (162/pi)^(1/3) = 3.72 mm, bin [3,6)) that is missed;
     * the prediction adds a spurious one-voxel lesion. Case 2: class 1 absent from the reference, the
     * prediction empty too (both empty). Per bin: [0,3) 1 lesion, 1 detected, mean Dice 1, 1 FP;
     * [3,6) 1 lesion, 0 detected, mean Dice 0. Dice across cases: case 1 = 2*1/(28 + 2), case 2 NaN
     * under MONAI's policy: n 1, n_undefined 1, n_empty_ref 1.
     */
    @Test
    void sizeBinsAndEmptyCounts() {
        Grid g = Grid.of(10, 10, 10);
        LabelMap ref = LabelMap.zeros(g);
        ref.set(1, 1, 1, 1);
        Volumes.paint(ref, 1, Volumes.cube(5, 7, 5, 7, 5, 7));
        LabelMap pred = LabelMap.zeros(g);
        pred.set(1, 1, 1, 1);
        pred.set(9, 0, 9, 1);
        CaseEvaluator ev = new CaseEvaluator(EvalConfig.defaults());
        CaseResult c1 = ev.evaluate("c1", ref, pred, "r1", "p1");
        CaseResult c2 = new CaseResult("c2", List.of(ev.absentClass("c2", 1, g)), List.of());
        Aggregation agg = Aggregation.of(List.of(c1, c2), SizeBins.defaults(), 7);
        Aggregation.SizeBinSummary small = agg.sizeBins().get(0);
        assertEquals("[0,3)", small.bin());
        assertEquals(1, small.lesions());
        assertEquals(1, small.detected());
        assertEquals(1.0, small.meanDice());
        assertEquals(1, small.falsePositives());
        Aggregation.SizeBinSummary mid = agg.sizeBins().get(1);
        assertEquals("[3,6)", mid.bin());
        assertEquals(1, mid.lesions());
        assertEquals(0, mid.detected());
        assertEquals(0.0, mid.detectionRecall());
        assertTrue(Double.isNaN(agg.sizeBins().get(2).detectionRecall()));
        Aggregation.MetricSummary dice = agg.metrics().stream().filter(m -> m.metric() == Metric.DICE).findFirst().orElseThrow();
        assertEquals(2, dice.cases());
        assertEquals(1, dice.nEmptyRef());
        assertEquals(1, dice.summary().n());
        assertEquals(1, dice.summary().nUndefined());
        assertEquals(2.0 / 30, dice.summary().mean(), 1e-12);
    }
}
