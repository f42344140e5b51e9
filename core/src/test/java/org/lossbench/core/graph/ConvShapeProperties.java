package org.lossbench.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The builder's Conv and ConvTranspose shape inference agrees with what ONNX Runtime computes. */
class ConvShapeProperties {

    @Property(tries = 40)
    void convShapesMatchOnnxRuntime(@ForAll @IntRange(min = 1, max = 4) int k, @ForAll @IntRange(min = 1, max = 3) int stride,
                                    @ForAll @IntRange(min = 0, max = 2) int padBegin, @ForAll @IntRange(min = 0, max = 2) int padEnd,
                                    @ForAll @IntRange(min = 1, max = 2) int dilation, @ForAll @IntRange(min = 6, max = 11) int size,
                                    @ForAll boolean transpose) throws Exception {
        int effective = dilation * (k - 1) + 1;
        if (!transpose && size + padBegin + padEnd < effective) {
            return;
        }
        int outPad = transpose ? Math.max(0, Math.min(stride, dilation) - 1) : 0;
        if (transpose && 2 * (padBegin + padEnd) >= stride * (size - 1) + effective) {
            return;
        }
        Graph g = new Graph("p");
        Value x = g.input("x", DType.FLOAT, Shape.of(1, 2, size, size + 1));
        Value w = g.parameter("w", Tensor.floats(new long[] {2, 3, k, k}, new float[2 * 3 * k * k]));
        ConvSpec spec = new ConvSpec(new long[] {stride, stride}, new long[] {padBegin, padBegin, padEnd, padEnd},
                new long[] {dilation, dilation}, 1, new long[] {outPad, outPad});
        Value y;
        if (transpose) {
            y = g.convTranspose("t", x, w, null, spec);
        } else {
            Value wc = g.parameter("wc", Tensor.floats(new long[] {3, 2, k, k}, new float[2 * 3 * k * k]));
            y = g.conv("c", x, wc, null, spec);
        }
        g.output(y);
        long[] ort = OrtRunner.outputShape(g, "x", new long[] {1, 2, size, size + 1}, new float[2 * size * (size + 1)], y.name());
        assertArrayEquals(ort, y.shape().dims(), spec.toString());
    }
}
