package org.lossbench.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Conv3dLoweringTest {

    /**
     * Convolutions with cubic and non-cubic kernels, symmetric, asymmetric and no depth padding, with
     * and without bias, plus a strided one that stays 3D, give the same output lowered and not (batch 2).
     */
    @Test
    void loweredGraphComputesTheSameOutput() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        Graph g = new Graph("t");
        Value x = g.input("x", DType.FLOAT, Shape.symbolic("N", 3, "D", "H", "W"));
        Value a = g.conv("a", x, g.parameter("wa", TestTensors.random(r, 4, 3, 3, 3, 3)), g.parameter("ba", TestTensors.random(r, 4)), ConvSpec.same(3, 3));
        ConvSpec asym = new ConvSpec(new long[] {1, 1, 1}, new long[] {2, 1, 0, 2, 1, 2}, new long[] {1, 1, 1}, 1, new long[] {0, 0, 0});
        Value b = g.conv("b", a, g.parameter("wb", TestTensors.random(r, 5, 4, 5, 3, 3)), null, asym);
        Value c = g.prelu("act", b, g.parameter("slope", TestTensors.random(r, 5, 1, 1, 1)));
        ConvSpec noPad = new ConvSpec(new long[] {1, 1, 1}, new long[] {0, 0, 0, 0, 0, 0}, new long[] {1, 1, 1}, 1, new long[] {0, 0, 0});
        Value d = g.conv("d", c, g.parameter("wd", TestTensors.random(r, 2, 5, 3, 1, 1)), g.parameter("bd", TestTensors.random(r, 2)), noPad);
        Value e = g.conv("e", d, g.parameter("we", TestTensors.random(r, 2, 2, 2, 2, 2)), null, ConvSpec.strided(3, 2));
        g.output(e, "y");

        Graph low = Conv3dLowering.lower(g, 2, new long[] {8, 6, 7});
        long conv2d = low.nodes().stream().filter(n -> n.opType().equals("Conv") && n.intsAttr("kernel_shape").length == 2).count();
        long conv3d = low.nodes().stream().filter(n -> n.opType().equals("Conv") && n.intsAttr("kernel_shape").length == 3).count();
        assertEquals(3, conv2d, "a, b and d are lowered");
        assertEquals(1, conv3d, "the strided e stays 3D");
        // D,H,W: a keeps 8,6,7; b: 8+2+2-5+1, 6+1+1-3+1, 7+0+2-3+1 = 8,6,7; d: 8-3+1 = 6,6,7; e halves: 3,3,3
        assertEquals(Shape.of(2, 2, 3, 3, 3), low.value("y").shape());

        float[] in = TestTensors.random(r, 2, 3, 8, 6, 7).floatData();
        float[] expected = OrtRunner.run(g, "x", new long[] {2, 3, 8, 6, 7}, in, "y");
        float[] actual = OrtRunner.run(low, "x", new long[] {2, 3, 8, 6, 7}, in, "y");
        assertArrayEquals(expected, actual, 1e-5f);
        double max = 0;
        for (float v : expected) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > 0.05, "outputs are not trivially zero");
    }
}
