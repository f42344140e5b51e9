package org.lossbench.core.graph.grad;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lossbench.core.graph.Attribute;
import org.lossbench.core.graph.Value;

/** Arithmetic with broadcasting, elementwise functions, activations and softmaxes against central differences. */
class ElementwiseGradTest {

    /** Operand shapes covering equal shapes, trailing-axis, middle-axis, scalar and rank-extending broadcasting. */
    private static final long[][][] BROADCAST_PAIRS = {
        {{2, 3, 4}, {2, 3, 4}},
        {{2, 3, 4}, {4}},
        {{2, 3, 4}, {3, 1}},
        {{2, 1, 4}, {1, 3, 1}},
        {{1}, {2, 3}},
        {{}, {2, 3}},
    };

    @ParameterizedTest
    @ValueSource(strings = {"Add", "Sub", "Mul", "Div"})
    void broadcastingArithmetic(String op) throws Exception {
        for (int p = 0; p < BROADCAST_PAIRS.length; p++) {
            GradCheck c = new GradCheck(10 + p);
            long[] sa = BROADCAST_PAIRS[p][0];
            long[] sb = BROADCAST_PAIRS[p][1];
            Value a = c.input("a", c.uniform(sa), sa);
            // Div: keep the denominator in [0.5, 1.5] so that 1/b is smooth on the step.
            Value b = c.input("b", op.equals("Div") ? c.range(0.5, 1.5, sb) : c.uniform(sb), sb);
            c.check(c.g.op(op, "y", List.of(a, b), Map.of()), a, b);
        }
    }

    /** Pow with a tensor exponent (both gradients) and with the constant exponent 0.3 of the exponential logarithmic loss. */
    @Test
    void pow() throws Exception {
        GradCheck c = new GradCheck(1);
        Value a = c.input("a", c.range(0.5, 2, 2, 3), 2, 3);
        Value b = c.input("b", c.range(-1.5, 1.5, 3), 3);
        c.check(c.g.op("Pow", "y", List.of(a, b), Map.of()), a, b);

        GradCheck k = new GradCheck(2);
        Value x = k.input("x", k.range(0.3, 2, 4, 5), 4, 5);
        k.check(k.g.op("Pow", "y", List.of(x, k.constant("e", new float[] {0.3f})), Map.of()), x);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Neg", "Exp", "Log", "Sqrt", "Abs", "Tanh", "Reciprocal", "Sigmoid", "Relu", "Identity"})
    void unary(String op) throws Exception {
        GradCheck c = new GradCheck(op.hashCode());
        boolean positiveDomain = op.equals("Log") || op.equals("Sqrt") || op.equals("Reciprocal");
        long[] shape = {2, 3, 5};
        // Abs and Relu have a kink at 0: keep every coordinate at least 0.1 (10 steps h) away from it.
        Value x = c.input("x", positiveDomain ? c.range(0.4, 2, shape) : c.awayFromZero(0.1, shape), shape);
        c.check(c.g.op(op, "y", List.of(x), Map.of()), x);
    }

    @Test
    void leakyReluAndElu() throws Exception {
        GradCheck c = new GradCheck(3);
        Value x = c.input("x", c.awayFromZero(0.1, 3, 7), 3, 7);
        c.check(c.g.op("LeakyRelu", "y", List.of(x), Map.of("alpha", Attribute.of(0.2f))), x);

        GradCheck e = new GradCheck(4);
        Value z = e.input("x", e.awayFromZero(0.1, 3, 7), 3, 7);
        e.check(e.g.op("Elu", "y", List.of(z), Map.of("alpha", Attribute.of(0.7f))), z);
    }

    /** PRelu with a per-channel slope [C, 1, 1] broadcast against [N, C, H, W]: gradients to x and to the slope. */
    @Test
    void preluPerChannelSlope() throws Exception {
        GradCheck c = new GradCheck(5);
        Value x = c.input("x", c.awayFromZero(0.1, 2, 3, 4, 4), 2, 3, 4, 4);
        Value s = c.input("slope", c.range(0.05, 0.5, 3, 1, 1), 3, 1, 1);
        c.check(c.g.prelu("y", x, s), x, s);
    }

    @Test
    void softmaxAndLogSoftmax() throws Exception {
        GradCheck c = new GradCheck(6);
        Value x = c.input("x", c.range(-2, 2, 2, 3, 4), 2, 3, 4);
        c.check(c.g.softmax("y", x, 1), x);

        GradCheck l = new GradCheck(7);
        Value z = l.input("x", l.range(-2, 2, 2, 3, 4), 2, 3, 4);
        l.check(l.g.op("LogSoftmax", "y", List.of(z), Map.of("axis", Attribute.of(-1))), z);
    }
}
