package org.lossbench.core.graph.grad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lossbench.core.graph.ConvSpec;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.PatchConv;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Tensor;
import org.lossbench.core.graph.Value;

/** Conv and ConvTranspose gradients (input, weight, bias) over strides, pads, dilations and groups, against central differences. */
class ConvGradTest {

    /** One geometry: input shape, weight shape, strides, pads, dilations, group, output_padding (transposed only). */
    record Case(String label, long[] x, long[] w, long[] strides, long[] pads, long[] dilations, long group, long[] outPad) {
        ConvSpec spec() {
            return new ConvSpec(strides, pads, dilations, group, outPad == null ? new long[strides.length] : outPad);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static long[] l(long... v) {
        return v;
    }

    static Stream<Case> convCases() {
        return Stream.of(
                new Case("3d k3 pad1", l(1, 2, 5, 5, 5), l(3, 2, 3, 3, 3), l(1, 1, 1), l(1, 1, 1, 1, 1, 1), l(1, 1, 1), 1, null),
                new Case("2d stride2 asymmetric pads", l(2, 2, 7, 6), l(3, 2, 3, 3), l(2, 2), l(1, 0, 0, 1), l(1, 1), 1, null),
                new Case("2d dilation2 pad2", l(1, 2, 7, 7), l(2, 2, 3, 3), l(1, 1), l(2, 2, 2, 2), l(2, 2), 1, null),
                new Case("2d mixed stride dilation", l(1, 2, 9, 8), l(2, 2, 3, 2), l(2, 3), l(1, 1, 2, 0), l(2, 1), 1, null),
                new Case("2d group2", l(1, 4, 5, 5), l(6, 2, 3, 3), l(1, 1), l(1, 1, 1, 1), l(1, 1), 2, null),
                new Case("2d group2 stride2", l(2, 4, 6, 6), l(4, 2, 2, 2), l(2, 2), l(0, 0, 0, 0), l(1, 1), 2, null),
                new Case("2d depthwise", l(1, 3, 5, 5), l(3, 1, 3, 3), l(1, 1), l(1, 1, 1, 1), l(1, 1), 3, null),
                new Case("3d k2 stride2 (V-Net down)", l(1, 2, 4, 4, 4), l(4, 2, 2, 2, 2), l(2, 2, 2), l(0, 0, 0, 0, 0, 0), l(1, 1, 1), 1, null),
                new Case("1d k4 no pad", l(2, 3, 10), l(2, 3, 4), l(1), l(0, 0), l(1), 1, null),
                new Case("3d k5 pad2 (the benchmark layer, small)", l(1, 2, 6, 6, 6), l(2, 2, 5, 5, 5), l(1, 1, 1), l(2, 2, 2, 2, 2, 2),
                        l(1, 1, 1), 1, null));
    }

    static Stream<Case> convTransposeCases() {
        return Stream.of(
                new Case("3d k2 stride2 (V-Net up)", l(1, 4, 2, 2, 2), l(4, 2, 2, 2, 2), l(2, 2, 2), l(0, 0, 0, 0, 0, 0), l(1, 1, 1), 1, l(0, 0, 0)),
                new Case("2d k3 stride2 pad1 output_padding1", l(1, 2, 3, 3), l(2, 3, 3, 3), l(2, 2), l(1, 1, 1, 1), l(1, 1), 1, l(1, 1)),
                new Case("2d group2 stride1", l(1, 4, 3, 3), l(4, 1, 3, 3), l(1, 1), l(1, 1, 1, 1), l(1, 1), 2, l(0, 0)),
                new Case("2d dilation2 stride2", l(2, 2, 3, 4), l(2, 2, 2, 3), l(2, 2), l(0, 1, 0, 0), l(2, 2), 1, l(1, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convCases")
    void conv(Case k) throws Exception {
        GradCheck c = new GradCheck(Arrays.hashCode(k.x()) + k.label().length());
        c.samples = 8;
        Value x = c.input("x", c.uniform(k.x()), k.x());
        Value w = c.input("w", c.uniform(k.w()), k.w());
        Value b = c.input("b", c.uniform(k.w()[0]), k.w()[0]);
        c.check(c.g.conv("y", x, w, b, k.spec()), x, w, b);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convTransposeCases")
    void convTranspose(Case k) throws Exception {
        GradCheck c = new GradCheck(Arrays.hashCode(k.w()) + k.label().length());
        c.samples = 8;
        Value x = c.input("x", c.uniform(k.x()), k.x());
        Value w = c.input("w", c.uniform(k.w()), k.w());
        long out = k.w()[1] * k.group();
        Value b = c.input("b", c.uniform(out), out);
        c.check(c.g.convTranspose("y", x, w, b, k.spec()), x, w, b);
    }

    /** The patch form of a kernel = stride transposed convolution ({@link PatchConv#transposed}) differentiates like any graph. */
    @Test
    void patchTransposedConvolution() throws Exception {
        GradCheck c = new GradCheck(17);
        c.samples = 8;
        Value x = c.input("x", c.uniform(2, 3, 2, 3, 2), 2, 3, 2, 3, 2);
        Value w = c.input("w", c.uniform(3, 2, 2, 2, 2), 3, 2, 2, 2, 2);
        Value b = c.input("b", c.uniform(2), 2);
        c.check(PatchConv.transposed(c.g, "up", x, w, b), x, w, b);
    }

    /**
     * The flipped kernel of the input gradient needs the incoming gradient: it depends on the weight alone
     * otherwise, and ONNX Runtime computes such nodes first and keeps them through the forward pass (every
     * flipped kernel at once, as much memory as the parameters). Also with groups (reshape path).
     */
    @Test
    void flippedKernelWaitsForTheIncomingGradient() {
        for (long group : new long[] {1, 2}) {
            Graph g = new Graph("t");
            Value x = g.input("x", DType.FLOAT, Shape.of(1, 2, 6, 6, 6));
            Value w = g.parameter("w", Tensor.floats(new long[] {2, 2 / group, 3, 3, 3}, new float[(int) (4 / group) * 27]));
            Value y = g.conv("conv", x, w, null, new ConvSpec(l(1, 1, 1), l(1, 1, 1, 1, 1, 1), l(1, 1, 1), group, l(0, 0, 0)));
            Value loss = g.reduceSum("loss", g.mul("sq", y, y), false, 0, 1, 2, 3, 4);
            Gradients.of(g, loss, List.of(x, w));
            Node flip = g.nodes().stream().filter(n -> n.name().endsWith(".w_flip")).findFirst().orElseThrow();
            // the gradient of y comes from the backward pass of the square (a node of the gradient, not the conv's own)
            assertTrue(g.ancestors(flip).stream().anyMatch(n -> n.startsWith("grad/") && !n.startsWith("grad/conv.")),
                    "group " + group + ": the flip does not wait for the gradient of y: " + g.ancestors(flip));
        }
    }
}
