package org.lossbench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;

/** Symmetries: swapping reference and prediction keeps Dice, IoU, HD, HD95, ASSD and NSD, and swaps FP with FN. */
class OverlapProperties {

    @Property(tries = 100)
    void swappingRefAndPredIsSymmetric(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int classes) {
        Grid g = Grid.of(6, 7, 8, 1.5, 0.7, 1.0);
        SplittableRandom rng = new SplittableRandom(seed);
        LabelMap a = LabelMap.zeros(g);
        LabelMap b = LabelMap.zeros(g);
        for (int i = 0; i < g.voxelCount(); i++) {
            a.set(i, rng.nextInt(classes + 1));
            b.set(i, rng.nextInt(classes + 1));
        }
        EvalConfig cfg = EvalConfig.defaults();
        CaseResult ab = CaseEvaluatorTest.eval(a, b, cfg);
        CaseResult ba = CaseEvaluatorTest.eval(b, a, cfg);
        for (ClassResult x : ab.classes()) {
            ClassResult y = CaseEvaluatorTest.only(ba, x.label());
            assertEquals(x.tp(), y.tp());
            assertEquals(x.fp(), y.fn());
            assertEquals(x.dice(), y.dice(), 1e-12);
            assertEquals(x.iou(), y.iou(), 1e-12);
            assertEquals(x.hd(), y.hd(), 1e-12);
            assertEquals(x.hd95(), y.hd95(), 1e-12);
            assertEquals(x.assd(), y.assd(), 1e-12);
            assertEquals(x.nsd(), y.nsd(), 1e-12);
            assertEquals(x.lesions().tp(), y.lesions().tp());
            assertEquals(x.lesions().fp(), y.lesions().fn());
            assertEquals(x.dice(), 2 * x.iou() / (1 + x.iou()), 1e-12);
        }
    }
}
