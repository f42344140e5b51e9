package org.lossbench.models.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.lossbench.core.engine.EngineSession;
import org.lossbench.core.graph.ConvSpec;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Tensor;
import org.lossbench.core.graph.Value;
import org.lossbench.core.io.npy.NpyArray;
import org.lossbench.core.io.npy.NpyReader;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;

/**
 * Gaussian sliding-window blending where overlapping windows disagree, against MONAI 1.4.0's
 * {@code sliding_window_inference(mode="gaussian", sigma_scale=0.125, overlap=0.5)}.
 *
 * <p>The model is a 5x5x5 convolution with zero padding 2 (1 channel in, 2 classes) and a softmax:
 * near a window's border the padding replaces image content, so a voxel seen by two windows gets two
 * different probability vectors and the blend depends on the window plan and the Gaussian weights.
 * It outputs probabilities, so lossbench (which blends probabilities) and MONAI (which blends raw
 * outputs) blend the same numbers. {@code tools/sliding_window_monai.py} builds the same function in
 * PyTorch from the same formulas (its docstring says how to run it) and wrote the fixtures in
 * {@code sliding-window-monai/}: {@code single_pass.npy} (the whole 20x24x28 volume in one pass) and
 * {@code monai_gaussian.npy} (MONAI's blend with roi 16).
 */
class SlidingWindowMonaiTest {
    private static final int D = 20;
    private static final int H = 24;
    private static final int W = 28;
    private static final int K = 5;
    private static final int CLASSES = 2;
    private static final String DIR = "sliding-window-monai/";

    /** image[z, y, x] = 2 sin(0.45 x + 0.3 y) cos(0.25 z) + 0.05 (x - y + z), as in tools/sliding_window_monai.py. */
    private static ImageVolume image() {
        float[] v = new float[D * H * W];
        for (int z = 0; z < D; z++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    v[(z * H + y) * W + x] = (float) (2.0 * Math.sin(0.45 * x + 0.3 * y) * Math.cos(0.25 * z) + 0.05 * (x - y + z));
                }
            }
        }
        return new ImageVolume(Grid.of(D, H, W), 1, v);
    }

    /** softmax(conv(image, w) + b) with w[c, 0, a, b, d] = 0.3 cos(1.3 c + 0.7 a - 0.4 b + 0.9 d), b = (0.1, -0.2). */
    private static Graph convSoftmax() {
        float[] w = new float[CLASSES * K * K * K];
        for (int c = 0; c < CLASSES; c++) {
            for (int a = 0; a < K; a++) {
                for (int b = 0; b < K; b++) {
                    for (int d = 0; d < K; d++) {
                        w[((c * K + a) * K + b) * K + d] = (float) (0.3 * Math.cos(1.3 * c + 0.7 * a - 0.4 * b + 0.9 * d));
                    }
                }
            }
        }
        Graph g = new Graph("conv5_softmax");
        Value x = g.input("image", DType.FLOAT, Shape.symbolic("N", 1, "D", "H", "W"));
        Value wt = g.parameter("w", Tensor.floats(new long[] {CLASSES, 1, K, K, K}, w));
        Value bt = g.parameter("b", Tensor.floats(new long[] {CLASSES}, new float[] {0.1f, -0.2f}));
        g.output(g.softmax("probs", g.conv("conv", x, wt, bt, ConvSpec.same(3, K)), 1), "probs");
        return g;
    }

    private static Segmentation infer(int... roi) {
        Graph g = convSoftmax();
        try (EngineSession s = TestModels.open(g);
             SlidingWindowInferer inf = new SlidingWindowInferer(s, ModelContract.check(s.session(), "test"),
                     SlidingWindowConfig.defaults(roi).withProbabilities(true))) {
            return inf.infer(image(), "case");
        }
    }

    private static float[] fixture(String name) throws URISyntaxException {
        URL url = SlidingWindowMonaiTest.class.getResource(DIR + name);
        Assumptions.assumeTrue(url != null, "skipped: " + DIR + name + " is missing; run tools/sliding_window_monai.py with "
                + "MONAI_SRC set to MONAI 1.4.0's source tree (see its docstring)");
        NpyArray a = NpyReader.read(Path.of(url.toURI()));
        assertArrayEquals(new int[] {CLASSES, D, H, W}, a.shape(), name + " shape");
        return (float[]) a.data();
    }

    /** One window covering the volume equals PyTorch's single pass: both sides compute the same function. */
    @Test
    void oneWindowEqualsTorchsSinglePass() throws Exception {
        Segmentation seg = infer(D, H, W);
        assertEquals(1, seg.windows());
        assertTrue(seg.modelGaveProbabilities());
        assertArrayEquals(fixture("single_pass.npy"), seg.probabilities().data(), 1e-5f);
    }

    /** With roi 16 the windows disagree: the blend is not the single pass (so the next test can fail). */
    @Test
    void overlappingWindowsDisagree() throws Exception {
        float[] single = fixture("single_pass.npy");
        Segmentation seg = infer(16, 16, 16);
        assertEquals(2 * 2 * 3, seg.windows(), "MONAI's plan: starts {0, 4} x {0, 8} x {0, 8, 12}");
        double maxDiff = 0;
        for (int i = 0; i < single.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(single[i] - seg.probabilities().data()[i]));
        }
        assertTrue(maxDiff > 0.05, "blend differs from the single pass by at most " + maxDiff);
    }

    @Test
    void gaussianBlendEqualsMonai() throws Exception {
        float[] monai = fixture("monai_gaussian.npy");
        Segmentation seg = infer(16, 16, 16);
        float[] probs = seg.probabilities().data();
        for (int i = 0; i < monai.length; i++) {
            int v = i % (D * H * W);
            assertEquals(monai[i], probs[i], 1e-5f,
                    "class " + i / (D * H * W) + " at (z=" + v / (H * W) + ", y=" + v / W % H + ", x=" + v % W + ")");
        }
    }
}
