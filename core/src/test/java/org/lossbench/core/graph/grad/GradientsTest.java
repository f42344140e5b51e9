package org.lossbench.core.graph.grad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lossbench.core.ExitCode;
import org.lossbench.core.graph.Attribute;
import org.lossbench.core.graph.ConvSpec;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.OnnxSerializer;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Tensor;
import org.lossbench.core.graph.Value;

/** The walk itself: accumulation over several consumers, ops without gradient, unreachable values, refusals. */
class GradientsTest {

    /** x read by four nodes, once twice by the same node (x * x): the contributions add up. */
    @Test
    void severalConsumersAccumulate() throws Exception {
        GradCheck c = new GradCheck(50);
        Value x = c.input("x", c.awayFromZero(0.1, 3, 4), 3, 4);
        Value sq = c.g.mul("sq", x, x);
        Value e = c.g.op("Exp", "e", List.of(x), Map.of());
        Value r = c.g.relu("r", x);
        Value y = c.g.add("y", c.g.add("s1", sq, e), c.g.sub("s2", r, c.g.reduceSum("s", x, true, 1)));
        c.check(y, x);
    }

    /**
     * Hand-derived: f = sum(x * mask) with mask = Cast(x > 0) has df/dx = mask (the mask is piecewise
     * constant: the Greater/Cast path carries no gradient), and ArgMax contributes nothing.
     */
    @Test
    void comparisonsCastAndArgMaxStopTheWalk() throws Exception {
        Graph g = new Graph("t");
        Value x = g.input("x", DType.FLOAT, Shape.of(4));
        Value positive = g.op("Greater", "pos", List.of(x, g.constant("zero", Tensor.scalar(0f))), Map.of());
        Value mask = g.op("Cast", "mask", List.of(positive), Map.of("to", Attribute.of((long) DType.FLOAT.onnxCode())));
        Value arg = g.op("ArgMax", "arg", List.of(x), Map.of("keepdims", Attribute.of(1)));
        Value argF = g.op("Cast", "arg_f", List.of(arg), Map.of("to", Attribute.of((long) DType.FLOAT.onnxCode())));
        Value loss = g.add("loss", g.reduceSum("s", g.mul("xm", x, mask), false, 0), g.reduceSum("a", argF, false, 0));
        Value dx = Gradients.of(g, loss, List.of(x)).get(x);
        g.output(dx, "dx");
        assertArrayEquals(new float[] {1, 0, 1, 0}, run(g, "x", new float[] {2, -1, 0.5f, -3}, "dx"), 0f);
    }

    /**
     * Hand-derived: with y = Exp(x) and f = sum(y * y), df/dy = 2 y; for x = [0, ln 2], y = [1, 2], so
     * the gradient with respect to the intermediate y is [2, 4] and with respect to x it is 2 y^2 = [2, 8].
     */
    @Test
    void gradientWithRespectToAnIntermediateValue() throws Exception {
        Graph g = new Graph("t");
        Value x = g.input("x", DType.FLOAT, Shape.of(2));
        Value y = g.op("Exp", "y", List.of(x), Map.of());
        Value loss = g.reduceSum("f", g.mul("yy", y, y), false, 0);
        Map<Value, Value> grads = Gradients.of(g, loss, List.of(y, x));
        g.output(grads.get(y), "dy");
        g.output(grads.get(x), "dx");
        float[] in = {0f, (float) Math.log(2)};
        assertArrayEquals(new float[] {2, 4}, run(g, "x", in, "dy"), 1e-6f);
        assertArrayEquals(new float[] {2, 8}, run(g, "x", in, "dx"), 1e-5f);
    }

    /** A Cast from float to float passes the gradient; through float to int64 and back, none flows. */
    @Test
    void castBetweenFloatsPassesTheGradientAndThroughIntegersNot() throws Exception {
        GradCheck c = new GradCheck(51);
        Value x = c.input("x", c.uniform(3, 4), 3, 4);
        Value same = c.g.op("Cast", "same", List.of(x), Map.of("to", Attribute.of((long) DType.FLOAT.onnxCode())));
        c.check(c.g.mul("y", same, x), x);

        Graph g = new Graph("t");
        Value z = g.input("x", DType.FLOAT, Shape.of(3));
        Value asInt = g.op("Cast", "to_int", List.of(z), Map.of("to", Attribute.of((long) DType.INT64.onnxCode())));
        Value back = g.op("Cast", "to_float", List.of(asInt), Map.of("to", Attribute.of((long) DType.FLOAT.onnxCode())));
        Value loss = g.reduceSum("f", g.mul("zb", z, back), false, 0);
        Value dz = Gradients.of(g, loss, List.of(z)).get(z);
        g.output(dz, "dz");
        // d/dz (z * round_toward_zero(z)) with the integer path held constant: the truncated values
        assertArrayEquals(new float[] {1, -2, 3}, run(g, "x", new float[] {1.5f, -2.25f, 3.75f}, "dz"), 0f);
    }

    /** A requested value that the loss does not depend on gets zeros of its shape. */
    @Test
    void unreachableValueGetsZeros() throws Exception {
        Graph g = new Graph("t");
        Value x = g.input("x", DType.FLOAT, Shape.of(3));
        Value unused = g.parameter("unused", Tensor.floats(new long[] {2, 2}, new float[] {1, 2, 3, 4}));
        Value loss = g.reduceSum("loss", g.mul("sq", x, x), false, 0);
        Map<Value, Value> grads = Gradients.of(g, loss, List.of(x, unused));
        g.output(grads.get(unused), "du");
        g.output(grads.get(x), "dx");
        assertArrayEquals(new float[4], run(g, "x", new float[] {1, 2, 3}, "du"), 0f);
        assertArrayEquals(new float[] {2, 4, 6}, run(g, "x", new float[] {1, 2, 3}, "dx"), 0f);
    }

    /** ofParameters differentiates every trainable initializer and none of the constants. */
    @Test
    void ofParametersCoversTrainableInitializers() {
        Graph g = new Graph("t");
        Value x = g.input("x", DType.FLOAT, Shape.of(1, 1, 4, 4));
        Value w = g.parameter("w", Tensor.floats(new long[] {1, 1, 3, 3}, new float[9]));
        Value b = g.parameter("b", Tensor.floats(new long[] {1}, new float[1]));
        Value y = g.conv("conv", x, w, b, ConvSpec.same(2, 3));
        Value loss = g.reduceSum("loss", g.mul("y2", y, g.constant("two", Tensor.scalar(2f))), false, 0, 1, 2, 3);
        Map<Value, Value> grads = Gradients.ofParameters(g, loss);
        assertEquals(List.of(w, b), List.copyOf(grads.keySet()));
        assertEquals(w.shape(), grads.get(w).shape());
        assertEquals(b.shape(), grads.get(b).shape());
    }

    @Test
    void opWithoutRuleOnThePathIsNamed() {
        Graph g = new Graph("t");
        Value x = g.input("x", DType.FLOAT, Shape.of(3));
        Value erf = g.op("Erf", "my_erf", List.of(x), Map.of());
        Value loss = g.reduceSum("loss", erf, false, 0);
        GradientException e = assertThrows(GradientException.class, () -> Gradients.of(g, loss, List.of(x)));
        assertTrue(e.getMessage().contains("op Erf") && e.getMessage().contains("'my_erf'"), e.getMessage());
        assertEquals(ExitCode.INTERNAL, e.exitCode());
    }

    /** An op without a rule off the path (it only reads a non-requested value) is fine. */
    @Test
    void opWithoutRuleOffThePathIsIgnored() {
        Graph g = new Graph("t");
        Value x = g.input("x", DType.FLOAT, Shape.of(3));
        Value c = g.input("c", DType.FLOAT, Shape.of(3));
        Value loss = g.reduceSum("loss", g.mul("m", x, g.op("Erf", "erf_c", List.of(c), Map.of())), false, 0);
        assertEquals(x.shape(), Gradients.of(g, loss, List.of(x)).get(x).shape());
    }

    @Test
    void symbolicShapeIsRefusedWhereARuleNeedsSizes() {
        Graph g = new Graph("t");
        Value x = g.input("x", DType.FLOAT, Shape.symbolic(1, 1, "D", 8, 8));
        Value w = g.parameter("w", Tensor.floats(new long[] {1, 1, 2, 2, 2}, new float[8]));
        Value y = g.conv("down", x, w, null, ConvSpec.strided(3, 2));
        Value loss = g.op("ReduceSum", "loss", List.of(y), Map.of("keepdims", Attribute.of(0)));
        GradientException e = assertThrows(GradientException.class, () -> Gradients.of(g, loss, List.of(x)));
        assertTrue(e.getMessage().contains("'down'") && e.getMessage().contains("static shape") && e.getMessage().contains("[1, 1, D, 8, 8]"),
                e.getMessage());
    }

    @Test
    void nonScalarLossAndNonFloatValuesAreRefused() {
        Graph g = new Graph("t");
        Value x = g.input("x", DType.FLOAT, Shape.of(3));
        Value i = g.input("i", DType.INT64, Shape.of(3));
        Value y = g.mul("y", x, x);
        GradientException e = assertThrows(GradientException.class, () -> Gradients.of(g, y, List.of(x)));
        assertTrue(e.getMessage().contains("scalar"), e.getMessage());
        Value loss = g.reduceSum("loss", y, false, 0);
        GradientException f = assertThrows(GradientException.class, () -> Gradients.of(g, loss, List.of(i)));
        assertTrue(f.getMessage().contains("float32"), f.getMessage());
    }

    @Test
    void unsupportedGeometriesAreRefusedWithTheReason() {
        Graph g = new Graph("t");
        Value x = g.input("x", DType.FLOAT, Shape.of(1, 1, 6, 6));
        Value s = g.op("Slice", "strided_slice", List.of(x, g.constant("st", Tensor.vector(0)), g.constant("en", Tensor.vector(6)),
                g.constant("ax", Tensor.vector(2)), g.constant("sp", Tensor.vector(2))), Map.of());
        Value loss = g.reduceSum("loss", s, false, 0, 1, 2, 3);
        GradientException e = assertThrows(GradientException.class, () -> Gradients.of(g, loss, List.of(x)));
        assertTrue(e.getMessage().contains("'strided_slice'") && e.getMessage().contains("unit steps"), e.getMessage());

        Graph h = new Graph("t");
        Value z = h.input("x", DType.FLOAT, Shape.of(1, 1, 6));
        Value w = h.parameter("w", Tensor.floats(new long[] {1, 1, 3}, new float[3]));
        Value y = h.conv("overpadded", z, w, null, new ConvSpec(new long[] {1}, new long[] {3, 0}, new long[] {1}, 1, new long[] {0}));
        Value l2 = h.reduceSum("loss", y, false, 0, 1, 2);
        GradientException p = assertThrows(GradientException.class, () -> Gradients.of(h, l2, List.of(z)));
        assertTrue(p.getMessage().contains("'overpadded'") && p.getMessage().contains("exceeds"), p.getMessage());
    }

    /** Runs {@code g} on one rank-1 float input and returns one float output. */
    static float[] run(Graph g, String input, float[] data, String output) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
             OrtSession s = env.createSession(OnnxSerializer.toBytes(g, "test"), o);
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), new long[] {data.length});
             OrtSession.Result r = s.run(Map.of(input, in), Set.of(output))) {
            FloatBuffer fb = ((OnnxTensor) r.get(output).orElseThrow()).getFloatBuffer();
            float[] v = new float[fb.remaining()];
            fb.get(v);
            return v;
        }
    }
}
