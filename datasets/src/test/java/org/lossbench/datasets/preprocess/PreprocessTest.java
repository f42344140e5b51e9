package org.lossbench.datasets.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lossbench.core.BadInputException;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;

class PreprocessTest {
    @Test
    void zScoreGivesZeroMeanUnitStdPerChannel() {
        Grid g = Grid.of(2, 2, 2);
        float[] d = new float[16];
        for (int i = 0; i < 8; i++) {
            d[i] = i;               // mean 3.5, population std sqrt(5.25)
            d[8 + i] = 10 + 2 * i;  // mean 17, std 2 sqrt(5.25)
        }
        ImageVolume out = ZScoreNormalization.apply(new ImageVolume(g, 2, d), null);
        assertEquals((0 - 3.5) / Math.sqrt(5.25), out.data()[0], 1e-6);
        assertEquals((7 - 3.5) / Math.sqrt(5.25), out.data()[7], 1e-6);
        assertEquals((10 - 17) / (2 * Math.sqrt(5.25)), out.data()[8], 1e-6);
        boolean[] mask = {false, true, true, false, false, false, false, false}; // values 1, 2: mean 1.5, std 0.5
        ImageVolume masked = ZScoreNormalization.apply(new ImageVolume(g, 2, d), mask);
        assertEquals(-1, masked.data()[1], 1e-6);
        assertEquals(1, masked.data()[2], 1e-6);
        assertEquals(0, masked.data()[0]);
    }

    @Test
    void ctNormalisationClipsAtForegroundPercentilesAndStandardises() {
        Grid g = Grid.of(1, 1, 201);
        float[] d = new float[201];
        int[] l = new int[201];
        for (int i = 0; i < 201; i++) {
            d[i] = i;                 // foreground: values 0..199, background voxel 200 = 1000
            l[i] = i < 200 ? 1 : 0;
        }
        d[200] = 1000;
        CtNormalization ct = CtNormalization.fit(List.of(new ImageVolume(g, 1, d)), List.of(LabelMap.of(g, l)), 0);
        // numpy.percentile(arange(200), [0.5, 99.5]) = [0.995, 198.005]; mean 99.5; std sqrt((200^2 - 1) / 12)
        assertEquals(0.995, ct.lower(), 1e-9);
        assertEquals(198.005, ct.upper(), 1e-9);
        assertEquals(99.5, ct.mean(), 1e-9);
        assertEquals(Math.sqrt((200.0 * 200 - 1) / 12), ct.std(), 1e-9);
        ImageVolume out = ct.apply(new ImageVolume(g, 1, d), 0);
        assertEquals((198.005 - 99.5) / ct.std(), out.data()[200], 1e-6);
        assertEquals((0.995 - 99.5) / ct.std(), out.data()[0], 1e-6);
    }

    @Test
    void ctNormalisationWithoutForegroundIsBadInput() {
        Grid g = Grid.of(1, 2, 3);
        BadInputException e = assertThrows(BadInputException.class, () -> CtNormalization.fit(
                List.of(new ImageVolume(g, 1, new float[6])), List.of(LabelMap.zeros(g)), 0));
        assertTrue(e.getMessage().contains("needs foreground voxels") && e.getMessage().contains("every label map is empty"), e.getMessage());
    }

    /** Trilinear interpolation is exact on linear functions, so resampled values are known in closed form. */
    @Test
    void resamplingALinearImageIsExactAndKeepsTheOrigin() {
        Grid g = Grid.of(6, 8, 10, 2.0, 1.0, 1.0);
        float[] d = new float[g.voxelCount()];
        for (int z = 0; z < 6; z++) {
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 10; x++) {
                    d[g.index(z, y, x)] = 3 * z - 2 * y + 0.5f * x;
                }
            }
        }
        ImageVolume out = Resampler.image(new ImageVolume(g, 1, d), new double[] {1.0, 1.5, 0.5});
        assertEquals("[12, 5, 20]", out.grid().shapeString());
        assertArrayEquals(new double[] {1.0, 1.5, 0.5}, out.grid().spacing(), 1e-12);
        for (int z = 0; z < 11; z++) {        // input z = z / 2 <= 5: inside
            for (int y = 0; y < 5; y++) {     // input y = 1.5 y <= 6
                for (int x = 0; x < 19; x++) { // input x = x / 2 <= 9
                    assertEquals(3 * (z / 2.0) - 2 * (1.5 * y) + 0.5 * (x / 2.0), out.get(0, z, y, x), 1e-4);
                }
            }
        }
        // world position of voxel (1, 1, 1): (x, y, z) = (0.5, 1.5, 1.0)
        assertArrayEquals(new double[] {0.5, 1.5, 1.0}, out.grid().affine().apply(1, 1, 1), 1e-12);
    }

    @Test
    void labelResamplingIsNearestNeighbour() {
        Grid g = Grid.of(1, 1, 6);
        LabelMap l = LabelMap.of(g, new int[] {0, 1, 2, 3, 4, 5});
        // to spacing 2: output x samples input 0, 2, 4; to spacing 0.5: input 0, 0.5->1, 1, 1.5->2, ...
        assertArrayEquals(new int[] {0, 2, 4}, Resampler.labels(l, new double[] {1, 1, 2}).toIntArray());
        assertArrayEquals(new int[] {0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 5}, Resampler.labels(l, new double[] {1, 1, 0.5}).toIntArray());
    }

    @Test
    void cropAndPadMoveTheOriginAndFillPadding() {
        Grid g = Grid.of(1, 2, 3);
        ImageVolume img = new ImageVolume(g, 1, new float[] {1, 2, 3, 4, 5, 6});
        ImageVolume out = CropPad.image(img, new int[] {0, -1, 1}, new int[] {1, 3, 3}, -9);
        assertArrayEquals(new float[] {-9, -9, -9, 2, 3, -9, 5, 6, -9}, out.data());
        assertArrayEquals(new double[] {1, -1, 0}, out.grid().affine().apply(0, 0, 0), 1e-12);
        LabelMap lab = CropPad.labels(LabelMap.of(g, new int[] {0, 0, 1, 0, 2, 0}), new int[] {0, -1, 1}, new int[] {1, 3, 3}, 0);
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 0, 2, 0, 0}, lab.toIntArray());
    }
}
