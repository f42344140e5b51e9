package org.lossbench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.lossbench.core.BadInputException;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;

class CaseEvaluatorTest {
    private static final double EPS = 1e-12;

    static CaseResult eval(LabelMap ref, LabelMap pred, EvalConfig cfg) {
        return new CaseEvaluator(cfg).evaluate("c1", ref, pred, "ref.nii", "pred.nii");
    }

    static ClassResult only(CaseResult r, int label) {
        return r.classes().stream().filter(c -> c.label() == label).findFirst().orElseThrow();
    }

    /**
     * Reference cube z,y,x in 2..5 (64 voxels), prediction the same cube moved by one voxel along x
     * (x in 3..6). TP = 4*4*3 = 48, FP = FN = 16, Dice = 96/128 = 0.75, IoU = 48/80 = 0.6.
     * Each cube has 64 - 8 (2x2x2 interior) = 56 edge voxels. Ref edge -> pred edge: the 16 voxels
     * of face x=2 are 1 voxel from pred's face x=3; the 4 voxels of face x=5 with z,y in 3..4 lie in
     * pred's interior, 1 voxel from pred's face x=6 (or from its faces z=2 / y=2 at 1 voxel too,
     * along z/y); the other 36 lie on a shared face z or y in {2,5}: distance 0. Symmetrically for
     * pred -> ref. With spacing (sz, sy, sx) = (2, 1, 0.5) mm every "1 voxel along x" is 0.5 mm and
     * the alternatives along z (2 mm) or y (1 mm) are longer, so: HD = 0.5 mm, HD95 = 0.5 (36 zeros
     * then 20 values 0.5; position 55*0.95 = 52.25 lies among the 0.5s), ASSD = 40 * 0.5 / 112 =
     * 0.17857..., NSD at 0.4 mm = 72/112, at 0.5 mm = 1. Voxel volume 1 mm3.
     */
    @Test
    void shiftedCubesAnisotropic() {
        Grid g = Grid.of(10, 10, 10, 2.0, 1.0, 0.5);
        LabelMap ref = Volumes.of(g, 1, Volumes.cube(2, 5, 2, 5, 2, 5));
        LabelMap pred = Volumes.of(g, 1, Volumes.cube(2, 5, 2, 5, 3, 6));
        ClassResult r = only(eval(ref, pred, EvalConfig.defaults().withTolerances(Tolerances.parse("0.4"))), 1);
        assertEquals(48, r.tp());
        assertEquals(16, r.fp());
        assertEquals(16, r.fn());
        assertEquals(0.75, r.dice(), EPS);
        assertEquals(0.6, r.iou(), EPS);
        assertEquals(0.75, r.precision(), EPS);
        assertEquals(0.75, r.recall(), EPS);
        assertEquals(64.0, r.refVolumeMm3(), EPS);
        assertEquals(0.0, r.relativeVolumeError(), EPS);
        assertEquals(0.5, r.hd(), EPS);
        assertEquals(0.5, r.hd95(), EPS);
        assertEquals(20.0 / 112, r.assd(), EPS);
        assertEquals(72.0 / 112, r.nsd(), EPS);
        ClassResult r2 = only(eval(ref, pred, EvalConfig.defaults().withTolerances(Tolerances.parse("0.5"))), 1);
        assertEquals(1.0, r2.nsd(), EPS);
    }

    /**
     * Concentric lattice balls: radius 1 (7 voxels: centre and its 6 face neighbours) in radius 2
     * (33 voxels: 1 + 6 at distance 1 + 12 at sqrt 2 + 8 at sqrt 3 + 6 at distance 2).
     * Dice = 2*7/40 = 0.35. The small ball's edge is its 6 outer voxels (the centre is interior);
     * the big ball's interior is the 7 small-ball voxels, its edge the other 26. Small -> big: each
     * (1,0,0) is 1 from (2,0,0): all six 1. Big -> small: (2,0,0)-type (6) and (1,1,0)-type (12) are
     * 1 from the nearest (1,0,0)-type voxel; (1,1,1)-type (8) are sqrt 2 away. HD = HD95 = sqrt 2
     * (the 95th percentile of the 26 big->small values, position 23.75, falls among the 8 largest),
     * ASSD = (6 + 18 + 8 sqrt 2) / 32, NSD at 1 mm = 24/32.
     */
    @Test
    void concentricBalls() {
        Grid g = Grid.of(9, 9, 9);
        LabelMap ref = Volumes.of(g, 2, Volumes.ball(4, 4, 4, 1));
        LabelMap pred = Volumes.of(g, 2, Volumes.ball(4, 4, 4, 2));
        ClassResult r = only(eval(ref, pred, EvalConfig.defaults().withTolerances(Tolerances.parse("1"))), 2);
        assertEquals(7, r.refVoxels());
        assertEquals(33, r.predVoxels());
        assertEquals(0.35, r.dice(), EPS);
        assertEquals(Math.sqrt(2), r.hd(), EPS);
        assertEquals(Math.sqrt(2), r.hd95(), EPS);
        assertEquals((24 + 8 * Math.sqrt(2)) / 32, r.assd(), EPS);
        assertEquals(0.75, r.nsd(), EPS);
        assertEquals((33 - 7) / 7.0, r.relativeVolumeError(), EPS);
    }

    /**
     * One-voxel lesions two slices apart along z with sz = 3 mm: no overlap, every distance 6 mm.
     * Lesion-wise: 1 reference and 1 predicted lesion, unmatched: TP 0, FN 1, FP 1, F1 0,
     * lesion-wise Dice 0, lesion-wise HD95 = (0 + 2 * diagonal) / 2 = diagonal.
     */
    @Test
    void oneVoxelLesionsApart() {
        Grid g = Grid.of(8, 6, 5, 3.0, 1.0, 1.0);
        LabelMap ref = Volumes.of(g, 1, Volumes.cube(2, 2, 3, 3, 1, 1));
        LabelMap pred = Volumes.of(g, 1, Volumes.cube(4, 4, 3, 3, 1, 1));
        ClassResult r = only(eval(ref, pred, EvalConfig.defaults()), 1);
        assertEquals(0.0, r.dice(), EPS);
        assertEquals(6.0, r.hd(), EPS);
        assertEquals(6.0, r.hd95(), EPS);
        assertEquals(6.0, r.assd(), EPS);
        assertEquals(0.0, r.nsd(), EPS);
        double diag = Math.sqrt(21 * 21 + 5 * 5 + 4 * 4);
        assertEquals(diag, g.diagonalMm(), EPS);
        var l = r.lesions();
        assertEquals(1, l.refLesions());
        assertEquals(1, l.predLesions());
        assertEquals(0, l.tp());
        assertEquals(1, l.fn());
        assertEquals(1, l.fp());
        assertEquals(0.0, l.f1(), EPS);
        assertEquals(0.0, l.lesionwiseDice(), EPS);
        assertEquals(diag, l.lesionwiseHd95(), EPS);
        ClassResult wide = only(eval(ref, pred, EvalConfig.defaults().withTolerances(Tolerances.parse("6"))), 1);
        assertEquals(1.0, wide.nsd(), EPS);
    }

    /** The empty-case table of docs/metrics.md, row by row. */
    @Test
    void emptyCasePolicies() {
        Grid g = Grid.of(4, 4, 4);
        double diag = Math.sqrt(27);
        LabelMap some = Volumes.of(g, 1, Volumes.cube(1, 2, 1, 2, 1, 2));
        LabelMap none = LabelMap.zeros(g);
        EvalConfig monai = EvalConfig.defaults().withLabels(List.of(1));
        // reference empty, prediction not
        ClassResult m = only(eval(none, some, monai), 1);
        assertTrue(Double.isNaN(m.dice()));
        assertTrue(Double.isNaN(m.iou()));
        assertEquals(Double.POSITIVE_INFINITY, m.hd());
        assertEquals(Double.POSITIVE_INFINITY, m.hd95());
        assertEquals(Double.POSITIVE_INFINITY, m.assd());
        assertEquals(0.0, m.nsd());
        assertEquals(0.0, m.precision());
        assertTrue(Double.isNaN(m.recall()));
        ClassResult n = only(eval(none, some, monai.withEmptyPolicy(EmptyPolicy.NNUNET)), 1);
        assertEquals(0.0, n.dice());
        assertTrue(Double.isNaN(n.hd95()));
        assertTrue(Double.isNaN(n.nsd()));
        ClassResult w = only(eval(none, some, monai.withEmptyPolicy(EmptyPolicy.WORST)), 1);
        assertEquals(0.0, w.dice());
        assertEquals(diag, w.hd95(), EPS);
        assertEquals(0.0, w.nsd());
        // prediction empty, reference not: Dice 0 under every policy
        ClassResult mp = only(eval(some, none, monai), 1);
        assertEquals(0.0, mp.dice());
        assertEquals(Double.POSITIVE_INFINITY, mp.hd95());
        assertTrue(Double.isNaN(mp.precision()));
        assertEquals(0.0, mp.recall());
        assertEquals(1, mp.lesions().fn());
        // both empty
        ClassResult mb = only(eval(none, none, monai), 1);
        assertTrue(Double.isNaN(mb.dice()));
        assertTrue(Double.isNaN(mb.hd95()));
        assertTrue(Double.isNaN(mb.nsd()));
        assertTrue(Double.isNaN(mb.lesions().lesionwiseDice()));
        ClassResult nb = only(eval(none, none, monai.withEmptyPolicy(EmptyPolicy.NNUNET)), 1);
        assertTrue(Double.isNaN(nb.dice()));
        ClassResult wb = only(eval(none, none, monai.withEmptyPolicy(EmptyPolicy.WORST)), 1);
        assertEquals(1.0, wb.dice());
        assertEquals(0.0, wb.hd95());
        assertEquals(1.0, wb.nsd());
        assertEquals(1.0, wb.lesions().lesionwiseDice());
        assertEquals(0.0, wb.lesions().lesionwiseHd95());
    }

    @Test
    void gridMismatchIsBadInputNamingBothFiles() {
        LabelMap ref = LabelMap.zeros(Grid.of(4, 4, 4));
        LabelMap pred = LabelMap.zeros(Grid.of(4, 4, 4, 1, 1, 1.2));
        var e = assertThrows(BadInputException.class, () -> eval(ref, pred, EvalConfig.defaults()));
        assertTrue(e.getMessage().contains("ref.nii") && e.getMessage().contains("pred.nii") && e.getMessage().contains("spacing"),
                e.getMessage());
        LabelMap small = LabelMap.zeros(Grid.of(4, 4, 3));
        assertThrows(BadInputException.class, () -> eval(ref, small, EvalConfig.defaults()));
    }

    @Test
    void labelOutsideLabelsIsBadInput() {
        Grid g = Grid.of(4, 4, 4);
        LabelMap ref = Volumes.of(g, 1, Volumes.cube(0, 1, 0, 1, 0, 1));
        LabelMap pred = Volumes.of(g, 3, Volumes.cube(0, 1, 0, 1, 0, 1));
        var e = assertThrows(BadInputException.class, () -> eval(ref, pred, EvalConfig.defaults().withLabels(List.of(1, 2))));
        assertTrue(e.getMessage().contains("label 3") && e.getMessage().contains("pred.nii"), e.getMessage());
    }

    /** Two classes side by side; evaluating inside a 2-thread pool gives the same numbers. */
    @Test
    void multiClassInParallelPoolIsDeterministic() throws Exception {
        Grid g = Grid.of(12, 12, 12);
        LabelMap ref = Volumes.of(g, 1, Volumes.cube(1, 4, 1, 4, 1, 4));
        Volumes.paint(ref, 2, Volumes.ball(8, 8, 8, 2));
        LabelMap pred = Volumes.of(g, 1, Volumes.cube(1, 4, 1, 4, 2, 5));
        Volumes.paint(pred, 2, Volumes.ball(8, 8, 8, 1));
        CaseResult seq = eval(ref, pred, EvalConfig.defaults());
        CaseResult par = new ForkJoinPool(2).submit(() -> eval(ref, pred, EvalConfig.defaults())).get();
        assertEquals(seq, par);
        assertEquals(List.of(1, 2), seq.classes().stream().map(ClassResult::label).toList());
        assertEquals(0.35, only(seq, 2).dice(), EPS);
    }
}
