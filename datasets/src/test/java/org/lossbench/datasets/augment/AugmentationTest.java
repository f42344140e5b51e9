package org.lossbench.datasets.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.datasets.phantom.PhantomCase;
import org.lossbench.datasets.phantom.Phantoms;

class AugmentationTest {
    /** A sample whose only channel holds the label values as floats. */
    static Sample labelAsImage(PhantomCase c) {
        int[] l = c.label().toIntArray();
        float[] img = new float[l.length];
        for (int i = 0; i < l.length; i++) {
            img[i] = l[i];
        }
        return new Sample(new ImageVolume(c.label().grid(), 1, img), c.label());
    }

    static float[] labelsAsFloats(LabelMap map) {
        float[] out = new float[map.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = map.get(i);
        }
        return out;
    }

    /**
     * Image and label stay aligned: with nearest-neighbour image interpolation, an image that equals
     * the label before every spatial transform (rotation, zoom, elastic, flips, quarter turns) still
     * equals the transformed label voxel for voxel.
     */
    @Test
    void spatialTransformsKeepImageAndLabelAligned() {
        PhantomCase c = Phantoms.TINY.generate(1, 0);
        SpatialTransform all = new SpatialTransform(Math.toRadians(40), 1, 0.8, 1.3, 1, 5, 2.5, 1,
                ImageInterpolation.NEAREST, 0f);
        Augmentation pipeline = new Augmentation(List.of(all, new Flip(0.7), new Rotate90(1)));
        for (long seed = 0; seed < 5; seed++) {
            Sample out = pipeline.apply(labelAsImage(c), new SplittableRandom(seed));
            assertArrayEquals(labelsAsFloats(out.label()), out.image().data(), "seed " + seed);
            assertFalse(java.util.Arrays.equals(c.label().toIntArray(), out.label().toIntArray()), "transform did something");
        }
    }

    /**
     * With trilinear interpolation, wherever the transformed label has a voxel whose 3x3x3
     * neighbourhood is one class, the interpolated label-image equals that class (to rounding).
     */
    @Test
    void trilinearImageAgreesWithLabelInsideRegions() {
        PhantomCase c = Phantoms.TINY.generate(2, 1);
        SpatialTransform all = new SpatialTransform(Math.toRadians(25), 1, 0.9, 1.2, 1, 5, 1.5, 1,
                ImageInterpolation.TRILINEAR, 0f);
        Sample out = all.apply(labelAsImage(c), new SplittableRandom(3));
        Grid g = out.label().grid();
        int checked = 0;
        for (int z = 1; z < g.depth() - 1; z++) {
            for (int y = 1; y < g.height() - 1; y++) {
                for (int x = 1; x < g.width() - 1; x++) {
                    int v = out.label().get(z, y, x);
                    boolean uniform = true;
                    for (int dz = -1; dz <= 1 && uniform; dz++) {
                        for (int dy = -1; dy <= 1 && uniform; dy++) {
                            for (int dx = -1; dx <= 1 && uniform; dx++) {
                                uniform = out.label().get(z + dz, y + dy, x + dx) == v;
                            }
                        }
                    }
                    if (uniform && v > 0) {
                        assertEquals(v, out.image().get(0, z, y, x), 0.35, "at " + z + "," + y + "," + x);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 500, "checked " + checked);
    }

    /** A 90-degree rotation through the interpolating transform equals the exact quarter turn. */
    @Test
    void ninetyDegreeAffineRotationEqualsQuarterTurn() {
        PhantomCase c = Phantoms.TINY.generate(4, 2);
        Sample s = new Sample(c.image(), c.label());
        SpatialTransform t = new SpatialTransform(0, 0, 1, 1, 0, 4, 0, 0, ImageInterpolation.TRILINEAR, 0f);
        Sample viaAffine = t.apply(s, new double[] {Math.PI / 2, 0, 0}, 1, null);
        Sample exact = Rotate90.rotate(s, 1, 2, 1);
        assertArrayEquals(exact.label().toIntArray(), viaAffine.label().toIntArray());
        assertArrayEquals(exact.image().data(), viaAffine.image().data(), 1e-4f);
    }

    /** numpy.rot90(m, 1, axes=(1, 2)) and numpy flips, computed by hand on a 1x2x2 block. */
    @Test
    void quarterTurnAndFlipMatchNumpy() {
        Grid g = Grid.of(1, 2, 2);
        Sample s = new Sample(new ImageVolume(g, 1, new float[] {1, 2, 3, 4}), LabelMap.of(g, new int[] {1, 2, 3, 4}));
        // numpy.rot90([[1, 2], [3, 4]]) = [[2, 4], [1, 3]]
        assertArrayEquals(new float[] {2, 4, 1, 3}, Rotate90.rotate(s, 1, 2, 1).image().data());
        assertArrayEquals(new int[] {4, 3, 2, 1}, Rotate90.rotate(s, 1, 2, 2).label().toIntArray());
        assertArrayEquals(new float[] {3, 1, 4, 2}, Rotate90.rotate(s, 1, 2, 3).image().data());
        assertArrayEquals(new float[] {2, 1, 4, 3}, Flip.flip(s, new boolean[] {false, false, true}).image().data());
        assertArrayEquals(new int[] {3, 4, 1, 2}, Flip.flip(s, new boolean[] {false, true, false}).label().toIntArray());
    }

    @Test
    void zoomAndIdentity() {
        Grid g = Grid.of(1, 1, 5);
        Sample s = new Sample(new ImageVolume(g, 1, new float[] {0, 10, 20, 30, 40}), LabelMap.of(g, new int[] {0, 1, 2, 3, 4}));
        SpatialTransform t = new SpatialTransform(0, 0, 1, 1, 0, 4, 0, 0, ImageInterpolation.TRILINEAR, -1f);
        Sample same = t.apply(s, new double[3], 1, null);
        assertArrayEquals(s.image().data(), same.image().data());
        // zoom 2 about the centre x = 2: source x = 2 + (x - 2) / 2 = 1, 1.5, 2, 2.5, 3
        Sample zoomed = t.apply(s, new double[3], 2, null);
        assertArrayEquals(new float[] {10, 15, 20, 25, 30}, zoomed.image().data(), 1e-5f);
        assertArrayEquals(new int[] {1, 2, 2, 3, 3}, zoomed.label().toIntArray()); // round half up
        // zoom 0.5: source x = -2, 0, 2, 4, 6 -> outside gets the fill value and background
        Sample shrunk = t.apply(s, new double[3], 0.5, null);
        assertArrayEquals(new float[] {-1, 0, 20, 40, -1}, shrunk.image().data(), 1e-5f);
        assertArrayEquals(new int[] {0, 0, 2, 4, 0}, shrunk.label().toIntArray());
    }

    @Test
    void intensityTransforms() {
        Grid g = Grid.of(1, 1, 5);
        Sample s = new Sample(new ImageVolume(g, 1, new float[] {0, 0.25f, 0.5f, 0.75f, 1}), null);
        Sample gamma = new GammaTransform(2, 2, 1).apply(s, new SplittableRandom(1));
        assertArrayEquals(new float[] {0, 0.0625f, 0.25f, 0.5625f, 1}, gamma.image().data(), 1e-6f);
        Sample noisy = new GaussianNoise(0.1, 1).apply(s, new SplittableRandom(1));
        assertFalse(java.util.Arrays.equals(s.image().data(), noisy.image().data()));
        assertArrayEquals(noisy.image().data(), new GaussianNoise(0.1, 1).apply(s, new SplittableRandom(1)).image().data());
    }

    /**
     * GaussianNoise(maxSigma 0.1, p 0.5) over 400 seeds on a constant 10^3 volume: about half the draws
     * leave the sample as it is (Binomial(400, 0.5): 200 +- 10, accepted 140..260); the others add noise of
     * mean 0 (within 5 standard errors sd / sqrt(1000)) whose standard deviation sigma is uniform on
     * [0, 0.1]: the mean of the measured sd is 0.05 (standard error 0.0289 / sqrt(~200) = 0.002, accepted
     * +- 0.01), none exceeds 0.1 by more than 5 of its relative standard errors 1 / sqrt(2000), and the
     * largest is above 0.09 (all ~200 below has probability 0.9^200 < 1e-9). The labels are untouched.
     */
    @Test
    void gaussianNoiseHasZeroMeanAndAUniformlyDrawnSigma() {
        Grid g = Grid.of(10, 10, 10);
        float[] flat = new float[1000];
        java.util.Arrays.fill(flat, 0.5f);
        Sample s = new Sample(new ImageVolume(g, 1, flat), LabelMap.zeros(g));
        GaussianNoise noise = new GaussianNoise(0.1, 0.5);
        int unchanged = 0;
        int noisy = 0;
        double sumSd = 0;
        double maxSd = 0;
        for (long seed = 0; seed < 400; seed++) {
            Sample out = noise.apply(s, new SplittableRandom(seed));
            assertSame(s.label(), out.label());
            if (out == s) {
                unchanged++;
                continue;
            }
            double sum = 0;
            double sq = 0;
            for (float v : out.image().data()) {
                sum += v - 0.5;
                sq += (v - 0.5) * (v - 0.5);
            }
            double mean = sum / 1000;
            double sd = Math.sqrt(sq / 1000 - mean * mean);
            assertEquals(0, mean, 5 * sd / Math.sqrt(1000) + 1e-6, "seed " + seed);
            noisy++;
            sumSd += sd;
            maxSd = Math.max(maxSd, sd);
        }
        assertTrue(unchanged >= 140 && unchanged <= 260, unchanged + " of 400 draws unchanged");
        assertEquals(0.05, sumSd / noisy, 0.01, "mean sigma over " + noisy + " noisy draws");
        assertTrue(maxSd <= 0.1 * (1 + 5 / Math.sqrt(2000)) && maxSd > 0.09, "largest sigma " + maxSd);
    }

    /** Matching to a linearly transformed copy of a volume's own histogram recovers that linear map. */
    @Test
    void histogramMatchingMapsQuantiles() {
        Grid g = Grid.of(10, 10, 10);
        float[] a = new float[1000];
        float[] ref = new float[1000];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 1000; i++) {
            a[i] = (float) r.nextDouble();
        }
        for (int i = 0; i < 1000; i++) {
            ref[(i * 7) % 1000] = 3 * a[i] + 5; // a permutation: same quantiles as 3a + 5
        }
        ImageVolume out = HistogramMatching.match(new ImageVolume(g, 1, a), new ImageVolume(g, 1, ref));
        for (int i = 0; i < 1000; i++) {
            assertEquals(3 * a[i] + 5, out.data()[i], 1e-4);
        }
    }

    @Test
    void standardPipelineIsDeterministicBySeed() {
        PhantomCase c = Phantoms.TINY.generate(1, 3);
        Augmentation aug = Augmentation.standard(List.of(Phantoms.TINY.generate(1, 0).image()));
        Sample s = new Sample(c.image(), c.label());
        Sample a = aug.apply(s, new SplittableRandom(99));
        Sample b = aug.apply(s, new SplittableRandom(99));
        assertArrayEquals(a.image().data(), b.image().data());
        assertArrayEquals(a.label().toIntArray(), b.label().toIntArray());
    }
}
