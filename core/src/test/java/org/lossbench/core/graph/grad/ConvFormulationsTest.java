package org.lossbench.core.graph.grad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lossbench.core.graph.Attribute;
import org.lossbench.core.graph.ConvSpec;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.OnnxSerializer;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Tensor;
import org.lossbench.core.graph.Value;

/**
 * Every formulation of a unit-stride convolution's input and weight gradients ({@link ConvAdjoints},
 * {@link RowGemmWeightGrad}), forced one by one and run in ONNX Runtime, against the definition summed directly
 * in double in this test:
 * {@code dx[b, c, i] = sum_{m, k, o: o + k d - p = i} g[b, m, o] w[m, c, k]},
 * {@code dw[m, c, k] = sum_{b, o} g[b, m, o] x[b, c, o + k d - p]}. Each element must lie within
 * {@code 1e-5 * sum |terms|} of the sum (float32 accumulation). Which formulation {@link ConvGrad} picks is checked
 * apart; {@link ConvGradTest} checks the picked ones against finite differences.
 */
class ConvFormulationsTest {

    /** A unit-stride convolution: input {@code [N, C, S...]}, weight {@code [M, C, k...]}, pads {@code [begin..., end...]}, dilations. */
    record Case(String label, long[] x, long[] w, long[] pads, long[] dilations) {
        int n() {
            return x.length - 2;
        }

        long[] out() {
            long[] o = new long[x.length];
            o[0] = x[0];
            o[1] = w[0];
            for (int i = 0; i < n(); i++) {
                o[2 + i] = x[2 + i] + pads[i] + pads[n() + i] - dilations[i] * (w[2 + i] - 1);
            }
            return o;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static long[] l(long... v) {
        return v;
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("3d k3 pad1 batch2 non-cubic", l(2, 3, 5, 6, 4), l(4, 3, 3, 3, 3), l(1, 1, 1, 1, 1, 1), l(1, 1, 1)),
                new Case("3d k5 pad2 (V-Net)", l(1, 2, 6, 6, 6), l(3, 2, 5, 5, 5), l(2, 2, 2, 2, 2, 2), l(1, 1, 1)),
                new Case("3d asymmetric pads, dilations 2 1 2, batch 2", l(2, 2, 7, 6, 8), l(3, 2, 3, 2, 3), l(2, 1, 0, 0, 1, 2), l(2, 1, 2)),
                new Case("3d no padding", l(1, 3, 5, 5, 5), l(2, 3, 3, 3, 3), l(0, 0, 0, 0, 0, 0), l(1, 1, 1)),
                new Case("2d k3 pad1 batch2", l(2, 3, 7, 5), l(2, 3, 3, 3), l(1, 1, 1, 1), l(1, 1)),
                new Case("2d dilation2 no pad", l(1, 2, 9, 8), l(2, 2, 3, 3), l(0, 0, 0, 0), l(2, 2)),
                new Case("1d k4 pads 1 2 batch2", l(2, 3, 10), l(2, 3, 4), l(1, 2), l(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyFormulationEqualsTheDirectSum(Case k) throws Exception {
        SplittableRandom rnd = new SplittableRandom(Arrays.hashCode(k.x()) ^ k.label().hashCode());
        long[] out = k.out();
        float[] x = uniform(rnd, k.x());
        float[] w = uniform(rnd, k.w());
        float[] gy = uniform(rnd, out);
        Reference ref = Reference.of(k, x, w, gy);

        Graph g = new Graph("formulations");
        Value xv = g.input("x", DType.FLOAT, Shape.of(k.x()));
        Value wv = g.input("w", DType.FLOAT, Shape.of(k.w()));
        Value gv = g.input("g", DType.FLOAT, Shape.of(out));
        Node conv = new Node("conv", "Conv", List.of("x", "w"), List.of("y"), Map.of("pads", Attribute.ints(k.pads()),
                "dilations", Attribute.ints(k.dilations()), "strides", Attribute.ints(ConvAdjoints.filled(k.n(), 1)), "group", Attribute.of(1L)));
        ConvGeometry geo = ConvGeometry.of(conv, wv);
        GradContext ctx = new GradContext(g);
        g.output(ConvAdjoints.inputGradFlippedKernel(ctx, conv, gv, wv, geo), "dx_flipped_kernel");
        g.output(ConvAdjoints.inputGradFlippedData(ctx, conv, gv, wv, geo), "dx_flipped_data");
        g.output(ConvAdjoints.weightGrad(ctx, conv, xv, gv, geo), "dw_conv");
        g.output(RowGemmWeightGrad.build(ctx, conv, xv, gv, geo), "dw_row_gemm");

        Map<String, float[]> got = run(g, Map.of("x", x, "w", w, "g", gy), Map.of("x", k.x(), "w", k.w(), "g", out));
        assertClose("dx_flipped_kernel", ref.dx, ref.dxAbs, got.get("dx_flipped_kernel"));
        assertClose("dx_flipped_data", ref.dx, ref.dxAbs, got.get("dx_flipped_data"));
        assertClose("dw_conv", ref.dw, ref.dwAbs, got.get("dw_conv"));
        assertClose("dw_row_gemm", ref.dw, ref.dwAbs, got.get("dw_row_gemm"));
    }

    /**
     * The row GEMM is picked where its padded rows cost at most 1.4 times the direct sum, and only for unit strides and
     * one group; a convolution whose kernel equals its stride and tiles the input takes the patch product for dx.
     */
    @Test
    void formulationsArePickedByGeometry() {
        assertEquals(List.of("Conv"), gradientOps(l(1, 2, 32, 32, 32), l(2, 2, 3, 3, 3), ConvSpec.same(3, 3), "Conv"),
                "3^3 on 32^3 (rows 34 / 32): dx a Conv, dw GEMMs");
        assertEquals(9, gradientOps(l(1, 2, 32, 32, 32), l(2, 2, 3, 3, 3), ConvSpec.same(3, 3), "Gemm").size(), "one GEMM per outer offset");
        assertEquals(25, gradientOps(l(1, 2, 20, 20, 20), l(2, 2, 5, 5, 5), ConvSpec.same(3, 5), "Gemm").size(), "5^3 on 20^3 (rows 24 / 20)");
        assertEquals(List.of("Conv", "Conv"), gradientOps(l(1, 2, 4, 4, 4), l(2, 2, 3, 3, 3), ConvSpec.same(3, 3), "Conv"),
                "3^3 on 4^3 (rows 6 / 4): the swapped Conv");
        assertEquals(List.of("Conv"), gradientOps(l(1, 2, 32, 32, 32), l(2, 2, 2, 2, 2), ConvSpec.strided(3, 2), "Conv"),
                "kernel = stride 2: dw the swapped Conv");
        assertEquals(List.of("MatMul"), gradientOps(l(1, 2, 32, 32, 32), l(2, 2, 2, 2, 2), ConvSpec.strided(3, 2), "MatMul"),
                "kernel = stride 2: dx the patch product");
        ConvSpec overlapping = new ConvSpec(l(2, 2, 2), l(1, 1, 1, 1, 1, 1), l(1, 1, 1), 1, l(0, 0, 0));
        assertEquals(List.of("ConvTranspose", "Conv"), gradientOps(l(1, 2, 32, 32, 32), l(2, 2, 3, 3, 3), overlapping, "Conv"),
                "kernel 3 stride 2: dx a ConvTranspose, dw the swapped Conv");
        assertEquals(List.of("ConvTranspose", "Conv"), gradientOps(l(1, 2, 33, 32, 32), l(2, 2, 2, 2, 2), ConvSpec.strided(3, 2), "Conv"),
                "kernel = stride 2 on an odd size (the last plane unused): dx a ConvTranspose");
        ConvSpec grouped = new ConvSpec(l(1, 1, 1), l(1, 1, 1, 1, 1, 1), l(1, 1, 1), 2, l(0, 0, 0));
        assertEquals(List.of("Conv", "Conv"), gradientOps(l(1, 2, 32, 32, 32), l(2, 1, 3, 3, 3), grouped, "Conv"), "two groups: the swapped Conv");
    }

    /** Where the kernel has more elements than the gradient and the input together, the data is reversed, not the kernel. */
    @Test
    void theSmallerSideIsReversed() {
        List<String> coarse = gradientNodes(l(1, 8, 2, 2, 2), l(8, 8, 3, 3, 3), ConvSpec.same(3, 3));
        assertTrue(coarse.stream().anyMatch(s -> s.endsWith(".g_rev")), coarse.toString());
        assertFalse(coarse.stream().anyMatch(s -> s.endsWith(".w_flip")), coarse.toString());
        List<String> fine = gradientNodes(l(1, 2, 8, 8, 8), l(2, 2, 3, 3, 3), ConvSpec.same(3, 3));
        assertTrue(fine.stream().anyMatch(s -> s.endsWith(".w_flip")), fine.toString());
        assertFalse(fine.stream().anyMatch(s -> s.endsWith(".g_rev")), fine.toString());
    }

    /**
     * The swapped kernel of the data-reversing formulation waits for the incoming gradient, as the flipped one does
     * ({@link ConvGradTest#flippedKernelWaitsForTheIncomingGradient}); and each slice of the row GEMM after the first
     * waits for the previous GEMM, so that one slice is held at a time.
     */
    @Test
    void swappedKernelAndRowSlicesWaitTheirTurn() {
        Graph g = gradientGraph(l(1, 8, 2, 2, 2), l(8, 8, 3, 3, 3), ConvSpec.same(3, 3));
        Node swap = g.nodes().stream().filter(n -> n.name().endsWith(".w_swap")).findFirst().orElseThrow();
        assertTrue(g.ancestors(swap).stream().anyMatch(n -> n.startsWith("grad/") && !n.startsWith("grad/conv.")), g.ancestors(swap).toString());

        Graph h = gradientGraph(l(1, 2, 16, 16, 16), l(2, 2, 3, 3, 3), ConvSpec.same(3, 3));
        for (int i = 1; i < 9; i++) {
            String slice = "grad/conv.dwg.x_rows" + i;
            Node node = h.nodes().stream().filter(n -> n.name().equals(slice)).findFirst().orElseThrow(() -> new AssertionError(slice));
            assertTrue(h.ancestors(node).contains("grad/conv.dwg.mm" + (i - 1)), slice + " does not wait for GEMM " + (i - 1));
        }
    }

    /** One convolution of {@code x} by the parameter {@code w} (zeros), differentiated for {@code sum(y^2)} with respect to both. */
    private static Graph gradientGraph(long[] xShape, long[] wShape, ConvSpec spec) {
        Graph g = new Graph("t");
        Value x = g.input("x", DType.FLOAT, Shape.of(xShape));
        Value w = g.parameter("w", Tensor.floats(wShape, new float[(int) Arrays.stream(wShape).reduce(1, (a, b) -> a * b)]));
        Value y = g.conv("conv", x, w, null, spec);
        Gradients.of(g, g.reduceSum("loss", g.mul("sq", y, y), false, 0, 1, 2, 3, 4), List.of(x, w));
        return g;
    }

    /** The names of the nodes {@link #gradientGraph} adds for the gradients. */
    private static List<String> gradientNodes(long[] xShape, long[] wShape, ConvSpec spec) {
        return gradientGraph(xShape, wShape, spec).nodes().stream().map(Node::name).filter(n -> n.startsWith("grad/")).toList();
    }

    /** The op types starting with {@code prefix} among the nodes {@link #gradientGraph} adds, in order. */
    private static List<String> gradientOps(long[] xShape, long[] wShape, ConvSpec spec, String prefix) {
        return gradientGraph(xShape, wShape, spec).nodes().stream().filter(n -> n.name().startsWith("grad/")).map(Node::opType)
                .filter(op -> op.startsWith(prefix)).toList();
    }

    /** The gradients summed directly from their definition, in double, with the sums of the terms' magnitudes. */
    record Reference(double[] dx, double[] dxAbs, double[] dw, double[] dwAbs) {
        static Reference of(Case k, float[] x, float[] w, float[] g) {
            int n = k.n();
            long[] out = k.out();
            long[] xs = k.x();
            long[] ws = k.w();
            double[] dx = new double[x.length];
            double[] dxAbs = new double[x.length];
            double[] dw = new double[w.length];
            double[] dwAbs = new double[w.length];
            long[] outSpatial = Arrays.copyOfRange(out, 2, out.length);
            long[] kernel = Arrays.copyOfRange(ws, 2, ws.length);
            long outCount = Arrays.stream(outSpatial).reduce(1, (a, b) -> a * b);
            long kCount = Arrays.stream(kernel).reduce(1, (a, b) -> a * b);
            for (int b = 0; b < xs[0]; b++) {
                for (int m = 0; m < ws[0]; m++) {
                    for (int c = 0; c < xs[1]; c++) {
                        for (long o = 0; o < outCount; o++) {
                            long[] oi = unflatten(o, outSpatial);
                            for (long kk = 0; kk < kCount; kk++) {
                                long[] ki = unflatten(kk, kernel);
                                long[] ii = new long[n];
                                boolean inside = true;
                                for (int a = 0; a < n; a++) {
                                    ii[a] = oi[a] + ki[a] * k.dilations()[a] - k.pads()[a];
                                    inside &= ii[a] >= 0 && ii[a] < xs[2 + a];
                                }
                                if (!inside) {
                                    continue;
                                }
                                int gi = (int) ((b * out[1] + m) * outCount + o);
                                int xi = (int) ((b * xs[1] + c) * Arrays.stream(xs, 2, xs.length).reduce(1, (p, q) -> p * q)
                                        + flatten(ii, Arrays.copyOfRange(xs, 2, xs.length)));
                                int wi = (int) ((m * ws[1] + c) * kCount + kk);
                                dx[xi] += (double) g[gi] * w[wi];
                                dxAbs[xi] += Math.abs((double) g[gi] * w[wi]);
                                dw[wi] += (double) g[gi] * x[xi];
                                dwAbs[wi] += Math.abs((double) g[gi] * x[xi]);
                            }
                        }
                    }
                }
            }
            return new Reference(dx, dxAbs, dw, dwAbs);
        }

        private static long[] unflatten(long index, long[] dims) {
            long[] r = new long[dims.length];
            for (int a = dims.length - 1; a >= 0; a--) {
                r[a] = index % dims[a];
                index /= dims[a];
            }
            return r;
        }

        private static long flatten(long[] index, long[] dims) {
            long f = 0;
            for (int a = 0; a < dims.length; a++) {
                f = f * dims[a] + index[a];
            }
            return f;
        }
    }

    private static void assertClose(String what, double[] want, double[] abs, float[] got) {
        assertEquals(want.length, got.length, what + " size");
        for (int i = 0; i < want.length; i++) {
            double tol = 1e-5 * abs[i] + 1e-7;
            if (!(Math.abs(got[i] - want[i]) <= tol)) {
                throw new AssertionError(what + "[" + i + "] = " + got[i] + ", direct sum " + want[i] + " (tolerance " + tol + ")");
            }
        }
    }

    private static Map<String, float[]> run(Graph g, Map<String, float[]> feeds, Map<String, long[]> shapes) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> in = new LinkedHashMap<>();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
             OrtSession s = env.createSession(OnnxSerializer.toBytes(g, "test"), o)) {
            for (Map.Entry<String, float[]> e : feeds.entrySet()) {
                in.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue()), shapes.get(e.getKey())));
            }
            Map<String, float[]> out = new LinkedHashMap<>();
            try (OrtSession.Result r = s.run(in)) {
                for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : r) {
                    FloatBuffer fb = ((OnnxTensor) e.getValue()).getFloatBuffer();
                    float[] v = new float[fb.remaining()];
                    fb.get(v);
                    out.put(e.getKey(), v);
                }
            }
            return out;
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    private static float[] uniform(SplittableRandom rnd, long[] shape) {
        float[] a = new float[(int) Arrays.stream(shape).reduce(1, (p, q) -> p * q)];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return a;
    }
}
