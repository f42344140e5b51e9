package org.lossbench.models.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lossbench.core.engine.EngineSession;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;

class SlidingWindowInfererTest {

    private static ImageVolume random(Grid grid, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[grid.voxelCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble(-2, 2);
        }
        return new ImageVolume(grid, 1, v);
    }

    private static Segmentation run(Graph g, ImageVolume img, SlidingWindowConfig cfg) {
        try (EngineSession s = TestModels.open(g);
             SlidingWindowInferer inf = new SlidingWindowInferer(s, ModelContract.check(s.session(), "test"), cfg)) {
            return inf.infer(img, "case");
        }
    }

    @Test
    void windowPlanFollowsMonai() {
        assertArrayEquals(new int[] {0, 4, 8, 12}, WindowPlan.starts(20, 8, 0.5));
        assertArrayEquals(new int[] {0, 4, 8, 12, 13}, WindowPlan.starts(21, 8, 0.5));
        assertArrayEquals(new int[] {0}, WindowPlan.starts(5, 8, 0.5));
        assertEquals(1, WindowPlan.padBefore(5, 8));
        assertArrayEquals(new int[] {0, 6, 8}, WindowPlan.starts(16, 8, 0.25));
    }

    /**
     * roi 8: centre 3.5, sigma 1. The corner's Gaussian weight exp(-3 * 3.5^2 / 2) = 1.0e-8 is raised to
     * MONAI's floor 1e-3; the middle of a face, exp(-(3.5^2 + 2 * 0.5^2) / 2) = 1.7e-3, is above it and kept.
     * roi 9 has a centre weight of exactly 1.
     */
    @Test
    void gaussianImportanceHasSigmaOneEighthOfTheWindow() {
        float[] w = ImportanceMap.of(Blend.GAUSSIAN, new int[] {8, 8, 8}, 0.125);
        assertEquals(1e-3, w[0], 1e-9);
        assertEquals(Math.exp(-(3.5 * 3.5 + 2 * 0.5 * 0.5) / 2), w[(0 * 8 + 3) * 8 + 3], 1e-9);
        assertEquals(Math.exp(-3 * 0.5 * 0.5 / 2), w[(3 * 8 + 3) * 8 + 3], 1e-6);
        float[] odd = ImportanceMap.of(Blend.GAUSSIAN, new int[] {9, 9, 9}, 0.125);
        assertEquals(1f, odd[(4 * 9 + 4) * 9 + 4], 0f);
    }

    /** A volume exactly one window large gives softmax of a single ONNX Runtime pass. */
    @Test
    void oneWindowEqualsASinglePass() throws Exception {
        Graph g = Architecture.VNET_TINY.build(new ArchOptions(4, 2, 3, 1, 3, 5));
        ImageVolume img = random(Grid.of(8, 8, 8), 1);
        Segmentation seg = run(g, img, SlidingWindowConfig.defaults(8, 8, 8).withProbabilities(true));
        float[] logits;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (EngineSession s = TestModels.open(g);
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(img.data()), new long[] {1, 1, 8, 8, 8});
             OrtSession.Result r = s.session().run(Map.of("image", in))) {
            FloatBuffer fb = ((OnnxTensor) r.get("logits").orElseThrow()).getFloatBuffer();
            logits = new float[fb.remaining()];
            fb.get(logits);
        }
        int n = 512;
        for (int v = 0; v < n; v++) {
            double a = logits[v];
            double b = logits[n + v];
            double c = logits[2 * n + v];
            double m = Math.max(a, Math.max(b, c));
            double z = Math.exp(a - m) + Math.exp(b - m) + Math.exp(c - m);
            double[] p = {Math.exp(a - m) / z, Math.exp(b - m) / z, Math.exp(c - m) / z};
            for (int k = 0; k < 3; k++) {
                assertEquals(p[k], seg.probabilities().get(k, v / 64, (v / 8) % 8, v % 8), 1e-6);
            }
            int arg = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
            assertEquals(arg, seg.labels().get(v));
        }
        assertEquals(1, seg.windows());
        assertFalse(seg.modelGaveProbabilities());
    }

    /**
     * logits = [0, 1e38 * image]: the one voxel of value 10 overflows float32 to +infinity, which must
     * not become a silent label; with -1e38 the logit is -infinity, a valid probability of 0.
     */
    @Test
    void nonFiniteLogitsAreReportedWithTheVoxel() {
        float[] v = new float[5 * 6 * 7];
        v[(2 * 6 + 3) * 7 + 4] = 10;
        ImageVolume img = new ImageVolume(Grid.of(5, 6, 7), 1, v);
        org.lossbench.core.BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(org.lossbench.core.BadInputException.class,
                () -> run(TestModels.pointwise(new float[] {0, 1e38f}, new float[] {0, 0}, false), img, SlidingWindowConfig.defaults(8, 8, 8)));
        assertTrue(e.getMessage().contains("gives non-finite outputs (NaN or infinity) on case at voxel (x=4, y=3, z=2)"), e.getMessage());
        Segmentation seg = run(TestModels.pointwise(new float[] {0, -1e38f}, new float[] {0, 0}, false), img,
                SlidingWindowConfig.defaults(8, 8, 8).withProbabilities(true));
        assertEquals(1f, seg.probabilities().get(0, 2, 3, 4), 0f);
        assertEquals(0f, seg.probabilities().get(1, 2, 3, 4), 0f);
        assertEquals(0, seg.labels().get((2 * 6 + 3) * 7 + 4));
    }

    /** softmax([0.5, -1, 2]) everywhere, whatever the overlap and weights. */
    @Test
    void gaussianBlendingOfAConstantModelStaysConstant() {
        Graph g = TestModels.pointwise(new float[] {0, 0, 0}, new float[] {0.5f, -1f, 2f}, false);
        ImageVolume img = random(Grid.of(20, 17, 23), 2);
        Segmentation seg = run(g, img, SlidingWindowConfig.defaults(8, 8, 8).withBatchSize(3).withProbabilities(true));
        double z = Math.exp(0.5) + Math.exp(-1) + Math.exp(2);
        double[] p = {Math.exp(0.5) / z, Math.exp(-1) / z, Math.exp(2) / z};
        float[] probs = seg.probabilities().data();
        int n = img.grid().voxelCount();
        for (int k = 0; k < 3; k++) {
            for (int v = 0; v < n; v++) {
                assertEquals(p[k], probs[k * n + v], 1e-6, "class " + k + " voxel " + v);
            }
        }
        assertEquals(4 * 4 * 5, seg.windows());
        assertEquals(2, seg.labels().histogram().firstKey());
    }

    /**
     * logits = [0, x] so p(class 1) = sigmoid(x) voxel by voxel: padding (5x6x7 < roi 8), several
     * windows, a partial last batch and all 8 mirror variants must give back exactly sigmoid(image)
     * on the input grid.
     */
    @Test
    void paddingCroppingAndMirroringRestoreTheInputGrid() {
        Graph g = TestModels.pointwise(new float[] {0, 1}, new float[] {0, 0}, false);
        for (Grid grid : new Grid[] {Grid.of(5, 6, 7, 2.0, 1.5, 0.8), Grid.of(13, 9, 11)}) {
            ImageVolume img = random(grid, 3);
            Segmentation seg = run(g, img, SlidingWindowConfig.defaults(8, 8, 8).withMirror(true).withBatchSize(3).withProbabilities(true));
            assertSame(grid, seg.labels().grid());
            assertSame(grid, seg.probabilities().grid());
            for (int v = 0; v < grid.voxelCount(); v++) {
                double expected = 1 / (1 + Math.exp(-img.data()[v]));
                assertEquals(expected, seg.probabilities().data()[grid.voxelCount() + v], 1e-5);
                assertEquals(img.data()[v] > 0 ? 1 : 0, seg.labels().get(v));
            }
        }
    }

    /**
     * Mirror TTA on a one-window volume with a non-symmetric network equals the mean over the 8 flips f
     * of f(softmax(model(f(x)))), each pass run here directly in ONNX Runtime with the flips done by hand.
     */
    @Test
    void mirrorTtaAveragesTheEightFlippedPasses() throws Exception {
        Graph g = Architecture.VNET_TINY.build(new ArchOptions(3, 1, 3, 1, 2, 8));
        int n = 6;
        ImageVolume img = random(Grid.of(n, n, n), 6);
        Segmentation seg = run(g, img, SlidingWindowConfig.defaults(n, n, n).withMirror(true).withBatchSize(3).withProbabilities(true));
        int v = n * n * n;
        double[] expected = new double[2 * v];
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (EngineSession s = TestModels.open(g)) {
            for (int f = 0; f < 8; f++) {
                float[] flipped = new float[v];
                for (int z = 0; z < n; z++) {
                    for (int y = 0; y < n; y++) {
                        for (int x = 0; x < n; x++) {
                            int fz = (f & 1) != 0 ? n - 1 - z : z;
                            int fy = (f & 2) != 0 ? n - 1 - y : y;
                            int fx = (f & 4) != 0 ? n - 1 - x : x;
                            flipped[(z * n + y) * n + x] = img.data()[(fz * n + fy) * n + fx];
                        }
                    }
                }
                float[] logits;
                try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(flipped), new long[] {1, 1, n, n, n});
                     OrtSession.Result r = s.session().run(Map.of("image", in))) {
                    FloatBuffer fb = ((OnnxTensor) r.get("logits").orElseThrow()).getFloatBuffer();
                    logits = new float[fb.remaining()];
                    fb.get(logits);
                }
                for (int z = 0; z < n; z++) {
                    for (int y = 0; y < n; y++) {
                        for (int x = 0; x < n; x++) {
                            int fz = (f & 1) != 0 ? n - 1 - z : z;
                            int fy = (f & 2) != 0 ? n - 1 - y : y;
                            int fx = (f & 4) != 0 ? n - 1 - x : x;
                            int src = (fz * n + fy) * n + fx;
                            double p1 = 1 / (1 + Math.exp(logits[src] - logits[v + src]));
                            int dst = (z * n + y) * n + x;
                            expected[dst] += (1 - p1) / 8;
                            expected[v + dst] += p1 / 8;
                        }
                    }
                }
            }
        }
        double differsFromNoTta = 0;
        Segmentation plain = run(g, img, SlidingWindowConfig.defaults(n, n, n).withProbabilities(true));
        for (int i = 0; i < 2 * v; i++) {
            assertEquals(expected[i], seg.probabilities().data()[i], 1e-5);
            differsFromNoTta = Math.max(differsFromNoTta, Math.abs(plain.probabilities().data()[i] - expected[i]));
        }
        assertTrue(differsFromNoTta > 1e-3, "the flips must matter for this network, or the test proves nothing");
        assertEquals(8, seg.windows());
    }

    @Test
    void probabilityOutputsAreDetectedAndNotSoftmaxedTwice() {
        ImageVolume img = random(Grid.of(10, 10, 10), 4);
        SlidingWindowConfig cfg = SlidingWindowConfig.defaults(8, 8, 8).withProbabilities(true);
        Segmentation fromLogits = run(TestModels.pointwise(new float[] {1, -1, 0.5f}, new float[] {0, 0.2f, 0}, false), img, cfg);
        Segmentation fromProbs = run(TestModels.pointwise(new float[] {1, -1, 0.5f}, new float[] {0, 0.2f, 0}, true), img, cfg);
        assertTrue(fromProbs.modelGaveProbabilities());
        assertFalse(fromLogits.modelGaveProbabilities());
        assertArrayEquals(fromLogits.probabilities().data(), fromProbs.probabilities().data(), 1e-6f);
    }

    @Test
    void probabilityDetectionNeedsUnitSums() {
        assertTrue(SlidingWindowInferer.looksLikeProbabilities(new float[] {0.25f, 1f, 0.75f, 0f}, 2, 2));
        assertFalse(SlidingWindowInferer.looksLikeProbabilities(new float[] {0.25f, 0.5f, 0.5f, 0f}, 2, 2));
        assertFalse(SlidingWindowInferer.looksLikeProbabilities(new float[] {-0.5f, 0f, 1.5f, 1f}, 2, 2));
    }
}
