package org.lossbench.eval.lesion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lossbench.core.volume.Affine;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.eval.CaseEvaluator;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.ClassResult;
import org.lossbench.eval.EvalConfig;
import org.lossbench.eval.Volumes;

class LesionTableTest {

    static CaseResult eval(LabelMap ref, LabelMap pred, EvalConfig cfg) {
        return new CaseEvaluator(cfg).evaluate("case7", ref, pred, "r", "p");
    }

    /**
     * A 2x3x4 block (z 1..2, y 3..5, x 4..7; 24 voxels) on a grid whose affine flips x:
     * diag(-0.5, 0.8, 2) plus translation (10, -20, 30). Volume 24 * 0.5 * 0.8 * 2 = 19.2 mm3,
     * diameter (6 * 19.2 / pi)^(1/3); centroid (i, j, k) = (5.5, 4, 1.5), in mm
     * (-0.5 * 5.5 + 10, 0.8 * 4 - 20, 2 * 1.5 + 30) = (7.25, -16.8, 33); slices i 4..7, j 3..5, k 1..2;
     * extents 4 * 0.5, 3 * 0.8, 2 * 2 mm. The prediction is the same block: matched, Dice 1, HD95 0.
     */
    @Test
    void lesionRowGeometry() {
        Affine a = Affine.of(-0.5, 0, 0, 10, 0, 0.8, 0, -20, 0, 0, 2, 30, 0, 0, 0, 1);
        Grid g = Grid.fromAffine(5, 8, 10, a);
        LabelMap ref = Volumes.of(g, 4, Volumes.cube(1, 2, 3, 5, 4, 7));
        LabelMap pred = Volumes.of(g, 4, Volumes.cube(1, 2, 3, 5, 4, 7));
        CaseResult r = eval(ref, pred, EvalConfig.defaults());
        assertEquals(1, r.lesions().size());
        LesionRow row = r.lesions().get(0);
        assertEquals("case7", row.caseId());
        assertEquals(4, row.label());
        assertEquals("ref", row.source());
        assertEquals(1, row.id());
        assertEquals(24, row.voxels());
        assertEquals(19.2, row.volumeMm3(), 1e-12);
        assertEquals(Math.cbrt(6 * 19.2 / Math.PI), row.diameterMm(), 1e-12);
        assertArrayEquals(new int[] {4, 3, 1}, row.first());
        assertArrayEquals(new int[] {7, 5, 2}, row.last());
        assertArrayEquals(new double[] {2.0, 2.4, 4.0}, row.extentMm(), 1e-12);
        assertArrayEquals(new double[] {5.5, 4, 1.5}, row.centroidVoxel(), 1e-12);
        assertArrayEquals(new double[] {7.25, -16.8, 33}, row.centroidMm(), 1e-12);
        assertEquals(1, row.matchedId());
        assertEquals(1.0, row.dice(), 1e-12);
        assertEquals(0.0, row.hd95(), 1e-12);
        assertEquals("[3,6)", row.sizeBin());
    }

    /**
     * Reference: cube A (z,y,x 1..3, 27 voxels) and cube B (z,y,x 6..7, 8 voxels). Prediction: one
     * box z,y,x 1..7 (343 voxels) covering both. Greedy overlap matching:
     * the pair (A, P) overlaps 27 voxels, (B, P) 8; A is matched, B is missed.
     * TP 1, FN 1, FP 0; precision 1, recall 1/2, F1 = 2/(2 + 0 + 1) = 2/3;
     * lesion Dice of A = 2 * 27 / (27 + 343) = 54/370; lesion-wise Dice = (54/370 + 0) / 2.
     */
    @Test
    void oneComponentCoveringTwoLesionsMatchesTheLargerOverlap() {
        Grid g = Grid.of(9, 9, 9);
        LabelMap ref = Volumes.of(g, 1, Volumes.cube(1, 3, 1, 3, 1, 3));
        Volumes.paint(ref, 1, Volumes.cube(6, 7, 6, 7, 6, 7));
        LabelMap pred = Volumes.of(g, 1, Volumes.cube(1, 7, 1, 7, 1, 7));
        CaseResult r = eval(ref, pred, EvalConfig.defaults());
        ClassResult.LesionCounts l = r.classes().get(0).lesions();
        assertEquals(2, l.refLesions());
        assertEquals(1, l.predLesions());
        assertEquals(1, l.tp());
        assertEquals(1, l.fn());
        assertEquals(0, l.fp());
        assertEquals(1.0, l.precision(), 1e-12);
        assertEquals(0.5, l.recall(), 1e-12);
        assertEquals(2.0 / 3, l.f1(), 1e-12);
        assertEquals(54.0 / 370 / 2, l.lesionwiseDice(), 1e-12);
        List<LesionRow> rows = r.lesions();
        assertEquals(2, rows.size());
        assertEquals(1, rows.get(0).matchedId());
        assertEquals(27, rows.get(0).overlapVoxels());
        assertEquals(0, rows.get(1).matchedId());
        assertTrue(Double.isNaN(rows.get(1).hd95()));
    }

    /**
     * Two touching 2x2x2 cubes sharing only an edge (cube 1 at z,y,x 0..1, cube 2 at z 0..1, y 2..3,
     * x 2..3: voxel (z, 1, 1) and (z, 2, 2) share an edge along z). 26- and 18-connectivity see one
     * lesion of 16 voxels, 6-connectivity two of 8. The prediction is cube 1 only: with 6, cube 1 is
     * matched (Dice 1) and cube 2 missed; with 26, the merged lesion is matched with Dice 2*8/24.
     * A spurious one-voxel prediction far away is an FP row with Dice 0.
     */
    @Test
    void touchingLesionsDependOnConnectivity() {
        Grid g = Grid.of(6, 8, 8);
        LabelMap ref = Volumes.of(g, 1, Volumes.cube(0, 1, 0, 1, 0, 1));
        Volumes.paint(ref, 1, Volumes.cube(0, 1, 2, 3, 2, 3));
        LabelMap pred = Volumes.of(g, 1, Volumes.cube(0, 1, 0, 1, 0, 1));
        pred.set(5, 7, 7, 1);
        ClassResult.LesionCounts c26 = eval(ref, pred, EvalConfig.defaults()).classes().get(0).lesions();
        assertEquals(1, c26.refLesions());
        assertEquals(1, c26.tp());
        assertEquals(1, c26.fp());
        assertEquals(2.0 * 8 / 24 / 2, c26.lesionwiseDice(), 1e-12);
        CaseResult r6 = eval(ref, pred, EvalConfig.defaults().withConnectivity(Connectivity.FACES));
        ClassResult.LesionCounts c6 = r6.classes().get(0).lesions();
        assertEquals(2, c6.refLesions());
        assertEquals(1, c6.tp());
        assertEquals(1, c6.fn());
        assertEquals(1, c6.fp());
        assertEquals(1.0 / 3, c6.lesionwiseDice(), 1e-12);
        LesionRow fp = r6.lesions().stream().filter(x -> x.source().equals("pred")).findFirst().orElseThrow();
        assertEquals(1, fp.voxels());
        assertArrayEquals(new int[] {7, 7, 5}, fp.first());
        assertEquals(0.0, fp.dice());
    }
}
