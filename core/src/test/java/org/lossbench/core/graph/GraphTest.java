package org.lossbench.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // naming scopes are opened and closed, never referenced
class GraphTest {

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    /** a = relu(x), b = x * x, c = a + b, d = relu(b): c depends on a and b, d on b alone, nothing on c. */
    @Test
    void ancestorsAreEveryNodeANodeWaitsFor() {
        Graph g = new Graph("t");
        Value x = g.input("x", DType.FLOAT, Shape.of(2));
        Value a = g.relu("a", x);
        Value b = g.mul("b", x, x);
        Value c = g.add("c", a, b);
        Value d = g.relu("d", b);
        assertEquals(java.util.Set.of(g.producer(a.name()).name(), g.producer(b.name()).name()), g.ancestors(g.producer(c.name())));
        assertEquals(java.util.Set.of(g.producer(b.name()).name()), g.ancestors(g.producer(d.name())));
        assertTrue(g.ancestors(g.producer(a.name())).isEmpty(), "a reads the input only");
    }

    /**
     * x = [1, 2, 3, 4] on a 1x1x1x2x2 grid. A 3x3x3 all-ones kernel with pads 1 sees the whole 2x2
     * plane from every output voxel, so every output is 1+2+3+4 = 10, plus bias 0.5 = 10.5. Subtracting
     * 11 gives -0.5, and PRelu with slope 0.1 gives -0.05.
     */
    @Test
    void convSubPreluRunInOnnxRuntimeWithHandComputedValues() throws Exception {
        Graph g = new Graph("t");
        Value x = g.input("x", DType.FLOAT, Shape.symbolic("N", 1, 1, 2, 2));
        Value w = g.parameter("w", Tensor.floats(new long[] {1, 1, 3, 3, 3}, filled(27, 1f)));
        Value b = g.parameter("b", Tensor.floats(new long[] {1}, new float[] {0.5f}));
        Value y = g.conv("conv", x, w, b, ConvSpec.same(3, 3));
        Value z = g.sub("shift", y, g.constant("eleven", Tensor.scalar(11f)));
        Value slope = g.parameter("slope", Tensor.floats(new long[] {1, 1, 1, 1}, new float[] {0.1f}));
        Value p = g.prelu("act", z, slope);
        g.output(p, "out");
        assertEquals("[N, 1, 1, 2, 2]", p.shape().toString());
        float[] out = OrtRunner.run(g, "x", new long[] {1, 1, 1, 2, 2}, new float[] {1, 2, 3, 4}, "out");
        assertArrayEquals(new float[] {-0.05f, -0.05f, -0.05f, -0.05f}, out, 1e-6f);
    }

    /** A 2x2x2 stride-2 transposed conv with an all-ones kernel copies each voxel into a 2x2x2 block. */
    @Test
    void stridedTransposedConvUpsamplesByBlocks() throws Exception {
        Graph g = new Graph("t");
        Value x = g.input("x", DType.FLOAT, Shape.of(1, 1, 1, 1, 2));
        Value w = g.parameter("w", Tensor.floats(new long[] {1, 1, 2, 2, 2}, filled(8, 1f)));
        Value y = g.convTranspose("up", x, w, null, ConvSpec.strided(3, 2));
        g.output(y);
        assertEquals(Shape.of(1, 1, 2, 2, 4), y.shape());
        float[] out = OrtRunner.run(g, "x", new long[] {1, 1, 1, 1, 2}, new float[] {3, 7}, y.name());
        float[] expected = new float[16];
        for (int i = 0; i < 16; i++) {
            expected[i] = (i % 4) < 2 ? 3 : 7;
        }
        assertArrayEquals(expected, out, 0f);
    }

    /**
     * Shape inference agrees with ONNX Runtime on strided, padded, dilated convolutions, transposed
     * convolutions with output_padding, concat, slice and reshape. Hand values:
     * conv: floor((9 + 1 + 2 - 2*(3-1) - 1) / 2) + 1 = floor(7/2) + 1 = 4;
     * convT: 2*(4-1) + 1 + (3-1)*1 + 1 - 1 - 1 = 8.
     */
    @Test
    void inferredShapesMatchOnnxRuntime() throws Exception {
        Graph g = new Graph("t");
        Value x = g.input("x", DType.FLOAT, Shape.of(1, 2, 9, 9, 9));
        Value w = g.parameter("w", Tensor.floats(new long[] {3, 2, 3, 3, 3}, filled(162, 0.01f)));
        ConvSpec spec = new ConvSpec(new long[] {2, 2, 2}, new long[] {1, 1, 1, 2, 2, 2}, new long[] {2, 2, 2}, 1, new long[] {0, 0, 0});
        Value y = g.conv("c", x, w, null, spec);
        assertEquals(Shape.of(1, 3, 4, 4, 4), y.shape());
        Value wt = g.parameter("wt", Tensor.floats(new long[] {3, 4, 3, 3, 3}, filled(324, 0.01f)));
        ConvSpec up = new ConvSpec(new long[] {2, 2, 2}, new long[] {1, 1, 1, 1, 1, 1}, new long[] {1, 1, 1}, 1, new long[] {1, 1, 1});
        Value t = g.convTranspose("t", y, wt, null, up);
        assertEquals(Shape.of(1, 4, 8, 8, 8), t.shape());
        Value c = g.concat("cat", 1, List.of(t, t));
        Value s = g.slice("sl", c, new long[] {1, 2}, new long[] {7, -1}, new long[] {1, 4});
        assertEquals(Shape.of(1, 6, 8, 8, 5), s.shape());
        Value r = g.reshape("rs", s, 0, -1, 40);
        assertEquals(Shape.of(1, 48, 40), r.shape());
        Value m = g.reduceSum("sum", r, false, 1);
        assertEquals(Shape.of(1, 40), m.shape());
        g.output(m);
        long[] ortShape = OrtRunner.outputShape(g, "x", new long[] {1, 2, 9, 9, 9}, new float[2 * 729], m.name());
        assertArrayEquals(m.shape().dims(), ortShape);
    }

    @Test
    void graphIsInspectableWithReadableUniqueNames() {
        Graph g = new Graph("t");
        Value x = g.input("image", DType.FLOAT, Shape.symbolic("N", 1, "D", "H", "W"));
        Value a;
        Value b;
        try (Graph.Scope s = g.scope("enc1")) {
            Value w = g.parameter("conv.weight", Tensor.floats(new long[] {2, 1, 1, 1, 1}, new float[] {1, 2}));
            a = g.conv("conv", x, w, null, ConvSpec.same(3, 1));
            b = g.conv("conv", x, w, null, ConvSpec.same(3, 1));
        }
        Value sum = g.add(null, a, b);
        assertEquals("enc1/conv", a.name());
        assertEquals("enc1/conv_2", b.name());
        assertEquals("add", sum.name());
        assertEquals("[N, 2, D, H, W]", sum.shape().toString());
        List<Node> nodes = g.nodes();
        assertEquals(List.of("Conv", "Conv", "Add"), nodes.stream().map(Node::opType).toList());
        Node conv = nodes.get(0);
        assertEquals(List.of("image", "enc1/conv.weight"), conv.inputs());
        assertArrayEquals(new long[] {0, 0, 0, 0, 0, 0}, conv.intsAttr("pads"));
        assertArrayEquals(new long[] {1, 1, 1}, conv.intsAttr("kernel_shape"));
        assertEquals(conv, g.producer("enc1/conv"));
        assertEquals(List.of(nodes.get(2)), g.consumers("enc1/conv_2"));
        assertNull(g.producer("image"));
        assertEquals(2, g.parameterCount());
        assertTrue(g.initializer("enc1/conv.weight").trainable());
        assertThrows(IllegalArgumentException.class, () -> g.input("image", DType.FLOAT, Shape.of(1)));
    }

    @Test
    void serialisesAtOpset17IrVersion8WithExplicitPadsAndNoAutoPad() throws Exception {
        Graph g = new Graph("t");
        Value x = g.input("x", DType.FLOAT, Shape.symbolic("N", 1, 4, 4, 4));
        Value w = g.parameter("w", Tensor.floats(new long[] {1, 1, 2, 2, 2}, filled(8, 1f)));
        Value d = g.conv("down", x, w, null, ConvSpec.strided(3, 2));
        Value u = g.convTranspose("up", d, w, null, ConvSpec.strided(3, 2));
        g.output(u, "y");
        g.putMetadata("arch", "test");
        OnnxMl.ModelProto m = OnnxMl.ModelProto.parseFrom(OnnxSerializer.toBytes(g, "1.0"));
        assertEquals(8, m.getIrVersion());
        assertEquals(17, m.getOpsetImport(0).getVersion());
        assertEquals("", m.getOpsetImport(0).getDomain());
        assertEquals("test", m.getMetadataProps(0).getValue());
        for (OnnxMl.NodeProto n : m.getGraph().getNodeList()) {
            assertFalse(n.getAttributeList().stream().anyMatch(a -> a.getName().equals("auto_pad")), n.getName());
        }
        OnnxMl.NodeProto up = m.getGraph().getNode(1);
        assertEquals("ConvTranspose", up.getOpType());
        assertTrue(up.getAttributeList().stream().anyMatch(a -> a.getName().equals("output_padding")));
        OnnxMl.ValueInfoProto in = m.getGraph().getInput(0);
        assertEquals("N", in.getType().getTensorType().getShape().getDim(0).getDimParam());
        assertEquals(4, in.getType().getTensorType().getShape().getDim(2).getDimValue());
        assertEquals("y", m.getGraph().getOutput(0).getName());
        assertEquals(8, m.getGraph().getInitializer(0).getRawData().size() / 4);
        float[] out = OrtRunner.run(g, "x", new long[] {1, 1, 4, 4, 4}, filled(64, 1f), "y");
        assertArrayEquals(filled(64, 8f), out, 0f);
    }

    /** With parameters as inputs, each run feeds the weights: y = w * x with w = 5 fed (2 is only the initial value). */
    @Test
    void parametersCanBeFedAtRunTimeWhenExposedAsInputs() throws Exception {
        Graph g = new Graph("t");
        Value x = g.input("x", DType.FLOAT, Shape.of(1, 2));
        Value w = g.parameter("w", Tensor.floats(new long[] {1}, new float[] {2f}));
        g.output(g.mul("y", x, w));
        g.setParametersAsInputs(true);
        ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        try (ai.onnxruntime.OrtSession.SessionOptions o = new ai.onnxruntime.OrtSession.SessionOptions();
             ai.onnxruntime.OrtSession s = env.createSession(OnnxSerializer.toBytes(g, "t"), o);
             ai.onnxruntime.OnnxTensor xs = ai.onnxruntime.OnnxTensor.createTensor(env, java.nio.FloatBuffer.wrap(new float[] {1, 3}), new long[] {1, 2});
             ai.onnxruntime.OnnxTensor ws = ai.onnxruntime.OnnxTensor.createTensor(env, java.nio.FloatBuffer.wrap(new float[] {5}), new long[] {1})) {
            assertEquals(java.util.Set.of("x", "w"), s.getInputNames());
            assertArrayEquals(new float[] {2f}, g.initializer("w").tensor().floatData());
            try (ai.onnxruntime.OrtSession.Result r = s.run(java.util.Map.of("x", xs, "w", ws))) {
                assertArrayEquals(new float[][] {{5, 15}}, (float[][]) r.get(0).getValue());
            }
        }
    }

    /**
     * Ops the losses emit: OneHot of labels [N, D] with depth 3 on axis 1 gives [N, 3, D]; TopK k = 2 of
     * [1, 5] gives values and int64 indices [1, 2]. Checked against ONNX Runtime's output shapes and values.
     */
    @Test
    void oneHotAndTopKInferShapesAndRun() throws Exception {
        Graph g = new Graph("t");
        Value x = g.input("x", DType.FLOAT, Shape.of(1, 5));
        List<Value> top = g.opMulti("TopK", "top", List.of(x, g.constant("k", Tensor.vector(2))), java.util.Map.of("axis", Attribute.of(1)), 2);
        assertEquals(Shape.of(1, 2), top.get(0).shape());
        assertEquals(DType.INT64, top.get(1).dtype());
        Value labels = g.op("Cast", "labels", List.of(x), java.util.Map.of("to", Attribute.of(DType.INT64.onnxCode())));
        Value oh = g.op("OneHot", "onehot", List.of(labels, g.constant("depth", Tensor.vector(3)),
                g.constant("values", Tensor.floats(new long[] {2}, new float[] {0, 1}))), java.util.Map.of("axis", Attribute.of(1)));
        assertEquals(Shape.of(1, 3, 5), oh.shape());
        g.output(top.get(0));
        g.output(oh);
        float[] in = {0, 2, 1, 4, 2};
        assertArrayEquals(new float[] {4, 2}, OrtRunner.run(g, "x", new long[] {1, 5}, in, top.get(0).name()), 0f);
        // OneHot: row c is 1 where label == c; label 4 is out of range [0, 3) and gives an all-zero column.
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1},
                OrtRunner.run(g, "x", new long[] {1, 5}, in, oh.name()), 0f);
    }

    @Test
    void badShapesAreRejectedAtBuildTime() {
        Graph g = new Graph("t");
        Value x = g.input("x", DType.FLOAT, Shape.of(1, 3, 4, 4, 4));
        Value w = g.parameter("w", Tensor.floats(new long[] {1, 2, 1, 1, 1}, new float[] {1, 1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.conv("c", x, w, null, ConvSpec.same(3, 1)));
        assertTrue(e.getMessage().contains("3 channels"), e.getMessage());
        Value y = g.input("y", DType.FLOAT, Shape.of(1, 2, 4, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> g.add("a", x, y));
    }

    @Test
    void broadcastingFollowsNumpyRules() {
        Node n = new Node("n", "Add", List.of(), List.of("o"), java.util.Map.of());
        assertEquals(Shape.of(2, 3, 4), ShapeInference.broadcast(Shape.of(3, 1), Shape.of(2, 1, 4), n));
        assertEquals("[N, 5]", ShapeInference.broadcast(Shape.symbolic("N", 1), Shape.of(5), n).toString());
        assertEquals("[N, 5]", ShapeInference.broadcast(Shape.symbolic("N", 5), Shape.symbolic("N", 5), n).toString());
    }
}
