package org.lossbench.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DepthMajorLoweringTest {

    /** A small V-Net-shaped graph: every supported op, compared with the NCDHW original in ONNX Runtime. */
    @Test
    void depthMajorGraphComputesTheSameOutput() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        Graph g = new Graph("t");
        Value x = g.input("image", DType.FLOAT, Shape.symbolic("N", 2, "D", "H", "W"));
        Value rep = g.slice("rep", g.concat("cat_in", 1, List.of(x, x)), new long[] {0}, new long[] {3}, new long[] {1});
        ConvSpec asym = new ConvSpec(new long[] {1, 1, 1}, new long[] {2, 1, 1, 2, 1, 1}, new long[] {1, 1, 1}, 1, new long[] {0, 0, 0});
        Value c1 = g.conv("c1", x, g.parameter("w1", TestTensors.random(r, 3, 2, 5, 3, 3)), g.parameter("b1", TestTensors.random(r, 3)), asym);
        Value n1 = g.instanceNorm("norm", c1, g.parameter("ns", TestTensors.random(r, 3)), g.parameter("nb", TestTensors.random(r, 3)), 1e-5f);
        Value h = g.prelu("a1", g.add("res", n1, rep), g.parameter("s1", TestTensors.random(r, 3, 1, 1, 1)));
        Value down = g.conv("down", h, g.parameter("wd", TestTensors.random(r, 6, 3, 2, 2, 2)), g.parameter("bd", TestTensors.random(r, 6)), ConvSpec.strided(3, 2));
        Value up = g.convTranspose("up", g.relu("relu", down), g.parameter("wu", TestTensors.random(r, 6, 3, 2, 2, 2)), g.parameter("bu", TestTensors.random(r, 3)),
                ConvSpec.strided(3, 2));
        Value cat = g.concat("cat", 1, List.of(up, h));
        Value head = g.conv("head", cat, g.parameter("wh", TestTensors.random(r, 4, 6, 1, 1, 1)), null, ConvSpec.same(3, 1));
        g.output(g.softmax("probs", g.mul("sq", head, head), 1), "logits");

        // {6, 4, 8} is reordered to 4, 6, 8 and {8, 6, 4} to 4, 6, 8 by longestAxisLast; {4, 6, 8} stays
        for (long[] spatial : new long[][] {{6, 4, 8}, {8, 6, 4}, {4, 6, 8}}) {
            long[] shape = {1, 2, spatial[0], spatial[1], spatial[2]};
            float[] in = TestTensors.random(r, shape).floatData();
            float[] expected = OrtRunner.run(g, "image", shape, in, "logits");
            for (int options = 0; options < 8; options++) {
                DepthMajorLowering.Options o = new DepthMajorLowering.Options((options & 1) != 0, (options & 2) != 0, (options & 4) != 0);
                Graph dm = DepthMajorLowering.lower(g, spatial, o);
                assertTrue(dm.nodes().stream().noneMatch(n -> n.opType().startsWith("Conv") && n.intsAttr("kernel_shape").length == 3));
                float[] actual = OrtRunner.run(dm, "image", shape, in, "logits");
                assertArrayEquals(expected, actual, 1e-5f, java.util.Arrays.toString(spatial) + " " + o);
            }
        }
    }

    @Test
    void longestAxisLastPutsTheShortestAxisFirst() {
        assertArrayEquals(new int[] {2, 1, 0}, DepthMajorLowering.shortestFirst(new long[] {128, 64, 32}));
        assertArrayEquals(new int[] {1, 0, 2}, DepthMajorLowering.shortestFirst(new long[] {6, 4, 8}));
        assertArrayEquals(new int[] {0, 1, 2}, DepthMajorLowering.shortestFirst(new long[] {64, 64, 64}));
        assertArrayEquals(new int[] {0, 2, 1}, DepthMajorLowering.shortestFirst(new long[] {32, 96, 64}));
    }

    /** One 3D convolution {@code [1, 2, d, 3, 5] -> [1, 3, d', 3, 5]} with depth kernel kd and depth pads p0, p1. */
    private static Graph oneConv(SplittableRandom r, long d, int kd, long p0, long p1) {
        Graph g = new Graph("conv");
        Value x = g.input("image", DType.FLOAT, Shape.of(1, 2, d, 3, 5));
        ConvSpec spec = new ConvSpec(new long[] {1, 1, 1}, new long[] {p0, 1, 2, p1, 1, 2}, new long[] {1, 1, 1}, 1, new long[] {0, 0, 0});
        g.output(g.conv("c", x, g.parameter("w", TestTensors.random(r, 3, 2, kd, 3, 5)), g.parameter("b", TestTensors.random(r, 3)), spec), "logits");
        return g;
    }

    /** Depth slices convolved by the Conv2d nodes of a lowered graph: the sum of their inputs' depth (batch) sizes. */
    private static long convolvedSlices(Graph dm) {
        return dm.nodes().stream().filter(n -> n.opType().equals("Conv")).mapToLong(n -> dm.value(n.input(0)).shape().dim(0)).sum();
    }

    /**
     * With exact taps, output slice z of a depth-5, pad-2 convolution convolves only its taps inside the
     * input: for D = 6 that is 3 + 4 + 5 + 5 + 4 + 3 = 24 slice convolutions, against 6 * 5 = 30 over the
     * zero-padded input; for D = 3, 3 + 3 + 3 = 9 against 15; for D = 1, the centre tap alone. The results
     * match the Conv3d for volumes thinner than the kernel and for asymmetric depth padding too.
     */
    @Test
    void exactTapsConvolveOnlyTheSlicesInsideTheInput() throws Exception {
        SplittableRandom r = new SplittableRandom(11);
        long[][] cases = {{6, 5, 2, 2, 24, 30}, {3, 5, 2, 2, 9, 15}, {1, 5, 2, 2, 1, 5}, {2, 5, 2, 2, 4, 10}, {7, 3, 2, 0, 18, 21},
            {5, 3, 0, 1, 11, 12}, {4, 1, 0, 0, 4, 4}};
        for (long[] c : cases) {
            Graph g = oneConv(r, c[0], (int) c[1], c[2], c[3]);
            long[] spatial = {c[0], 3, 5};
            Graph exact = DepthMajorLowering.lower(g, spatial, new DepthMajorLowering.Options(true, false, false));
            Graph padded = DepthMajorLowering.lower(g, spatial, DepthMajorLowering.Options.PADDED);
            String what = "D " + c[0] + ", kernel " + c[1] + ", depth pads " + c[2] + "/" + c[3];
            assertEquals(c[4], convolvedSlices(exact), what);
            assertEquals(c[5], convolvedSlices(padded), what);
            float[] in = TestTensors.random(r, 1, 2, c[0], 3, 5).floatData();
            long[] shape = {1, 2, c[0], 3, 5};
            float[] expected = OrtRunner.run(g, "image", shape, in, "logits");
            assertArrayEquals(expected, OrtRunner.run(exact, "image", shape, in, "logits"), 1e-5f, what);
            assertArrayEquals(expected, OrtRunner.run(padded, "image", shape, in, "logits"), 1e-5f, what);
        }
    }

    /** Pre-padded width: the width padding (2 + 2 for a width-5 kernel) is an explicit Pad, and no Conv2d pads W. */
    @Test
    void prepaddedWidthMovesTheWidthPaddingIntoOnePad() throws Exception {
        SplittableRandom r = new SplittableRandom(12);
        Graph g = oneConv(r, 4, 5, 2, 2);
        Graph dm = DepthMajorLowering.lower(g, new long[] {4, 3, 5}, new DepthMajorLowering.Options(true, true, false));
        List<Node> convs = dm.nodes().stream().filter(n -> n.opType().equals("Conv")).toList();
        assertFalse(convs.isEmpty());
        for (Node n : convs) {
            assertArrayEquals(new long[] {1, 0, 1, 0}, n.intsAttr("pads"), n.name());
            assertEquals(9, dm.value(n.input(0)).shape().dim(3), n.name() + " reads the width padded by 2 + 2");
        }
        float[] in = TestTensors.random(r, 1, 2, 4, 3, 5).floatData();
        long[] shape = {1, 2, 4, 3, 5};
        assertArrayEquals(OrtRunner.run(g, "image", shape, in, "logits"), OrtRunner.run(dm, "image", shape, in, "logits"), 1e-5f);
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
