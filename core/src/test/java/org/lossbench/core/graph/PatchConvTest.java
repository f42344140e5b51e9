package org.lossbench.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link PatchConv}: the patch product equals ONNX Runtime's ConvTranspose, and the lowering replaces exactly the patchwise ones. */
class PatchConvTest {

    /**
     * A network with a 2x2x2 stride-2 up-sampling with bias, a 2x3x1 stride-(2,3,1) one without, a kernel-3 stride-2
     * one with padding (overlapping patches, kept) and a 2D one computes the same outputs lowered (batch 2): the
     * patchwise ones become MatMuls, the overlapping one stays, every parameter keeps its name.
     */
    @Test
    void loweredGraphComputesTheSameOutputs() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        Graph g = new Graph("t");
        Value x = g.input("x", DType.FLOAT, Shape.of(2, 3, 3, 4, 2));
        Value a = g.convTranspose("a", x, g.parameter("wa", TestTensors.random(r, 3, 4, 2, 2, 2)), g.parameter("ba", TestTensors.random(r, 4)), ConvSpec.strided(3, 2));
        ConvSpec uneven = new ConvSpec(new long[] {2, 3, 1}, new long[6], new long[] {1, 1, 1}, 1, new long[3]);
        Value b = g.convTranspose("b", a, g.parameter("wb", TestTensors.random(r, 4, 2, 2, 3, 1)), null, uneven);
        ConvSpec overlapping = new ConvSpec(new long[] {2, 2, 2}, new long[] {1, 1, 1, 1, 1, 1}, new long[] {1, 1, 1}, 1, new long[] {1, 1, 1});
        Value c = g.convTranspose("c", b, g.parameter("wc", TestTensors.random(r, 2, 2, 3, 3, 3)), g.parameter("bc", TestTensors.random(r, 2)), overlapping);
        g.output(c, "y");
        Graph low = PatchConv.lowerTransposed(g);
        assertEquals(List.of("c"), low.nodes().stream().filter(n -> n.opType().equals("ConvTranspose")).map(Node::name).toList());
        assertEquals(2, low.nodes().stream().filter(n -> n.opType().equals("MatMul")).count());
        assertEquals(g.parameters().stream().map(p -> p.value().name()).toList(), low.parameters().stream().map(p -> p.value().name()).toList());
        assertEquals(Shape.of(2, 2, 24, 48, 8), g.value("y").shape()); // 3,4,2 -> 6,8,4 -> 12,24,4 -> 24,48,8
        assertEquals(g.value("y").shape(), low.value("y").shape());
        assertSameOutput(g, low, "x", new long[] {2, 3, 3, 4, 2}, r);

        Graph flat = new Graph("t2");
        Value x2 = flat.input("x", DType.FLOAT, Shape.of(2, 3, 5, 4));
        flat.output(flat.convTranspose("d", x2, flat.parameter("wd", TestTensors.random(r, 3, 2, 2, 2)), flat.parameter("bd", TestTensors.random(r, 2)),
                ConvSpec.strided(2, 2)), "y");
        Graph flatLow = PatchConv.lowerTransposed(flat);
        assertEquals(List.of("MatMul"), flatLow.nodes().stream().map(Node::opType).filter(op -> op.startsWith("MatMul") || op.startsWith("Conv")).toList());
        assertSameOutput(flat, flatLow, "x", new long[] {2, 3, 5, 4}, r);
    }

    private static void assertSameOutput(Graph g, Graph low, String input, long[] shape, SplittableRandom r) throws Exception {
        float[] in = TestTensors.random(r, shape).floatData();
        float[] expected = OrtRunner.run(g, input, shape, in, "y");
        float[] actual = OrtRunner.run(low, input, shape, in, "y");
        assertArrayEquals(expected, actual, 1e-5f);
        double max = 0;
        for (float v : expected) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > 0.05, "outputs are not trivially zero");
    }

    /** The product form needs static shapes and a weight whose input channels are the input's; it says which node. */
    @Test
    void refusesWhatItCannotWrite() {
        Graph g = new Graph("t");
        Value symbolic = g.input("x", DType.FLOAT, Shape.symbolic("N", 3, "D", "H", "W"));
        Value w = g.parameter("w", TestTensors.random(new SplittableRandom(1), 3, 4, 2, 2, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PatchConv.transposed(g, "up", symbolic, w, null));
        assertTrue(e.getMessage().startsWith("up:") && e.getMessage().contains("static"), e.getMessage());
        Value x = g.input("x2", DType.FLOAT, Shape.of(1, 5, 2, 2, 2));
        e = assertThrows(IllegalArgumentException.class, () -> PatchConv.transposed(g, "up2", x, w, null));
        assertTrue(e.getMessage().startsWith("up2:") && e.getMessage().contains("does not fit"), e.getMessage());
    }

    @Test
    void patchwiseNeedsKernelEqualToStrideAndNothingElse() {
        long[] k = {2, 2, 2};
        assertTrue(PatchConv.patchwise(k, k, null, null, 1, null));
        assertTrue(PatchConv.patchwise(k, k, new long[6], new long[] {1, 1, 1}, 1, new long[3]));
        assertFalse(PatchConv.patchwise(k, new long[] {2, 2, 1}, null, null, 1, null), "stride 1 on an axis");
        assertFalse(PatchConv.patchwise(k, null, null, null, 1, null), "default strides are 1");
        assertFalse(PatchConv.patchwise(k, k, new long[] {0, 0, 1, 0, 0, 0}, null, 1, null), "padding");
        assertFalse(PatchConv.patchwise(k, k, null, new long[] {1, 2, 1}, 1, null), "dilation");
        assertFalse(PatchConv.patchwise(k, k, null, null, 2, null), "groups");
        assertFalse(PatchConv.patchwise(k, k, null, null, 1, new long[] {0, 1, 0}), "output padding");
    }
}
