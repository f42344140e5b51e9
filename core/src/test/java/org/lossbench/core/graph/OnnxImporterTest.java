package org.lossbench.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lossbench.core.BadInputException;

class OnnxImporterTest {

    private static Graph sample() {
        Graph g = new Graph("sample");
        Value x = g.input("image", DType.FLOAT, Shape.symbolic("N", 2, "D", "H", "W"));
        Value w = g.parameter("w", Tensor.floats(new long[] {3, 2, 3, 3, 3}, new float[162]));
        for (int i = 0; i < 162; i++) {
            g.initializer("w").tensor().floatData()[i] = (i % 7) * 0.1f - 0.3f;
        }
        Value c = g.conv("conv", x, w, null, ConvSpec.same(3, 3));
        Value a = g.prelu("act", c, g.parameter("slope", Tensor.floats(new long[] {3, 1, 1, 1}, new float[] {0.1f, 0.2f, 0.3f})));
        Value s = g.slice("crop", a, new long[] {0}, new long[] {2}, new long[] {1});
        g.output(g.concat("cat", 1, List.of(s, x)), "logits");
        g.putMetadata("k", "v");
        return g;
    }

    @Test
    void roundTripReproducesTheSameModelBytes() throws Exception {
        Graph g = sample();
        byte[] bytes = OnnxSerializer.toBytes(g, "1");
        Graph back = OnnxImporter.fromModel(OnnxMl.ModelProto.parseFrom(bytes), "sample.onnx");
        assertEquals(g.nodes(), back.nodes());
        assertEquals(g.parameterCount(), back.parameterCount());
        assertEquals("[N, 4, D, H, W]", back.value("logits").shape().toString());
        assertArrayEquals(bytes, OnnxSerializer.toBytes(back, "1"));
    }

    @Test
    void importedGraphsRunAndCanBeExtended() throws Exception {
        Graph back = OnnxImporter.fromModel(OnnxMl.ModelProto.parseFrom(OnnxSerializer.toBytes(sample(), "1")), "sample.onnx");
        Value doubled = back.add("twice", back.value("logits"), back.value("logits"));
        back.output(doubled);
        float[] x = new float[2 * 27];
        for (int i = 0; i < x.length; i++) {
            x[i] = i - 20;
        }
        float[] once = OrtRunner.run(back, "image", new long[] {1, 2, 3, 3, 3}, x, "logits");
        float[] twice = OrtRunner.run(back, "image", new long[] {1, 2, 3, 3, 3}, x, "twice");
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], twice[i], 1e-5f);
        }
        // the last two output channels are the input itself
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], once[2 * 27 + i], 0f);
        }
    }

    @Test
    void unsupportedContentIsBadInput() {
        OnnxMl.ModelProto.Builder m = OnnxSerializer.toModel(sample(), "1").toBuilder();
        m.getGraphBuilder().getNodeBuilder(0).setDomain("com.microsoft");
        BadInputException e = assertThrows(BadInputException.class, () -> OnnxImporter.fromModel(m.build(), "ms.onnx"));
        assertTrue(e.getMessage().contains("ms.onnx") && e.getMessage().contains("com.microsoft"), e.getMessage());

        OnnxMl.ModelProto.Builder unknown = OnnxSerializer.toModel(sample(), "1").toBuilder();
        unknown.getGraphBuilder().getNodeBuilder(1).setOpType("Frobnicate");
        unknown.getGraphBuilder().clearValueInfo();
        BadInputException u = assertThrows(BadInputException.class, () -> OnnxImporter.fromModel(unknown.build(), "u.onnx"));
        assertTrue(u.getMessage().contains("Frobnicate") && u.getMessage().contains("no shape rule"), u.getMessage());
    }
}
