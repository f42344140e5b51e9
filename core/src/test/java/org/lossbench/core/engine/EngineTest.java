package org.lossbench.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.OnnxSerializer;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Tensor;
import org.lossbench.core.graph.Value;

class EngineTest {

    @Test
    void parsesDevices() {
        assertEquals(Device.AUTO, Device.parse("auto"));
        assertEquals(Device.CPU, Device.parse("CPU"));
        assertEquals(new Device(Device.Kind.CUDA, 0), Device.parse("cuda"));
        assertEquals(new Device(Device.Kind.CUDA, 3), Device.parse("cuda:3"));
        for (String bad : new String[] {"gpu", "cuda:", "cuda:-1", "cuda:x", ""}) {
            LossbenchException e = assertThrows(LossbenchException.class, () -> Device.parse(bad));
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertTrue(e.getMessage().contains("auto, cpu, cuda or cuda:N"), e.getMessage());
        }
    }

    @Test
    void autoFallsBackToCpuAndCudaFailsNamingTheMissingLibrary() {
        ExecutionProviders.Status missing = new ExecutionProviders.Status("CUDA", false, "missing libcudnn.so.9 on the library path");
        ResolvedDevice auto = ResolvedDevice.resolve(Device.AUTO, i -> missing);
        assertEquals("CPU", auto.provider());
        assertTrue(auto.reason().contains("libcudnn.so.9"), auto.reason());
        LossbenchException e = assertThrows(LossbenchException.class,
                () -> ResolvedDevice.resolve(Device.parse("cuda:1"), i -> missing));
        assertTrue(e.getMessage().contains("libcudnn.so.9") && e.getMessage().contains("cuda:1"), e.getMessage());
        ExecutionProviders.Status ok = new ExecutionProviders.Status("CUDA", true, "device 2");
        assertEquals(new ResolvedDevice("CUDA", 2, "requested"), ResolvedDevice.resolve(Device.parse("cuda:2"), i -> ok));
        assertEquals("CUDA", ResolvedDevice.resolve(Device.AUTO, i -> ok).provider());
        assertEquals("CPU", ResolvedDevice.resolve(Device.CPU, i -> ok).provider());
    }

    /** y = 2x + 1 through one session, reusing one input and one pinned output buffer for three runs. */
    @Test
    void directBuffersAreReusedAcrossRunsWithoutNewTensors() throws Exception {
        Graph g = new Graph("affine");
        Value x = g.input("x", DType.FLOAT, Shape.of(1, 4));
        Value y = g.add("plus", g.mul("times", x, g.constant("two", Tensor.scalar(2f))), g.constant("one", Tensor.scalar(1f)));
        g.output(y, "y");
        try (EngineSession s = Sessions.open(OnnxSerializer.toBytes(g, "t"), "affine", SessionConfig.defaults(Device.CPU).withThreads(1));
             FloatTensorBuffer in = new FloatTensorBuffer(1, 4);
             FloatTensorBuffer out = new FloatTensorBuffer(1, 4)) {
            assertEquals("CPU", s.device().provider());
            for (int run = 0; run < 3; run++) {
                for (int i = 0; i < 4; i++) {
                    in.buffer().put(i, run * 10 + i);
                }
                try (OrtSession.Result r = s.session().run(Map.of("x", in.tensor()), Map.of("y", out.tensor()))) {
                    float[] got = new float[4];
                    out.buffer().get(0, got);
                    assertArrayEquals(new float[] {2 * run * 10 + 1, 2 * (run * 10 + 1) + 1, 2 * (run * 10 + 2) + 1,
                            2 * (run * 10 + 3) + 1}, got, 0f);
                    assertTrue(r.get("y").orElseThrow() instanceof OnnxTensor);
                }
            }
        }
    }

    @Test
    void unreadableModelsAreBadInput(@TempDir Path dir) throws Exception {
        BadInputException missing = assertThrows(BadInputException.class,
                () -> Sessions.open(dir.resolve("nope.onnx"), SessionConfig.defaults(Device.CPU)));
        assertTrue(missing.getMessage().contains("nope.onnx"));
        Path junk = dir.resolve("junk.onnx");
        Files.writeString(junk, "not a model");
        BadInputException bad = assertThrows(BadInputException.class, () -> Sessions.open(junk, SessionConfig.defaults(Device.CPU)));
        assertTrue(bad.getMessage().contains("junk.onnx"), bad.getMessage());
    }
}
