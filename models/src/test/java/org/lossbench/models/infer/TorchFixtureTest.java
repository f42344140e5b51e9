package org.lossbench.models.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.net.URISyntaxException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossbench.core.engine.Device;
import org.lossbench.core.engine.EngineSession;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.engine.Sessions;
import org.lossbench.core.io.nifti.NiftiReader;
import org.lossbench.core.io.npy.NpyArray;
import org.lossbench.core.io.npy.NpyReader;
import org.lossbench.core.volume.ImageVolume;

/**
 * A small V-Net built and exported by PyTorch 1.13 ({@code tools/vnet_torch_fixture.py}) runs
 * through the engine and the sliding-window inferer and matches PyTorch's own output.
 */
class TorchFixtureTest {

    static Path fixture(String name) {
        try {
            return Path.of(TorchFixtureTest.class.getResource("/org/lossbench/models/torch/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void onnxRuntimeLogitsMatchPyTorch() throws Exception {
        ImageVolume image = NiftiReader.readImage(fixture("input.nii.gz"));
        NpyArray expected = NpyReader.read(fixture("expected_logits.npy"));
        assertArrayEquals(new int[] {1, 3, 16, 16, 16}, expected.shape());
        try (EngineSession s = Sessions.open(fixture("vnet_small.onnx"), SessionConfig.defaults(Device.CPU).withThreads(1));
             OnnxTensor in = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(image.data()), new long[] {1, 1, 16, 16, 16});
             OrtSession.Result r = s.session().run(Map.of("image", in))) {
            FloatBuffer fb = ((OnnxTensor) r.get("logits").orElseThrow()).getFloatBuffer();
            float[] got = new float[fb.remaining()];
            fb.get(got);
            assertArrayEquals(expected.toFloatArray(), got, 1e-4f);
        }
    }

    /** The PyTorch export imports into the graph builder, and the re-serialised graph computes the same logits. */
    @Test
    void pytorchExportImportsIntoTheGraphBuilder() throws Exception {
        org.lossbench.core.graph.Graph g = org.lossbench.core.graph.OnnxImporter.read(fixture("vnet_small.onnx"));
        java.util.Map<String, Long> ops = new java.util.TreeMap<>();
        g.nodes().forEach(n -> ops.merge(n.opType(), 1L, Long::sum));
        // tools/vnet_torch_fixture.py: encoder stages of 1, 2, 2 convolutions and decoder stages of 2, 1, two stride-2
        // down-convolutions and a 1x1x1 head: 5 + 3 + 2 + 1 = 11 Conv; depth 2: two transposed convolutions up
        assertEquals(11, ops.get("Conv"), ops.toString());
        assertEquals(2, ops.get("ConvTranspose"), ops.toString());
        ImageVolume image = NiftiReader.readImage(fixture("input.nii.gz"));
        float[] expected = NpyReader.read(fixture("expected_logits.npy")).toFloatArray();
        byte[] bytes = org.lossbench.core.graph.OnnxSerializer.toBytes(g, "test");
        try (EngineSession s = Sessions.open(bytes, "reimported", SessionConfig.defaults(Device.CPU).withThreads(1));
             OnnxTensor in = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(image.data()), new long[] {1, 1, 16, 16, 16});
             OrtSession.Result r = s.session().run(Map.of("image", in))) {
            FloatBuffer fb = ((OnnxTensor) r.get("logits").orElseThrow()).getFloatBuffer();
            float[] got = new float[fb.remaining()];
            fb.get(got);
            assertArrayEquals(expected, got, 1e-4f);
        }
    }

    /** The image is exactly one window, so the blended probabilities are softmax of PyTorch's logits. */
    @Test
    void slidingWindowInferenceMatchesSoftmaxOfPyTorchLogits() {
        ImageVolume image = NiftiReader.readImage(fixture("input.nii.gz"));
        assertArrayEquals(new double[] {2.0, 1.0, 1.5}, image.grid().spacing(), 1e-9);
        float[] logits = NpyReader.read(fixture("expected_logits.npy")).toFloatArray();
        try (EngineSession s = Sessions.open(fixture("vnet_small.onnx"), SessionConfig.defaults(Device.CPU).withThreads(1));
             SlidingWindowInferer inf = new SlidingWindowInferer(s, ModelContract.check(s.session(), "vnet_small.onnx"),
                     SlidingWindowConfig.defaults(16, 16, 16).withProbabilities(true))) {
            Segmentation seg = inf.infer(image, "input.nii.gz");
            int n = 4096;
            for (int v = 0; v < n; v++) {
                double m = Math.max(logits[v], Math.max(logits[n + v], logits[2 * n + v]));
                double z = 0;
                for (int k = 0; k < 3; k++) {
                    z += Math.exp(logits[k * n + v] - m);
                }
                int arg = 0;
                for (int k = 0; k < 3; k++) {
                    assertEquals(Math.exp(logits[k * n + v] - m) / z, seg.probabilities().data()[k * n + v], 1e-5);
                    if (logits[k * n + v] > logits[arg * n + v]) {
                        arg = k;
                    }
                }
                assertEquals(arg, seg.labels().get(v));
            }
            assertEquals(3, seg.labels().histogram().size(), "all three classes occur, so argmax is really tested");
        }
    }
}
