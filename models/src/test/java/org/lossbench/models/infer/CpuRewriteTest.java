package org.lossbench.models.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.BadInputException;
import org.lossbench.core.engine.Device;
import org.lossbench.core.engine.EngineSession;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.engine.Sessions;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.OnnxSerializer;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Value;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;

/**
 * The CPU rewrites give the plain model's logits (to float rounding) for the full-width V-Nets on a
 * 16^3 window, whose deepest stages are 2 and 1 slices thick, thinner than the 5-tap depth kernel;
 * and {@code auto} falls back to the plain model where the depth-major rewrite does not apply.
 */
class CpuRewriteTest {
    private static final SessionConfig CPU = SessionConfig.defaults(Device.CPU).withThreads(1);

    @TempDir
    Path dir;

    private static float[] run(EngineSession s, float[] x, long[] shape) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
             OrtSession.Result r = s.session().run(Map.of("image", in))) {
            FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] v = new float[fb.remaining()];
            fb.get(v);
            return v;
        }
    }

    private Path write(Graph g) throws Exception {
        Path p = dir.resolve(g.name() + ".onnx");
        Files.write(p, OnnxSerializer.toBytes(g, "test"));
        return p;
    }

    @Test
    void rewritesMatchThePlainModel() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        long[] shape = {1, 1, 16, 16, 16};
        float[] x = new float[16 * 16 * 16];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        for (String arch : List.of("vnet", "vnet-lite")) {
            Path model = write(Architecture.byName(arch).build(ArchOptions.defaults()));
            float[] expected;
            try (EngineSession plain = Sessions.open(model, CPU)) {
                expected = run(plain, x, shape);
            }
            for (CpuRewrite rw : List.of(CpuRewrite.AUTO, CpuRewrite.DEPTH_MAJOR, CpuRewrite.CONV2D)) {
                try (EngineSession s = rw.apply(model, Sessions.open(model, CPU), CPU, new int[] {16, 16, 16}, 1)) {
                    assertTrue(s.description().contains("rewrite"), s.description());
                    assertArrayEquals(expected, run(s, x, shape), 1e-4f, arch + " " + rw.label());
                }
            }
        }
    }

    /** A 32x16x16 window: the depth-major layout puts the long axis last, and the logits still match. */
    @Test
    void depthMajorMatchesThePlainModelOnANonCubicWindow() throws Exception {
        SplittableRandom r = new SplittableRandom(4);
        long[] shape = {1, 1, 32, 16, 16};
        float[] x = new float[32 * 16 * 16];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        Path model = write(Architecture.byName("vnet-lite").build(ArchOptions.defaults()));
        float[] expected;
        try (EngineSession plain = Sessions.open(model, CPU)) {
            expected = run(plain, x, shape);
        }
        try (EngineSession s = CpuRewrite.DEPTH_MAJOR.apply(model, Sessions.open(model, CPU), CPU, new int[] {32, 16, 16}, 1)) {
            assertArrayEquals(expected, run(s, x, shape), 1e-4f);
        }
    }

    @Test
    void autoKeepsThePlainModelForBatchesAndUnsupportedOps() throws Exception {
        Path vnet = write(Architecture.byName("vnet-tiny").build(ArchOptions.defaults()));
        try (EngineSession plain = Sessions.open(vnet, CPU)) {
            assertSame(plain, CpuRewrite.AUTO.apply(vnet, plain, CPU, new int[] {16, 16, 16}, 2));
        }
        Graph g = new Graph("logsoftmax");
        Value in = g.input("image", DType.FLOAT, Shape.symbolic("N", 1, "D", "H", "W"));
        g.output(g.op("LogSoftmax", "lsm", List.of(in), Map.of("axis", org.lossbench.core.graph.Attribute.of(1))), "logits");
        Path model = write(g);
        try (EngineSession plain = Sessions.open(model, CPU)) {
            assertSame(plain, CpuRewrite.AUTO.apply(model, plain, CPU, new int[] {4, 4, 4}, 1));
        }
        try (EngineSession plain = Sessions.open(model, CPU)) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> CpuRewrite.DEPTH_MAJOR.apply(model, plain, CPU, new int[] {4, 4, 4}, 1));
            assertTrue(e.getMessage().contains("LogSoftmax") && e.getMessage().contains("--cpu-rewrite"), e.getMessage());
        }
    }
}
