package org.lossbench.core.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A transposed convolution whose kernel equals its stride (no padding, dilation 1, one group, no output
 * padding), such as V-Net's 2x2x2 stride-2 up-sampling, written as one matrix product and a reordering:
 * every input voxel spreads into its own, non-overlapping {@code k_1 x ... x k_n} patch of the output,
 * <pre>
 *   y[b, m, s k + j] = bias[m] + sum_c x[b, c, s] w[c, m, j]        (s, j: multi-indices, s k + j per axis)
 * </pre>
 * so {@code Y = X W} with {@code X = x} channels-last {@code [N S, C]} and {@code W = w} viewed as
 * {@code [C, M K]}, followed by a {@code Transpose} that interleaves each axis with its patch offset. ONNX
 * Runtime's CPU {@code ConvTranspose} computes the same product but then scatters it with a generic, single-threaded
 * col2im: 8.7 ms against 3.7 ms for this form ({@code [2, 32, 16^3]} to {@code [2, 16, 32^3]}, one thread, 2026-12-08;
 * 8.1 against 3.0 ms at two threads, where the {@code MatMul} parallelises and col2im does not).
 *
 * <p>Used for the input gradient of a convolution with kernel equal to stride (the V-Net's down-sampling; the
 * gradient of a convolution is the transposed convolution with the same weight) and, through {@link #lowerTransposed},
 * for the forward up-sampling of training graphs. Inference graphs keep their {@code ConvTranspose}: exported models
 * are unchanged.
 */
@SuppressWarnings("try") // naming scopes are opened and closed, never referenced
public final class PatchConv {
    private PatchConv() {
    }

    /**
     * Whether a (transposed) convolution with these attributes moves whole patches: kernel equal to strides, no
     * padding, unit dilations, one group, no output padding ({@code null} attributes take ONNX's defaults).
     */
    public static boolean patchwise(long[] kernel, long[] strides, long[] pads, long[] dilations, long group, long[] outputPadding) {
        int n = kernel.length;
        for (int i = 0; i < n; i++) {
            if ((strides == null ? 1 : strides[i]) != kernel[i] || (dilations != null && dilations[i] != 1)
                    || (outputPadding != null && outputPadding[i] != 0)) {
                return false;
            }
        }
        return group == 1 && (pads == null || Arrays.stream(pads).allMatch(p -> p == 0));
    }

    /**
     * {@code ConvTranspose(x, w, bias)} with stride = kernel, no padding, as {@code MatMul} and {@code Transpose}:
     * {@code x [N, C, S...]} of fully known shape, {@code w [C, M, k...]}, {@code bias [M]} or {@code null}; the
     * result is {@code [N, M, S k...]}. The nodes are named under {@code name}.
     */
    public static Value transposed(Graph g, String name, Value x, Value w, Value bias) {
        if (!x.shape().isFullyKnown() || !w.shape().isFullyKnown()) {
            throw new IllegalArgumentException(name + ": the patch form needs static shapes, got " + x.shape() + " and " + w.shape());
        }
        long[] xs = x.shape().dims();
        long[] wd = w.shape().dims();
        int n = xs.length - 2;
        long batch = xs[0];
        long c = xs[1];
        long m = wd[1];
        if (wd[0] != c || wd.length != xs.length) {
            throw new IllegalArgumentException(name + ": weight " + w.shape() + " does not fit input " + x.shape());
        }
        long voxels = 1;
        long patch = 1;
        for (int i = 0; i < n; i++) {
            voxels *= xs[2 + i];
            patch *= wd[2 + i];
        }
        try (Graph.Scope s = g.scope(name)) {
            long[] last = new long[n + 2];
            last[0] = 0;
            for (int i = 0; i < n; i++) {
                last[1 + i] = 2 + i;
            }
            last[n + 1] = 1;
            Value rows = g.reshape("x_rows", g.transpose("x_channels_last", x, last), batch * voxels, c);
            Value product = g.op("MatMul", "product", List.of(rows, g.reshape("w_matrix", w, c, m * patch)), Map.of());
            long[] split = new long[2 + 2 * n];
            split[0] = batch;
            System.arraycopy(xs, 2, split, 1, n);
            split[1 + n] = m;
            System.arraycopy(wd, 2, split, 2 + n, n);
            long[] interleave = new long[2 + 2 * n];
            interleave[0] = 0;
            interleave[1] = 1 + n;
            for (int i = 0; i < n; i++) {
                interleave[2 + 2 * i] = 1 + i;
                interleave[3 + 2 * i] = 2 + n + i;
            }
            long[] out = new long[n + 2];
            out[0] = batch;
            out[1] = m;
            for (int i = 0; i < n; i++) {
                out[2 + i] = xs[2 + i] * wd[2 + i];
            }
            Value y = g.reshape("patches", g.transpose("interleave", g.reshape("split", product, split), interleave), out);
            if (bias == null) {
                return y;
            }
            long[] b = new long[n + 1];
            Arrays.fill(b, 1);
            b[0] = m;
            return g.add("bias", y, g.reshape("bias_column", bias, b));
        }
    }

    /**
     * A copy of {@code g} in which every patchwise {@code ConvTranspose} ({@link #patchwise}) with a fully known input
     * shape is {@link #transposed}; every other node, initializer (trainable or not, under its own name), input,
     * output and metadata is copied unchanged. The parameters keep their names and shapes, so a model trained on the
     * copy is exported from the original graph.
     */
    public static Graph lowerTransposed(Graph g) {
        Graph ng = new Graph(g.name());
        GraphCopy copy = new GraphCopy(g, ng);
        for (Value in : g.inputs()) {
            copy.bind(in.name(), ng.input(in.name(), in.dtype(), in.shape()));
        }
        return copy.run((c, n) -> {
            List<Value> ins = new ArrayList<>();
            for (String s : n.inputs()) {
                ins.add(c.value(s));
            }
            return lowerable(n, ins) ? transposed(ng, n.name() + ".patches", ins.get(0), ins.get(1), ins.size() > 2 ? ins.get(2) : null) : null;
        });
    }

    private static boolean lowerable(Node n, List<Value> ins) {
        if (!n.opType().equals("ConvTranspose") || n.attributes().containsKey("output_shape")
                || (n.attributes().get("auto_pad") instanceof Attribute.Str s && !s.value().equals("NOTSET"))) {
            return false;
        }
        Value x = ins.get(0);
        Value w = ins.get(1);
        if (x == null || w == null || !x.shape().isFullyKnown() || !w.shape().isFullyKnown()) {
            return false;
        }
        long[] kernel = Arrays.copyOfRange(w.shape().dims(), 2, w.rank());
        return patchwise(kernel, n.intsAttr("strides"), n.intsAttr("pads"), n.intsAttr("dilations"), n.intAttr("group", 1),
                n.intsAttr("output_padding"));
    }
}
