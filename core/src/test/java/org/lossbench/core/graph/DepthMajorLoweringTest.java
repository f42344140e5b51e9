package org.lossbench.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DepthMajorLoweringTest {

    private static Tensor random(SplittableRandom r, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble(-0.5, 0.5);
        }
        return Tensor.floats(dims, v);
    }

    /** A small V-Net-shaped graph: every supported op, compared with the NCDHW original in ONNX Runtime. */
    @Test
    void depthMajorGraphComputesTheSameOutput() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        Graph g = new Graph("t");
        Value x = g.input("image", DType.FLOAT, Shape.symbolic("N", 2, "D", "H", "W"));
        Value rep = g.slice("rep", g.concat("cat_in", 1, List.of(x, x)), new long[] {0}, new long[] {3}, new long[] {1});
        ConvSpec asym = new ConvSpec(new long[] {1, 1, 1}, new long[] {2, 1, 1, 2, 1, 1}, new long[] {1, 1, 1}, 1, new long[] {0, 0, 0});
        Value c1 = g.conv("c1", x, g.parameter("w1", random(r, 3, 2, 5, 3, 3)), g.parameter("b1", random(r, 3)), asym);
        Value n1 = g.instanceNorm("norm", c1, g.parameter("ns", random(r, 3)), g.parameter("nb", random(r, 3)), 1e-5f);
        Value h = g.prelu("a1", g.add("res", n1, rep), g.parameter("s1", random(r, 3, 1, 1, 1)));
        Value down = g.conv("down", h, g.parameter("wd", random(r, 6, 3, 2, 2, 2)), g.parameter("bd", random(r, 6)), ConvSpec.strided(3, 2));
        Value up = g.convTranspose("up", g.relu("relu", down), g.parameter("wu", random(r, 6, 3, 2, 2, 2)), g.parameter("bu", random(r, 3)),
                ConvSpec.strided(3, 2));
        Value cat = g.concat("cat", 1, List.of(up, h));
        Value head = g.conv("head", cat, g.parameter("wh", random(r, 4, 6, 1, 1, 1)), null, ConvSpec.same(3, 1));
        g.output(g.softmax("probs", g.mul("sq", head, head), 1), "logits");

        float[] in = random(r, 1, 2, 6, 4, 8).floatData();
        float[] expected = OrtRunner.run(g, "image", new long[] {1, 2, 6, 4, 8}, in, "logits");
        for (boolean sum : new boolean[] {true, false}) {
            Graph dm = DepthMajorLowering.lower(g, new long[] {6, 4, 8}, sum);
            assertTrue(dm.nodes().stream().noneMatch(n -> n.opType().startsWith("Conv") && n.intsAttr("kernel_shape").length == 3));
            float[] actual = OrtRunner.run(dm, "image", new long[] {1, 2, 6, 4, 8}, in, "logits");
            assertArrayEquals(expected, actual, 1e-5f, "sum of slices: " + sum);
        }
    }

    @Test
    void unsupportedOpsAreNamed() {
        Graph g = new Graph("t");
        Value x = g.input("image", DType.FLOAT, Shape.symbolic("N", 2, "D", "H", "W"));
        g.output(g.op("LogSoftmax", "lsm", List.of(x), java.util.Map.of("axis", Attribute.of(1))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DepthMajorLowering.lower(g, new long[] {4, 4, 4}));
        assertTrue(e.getMessage().contains("LogSoftmax") && e.getMessage().contains("lsm"), e.getMessage());
    }
}
