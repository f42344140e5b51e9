package org.lossbench.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.BadInputException;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.eval.CaseEvaluator;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.EvalConfig;
import org.lossbench.eval.results.FormatTag;
import org.lossbench.eval.results.SweepLayout;

/**
 * Overlay crops of hand-built volumes, evaluated by the real {@link CaseEvaluator} (so the lesion
 * table's centroids and bounding boxes are what the sweep passes): lesions at known places, crops
 * centred on them or moved inside the volume at its borders, masks and image quantisation by hand.
 */
class OverlayCaptureTest {
    /** D 12, H 64, W 64; spacing (sz, sy, sx) = (2, 1, 0.5) mm. */
    static final Grid GRID = Grid.of(12, 64, 64, 2, 1, 0.5);

    /** Channel 0 = the column index x (a ramp along x), channel 1 = -1 everywhere (must not be shown). */
    static ImageVolume ramp(Grid g) {
        int n = g.voxelCount();
        float[] data = new float[2 * n];
        for (int z = 0; z < g.depth(); z++) {
            for (int y = 0; y < g.height(); y++) {
                for (int x = 0; x < g.width(); x++) {
                    data[g.index(z, y, x)] = x;
                    data[n + g.index(z, y, x)] = -1;
                }
            }
        }
        return new ImageVolume(g, 2, data);
    }

    static void box(LabelMap m, int label, int z0, int z1, int y0, int y1, int x0, int x1) {
        for (int z = z0; z <= z1; z++) {
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    m.set(z, y, x, label);
                }
            }
        }
    }

    /**
     * Case "a": class 1 cube of 27 voxels centred at (z 10, y 30, x 40), predicted one voxel to the right
     * (x 40..42: overlap 18, Dice 36/54); class 1 cube of 64 voxels elsewhere (predicted exactly); class 2
     * single voxel at (2, 1, 62) near the corner, not predicted.
     */
    static CaseResult caseA(LabelMap ref, LabelMap pred) {
        box(ref, 1, 9, 11, 29, 31, 39, 41);
        box(pred, 1, 9, 11, 29, 31, 40, 42);
        box(ref, 1, 2, 5, 50, 53, 5, 8);
        box(pred, 1, 2, 5, 50, 53, 5, 8);
        ref.set(2, 1, 62, 2);
        return new CaseEvaluator(EvalConfig.defaults()).evaluate("a", ref, pred, "ref", "pred");
    }

    @Test
    void cropIsCentredOnTheLesionWithItsMasks() {
        LabelMap ref = LabelMap.zeros(GRID, 2);
        LabelMap pred = LabelMap.zeros(GRID, 2);
        CaseResult a = caseA(ref, pred);
        OverlayCapture cap = new OverlayCapture(3, 48);
        cap.add(ramp(GRID), ref, pred, a);
        List<Overlay> o = cap.overlays();
        assertEquals(List.of(1L, 27L, 64L), o.stream().map(Overlay::voxels).toList(), "smallest first");
        Overlay cube = o.get(1);
        assertEquals(1, cube.label());
        assertEquals(10, cube.slice());
        assertEquals(6, cube.y0());   // 30 - 24
        assertEquals(16, cube.x0());  // 40 - 24
        assertEquals(48, cube.height());
        assertEquals(48, cube.width());
        assertArrayEquals(new int[] {24, 24}, cube.centre());
        assertArrayEquals(new double[] {1, 0.5}, cube.spacingMm());
        boolean[] r = cube.reference();
        boolean[] p = cube.prediction();
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 48; x++) {
                assertEquals(y >= 23 && y <= 25 && x >= 23 && x <= 25, r[y * 48 + x], "reference at " + y + "," + x);
                assertEquals(y >= 23 && y <= 25 && x >= 24 && x <= 26, p[y * 48 + x], "prediction at " + y + "," + x);
            }
        }
        assertTrue(cube.detected());
        assertEquals(2.0 * 18 / 54, cube.lesionDice(), 1e-12);
    }

    @Test
    void imageIsTheFirstChannelQuantisedOverItsPercentileWindow() {
        LabelMap ref = LabelMap.zeros(GRID, 2);
        LabelMap pred = LabelMap.zeros(GRID, 2);
        OverlayCapture cap = new OverlayCapture(3, 48);
        cap.add(ramp(GRID), ref, pred, caseA(ref, pred));
        Overlay cube = cap.overlays().get(1);
        // the crop holds x = 16..63, each in 48 rows: sorted, P1 at position 2303 * 0.01 = 23.03 (both neighbours 16)
        // and P99 at 2279.97 (both neighbours in the last column, 63)
        assertArrayEquals(new double[] {16, 63}, cube.window());
        byte[] img = cube.image();
        for (int col : new int[] {0, 10, 24, 47}) {
            int expected = (int) Math.round(255.0 * col / 47); // 0, 54, 130, 255
            assertEquals(expected, img[5 * 48 + col] & 0xFF, "column " + col);
        }
    }

    @Test
    void cropsAreMovedInsideTheVolumeAtItsBorders() {
        LabelMap ref = LabelMap.zeros(GRID, 2);
        LabelMap pred = LabelMap.zeros(GRID, 2);
        OverlayCapture cap = new OverlayCapture(1, 48);
        cap.add(ramp(GRID), ref, pred, caseA(ref, pred));
        Overlay corner = cap.overlays().get(0);
        assertEquals(2, corner.label());
        assertEquals(2, corner.slice());
        assertEquals(0, corner.y0());  // 1 - 24 clamped to 0
        assertEquals(16, corner.x0()); // 62 - 24 = 38 clamped to 64 - 48
        assertArrayEquals(new int[] {1, 46}, corner.centre());
        // the voxel (y 1, x 62) is crop pixel (1, 46) = index 94
        assertArrayEquals(new int[] {94, 1, 48 * 48 - 95}, corner.referenceRle());
        assertArrayEquals(new int[] {48 * 48}, corner.predictionRle());
        assertFalse(corner.detected());
        assertEquals(0, corner.lesionDice());
    }

    @Test
    void aVolumeSmallerThanTheCropIsShownWhole() {
        Grid g = Grid.of(4, 20, 30, 1, 1, 1);
        LabelMap ref = LabelMap.zeros(g, 1);
        box(ref, 1, 1, 2, 3, 4, 25, 26);
        CaseResult r = new CaseEvaluator(EvalConfig.defaults()).evaluate("s", ref, LabelMap.zeros(g, 1), "ref", "pred");
        OverlayCapture cap = new OverlayCapture();
        cap.add(ramp(g), ref, LabelMap.zeros(g, 1), r);
        Overlay o = cap.overlays().get(0);
        assertEquals(List.of(0, 0, 20, 30), List.of(o.y0(), o.x0(), o.height(), o.width()));
        assertArrayEquals(new int[] {4, 26}, o.centre()); // centroid (j 3.5, i 25.5) rounds half up
        assertEquals(2, o.slice()); // centroid k 1.5 rounds half up
    }

    @Test
    void keepsTheSmallestOverAllCasesWithTiesByCaseId() {
        Grid g = Grid.of(4, 16, 16, 1, 1, 1);
        OverlayCapture cap = new OverlayCapture(2, 8);
        for (String id : List.of("c", "b", "a")) {
            LabelMap ref = LabelMap.zeros(g, 1);
            box(ref, 1, 1, 2, 5, 6, 5, 6); // 8 voxels in every case
            if (id.equals("b")) {
                ref.set(0, 0, 0, 1);       // and a single voxel in case b
            }
            cap.add(ramp(g), ref, ref, new CaseEvaluator(EvalConfig.defaults()).evaluate(id, ref, ref, "r", "p"));
        }
        assertEquals(List.of("b/1/1", "a/1/1"), cap.overlays().stream().map(Overlay::lesionKey).toList());
    }

    @Test
    void fileRoundTripsAndIsDeterministic(@TempDir Path tmp) throws Exception {
        LabelMap ref = LabelMap.zeros(GRID, 2);
        LabelMap pred = LabelMap.zeros(GRID, 2);
        CaseResult a = caseA(ref, pred);
        OverlayCapture one = new OverlayCapture();
        one.add(ramp(GRID), ref, pred, a);
        OverlayCapture two = new OverlayCapture();
        two.add(ramp(GRID), ref, pred, a);
        String json = one.file().json();
        assertEquals(json, two.file().json());
        Path f = tmp.resolve(SweepLayout.OVERLAYS);
        Files.writeString(f, json);
        OverlayFile back = OverlayFile.read(f);
        assertEquals(json, back.json());
        assertEquals(FormatTag.OVERLAYS, back.format());
        assertEquals(3, back.overlays().size());
        assertTrue(json.contains("\"case_id\" : \"a\"") && json.contains("\"reference_rle\""), json.substring(0, 400));
        Files.writeString(f, json.replace("\"reference_rle\" : [ 94", "\"reference_rle\" : [ 95"));
        BadInputException e = assertThrows(BadInputException.class, () -> OverlayFile.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("rerun"), e.getMessage());
    }
}
