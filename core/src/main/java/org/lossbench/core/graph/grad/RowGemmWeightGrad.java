package org.lossbench.core.graph.grad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.lossbench.core.graph.Attribute;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.DataDependency;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Value;

/**
 * The weight gradient of a unit-stride, ungrouped convolution as a few large GEMMs over shifted rows of the
 * input, instead of the Conv of {@link ConvAdjoints#weightGrad} (batch and channel axes swapped), which ONNX
 * Runtime runs as one GEMM of only {@code k^n} columns per input channel: 3 to 4 times slower than the forward
 * convolution at the same FLOPs on the fine levels of a V-Net (docs/training.md, "Where the step's time goes").
 *
 * <p>With the input padded, {@code xp [N, C, P...]} ({@code P_i = S_i + p_begin + p_end}), and the output
 * gradient {@code g [N, M, O...]} ({@code O_i = P_i - d_i (k_i - 1)}):
 * <pre>
 *   dw[m, c, k] = sum_{b, o} g[b, m, o] xp[b, c, o + k d]       (k, o, d: multi-indices over the n spatial axes)
 * </pre>
 * Split the kernel offset into the outer axes and the last one, {@code k = (k', k_n)}. For each {@code k'},
 * {@code X_k' = xp[:, :, o' + k' d', :]} ({@code o'} over the outer output sizes, the last axis whole: a
 * {@code Slice} of shape {@code [N, C, O', P_n]}, taken from a view whose last two spatial axes are one, so that
 * ONNX Runtime copies runs of {@code O_{n-1} P_n} elements: over the separate axes it copied runs of {@code P_n} and
 * took 2.7 times as long at two threads). The shift along the last axis moves onto {@code g}:
 * {@code G_kn[b, m, o', j] = g[b, m, o', j - k_n d_n]}, zero outside {@code 0 <= j - k_n d_n < O_n}: {@code g}'s rows
 * are padded once to {@code P_n} at their end, flattened, and each {@code G_kn} is a {@code Slice} of that flat
 * array shifted by {@code k_n d_n} (the {@code P_n - O_n = d_n (k_n - 1)} zeros at the end of each row absorb the
 * shift, a leading pad the first row's). Then
 * <pre>
 *   dw[m, c, k', k_n] = sum_{b, o', j} G_kn[b, m, o', j] X_k'[b, c, o', j]
 * </pre>
 * and stacking the {@code k_n} shifted copies of {@code g} as rows gives one GEMM per {@code k'}:
 * {@code [k_n M, N O' P_n] x [N O' P_n, C]} ({@code Gemm} with {@code transB}). This is the kn2row idea of
 * Vasudevan, Anderson and Gregg (2017, "Parallel multi channel convolution using general matrix
 * multiplication", ASAP), a convolution as a sum of 1x1 GEMMs over kernel offsets, applied to the weight
 * gradient; no im2col buffer ({@code k^n} times the input, Chellapilla et al. 2006) is formed.
 *
 * <p><b>Cost.</b> {@code prod(k')} GEMMs doing {@code P_n / O_n} times the FLOPs of the direct sum (the zero
 * columns of the padded rows), {@code prod(k')} slices of the input and {@code k_n} shifted copies of {@code g}.
 * Memory: the stacked {@code g} ({@code k_n P_n / O_n} times {@code g}) and one slice at a time: each slice after
 * the first waits for the previous GEMM's result ({@link DataDependency}), as ONNX Runtime would otherwise
 * compute every slice first and hold them all. With batch {@code N > 1}, {@code xp} and {@code g} are first
 * transposed to channels-first ({@code [C, N, ...]}, {@code [M, N, ...]}) so the GEMM's inner dimension runs
 * over {@code (b, o', j)} in both operands.
 *
 * <p><b>When.</b> {@link #applies}: unit strides, one group, {@code P_n / O_n <= }{@value #MAX_ROW_OVERHEAD}.
 * Measured with {@code ConvGradBench} on 2026-12-08 (AVX-512 host, ONNX Runtime 1.24.2, one thread, C to C
 * channels; this formulation's time over the Conv's): 3^3 kernels 0.45 (16 channels, 32^3, batch 2), 0.49
 * (32, 16^3), 0.71 (64, 8^3), 1.2 (128, 4^3, overhead 1.5); 5^3 kernels 0.67 (32, 32^3, batch 1), 0.82 (64, 16^3),
 * 1.0 (128, 8^3, overhead 1.5), 3.1 (256, 4^3, overhead 2). With the merged-axes slices and the flat shifts of
 * {@code g} the five rows up to 16^3 took 0.41, 0.49, 0.67, 0.62 and 0.81 of the Conv's time at one thread and 0.66,
 * 0.31, 0.42, 0.72 and 0.95 at two (row GEMM alone 5-25% faster at one thread, 5-40% at two; docs/autodiff.md).
 */
final class RowGemmWeightGrad {
    /** The largest {@code P_n / O_n} (FLOPs over the direct sum's) at which this formulation is chosen. */
    static final double MAX_ROW_OVERHEAD = 1.4;

    private RowGemmWeightGrad() {
    }

    /** Whether {@link ConvGrad} computes the weight gradient of {@code node} this way (see the class comment). */
    static boolean applies(GradContext ctx, Node node, Value x, Value g, ConvGeometry geo) {
        if (!geo.unitStrides() || geo.group() != 1 || !x.shape().isKnown(0)) {
            return false;
        }
        int last = geo.spatialRank() - 1;
        long row = ConvAdjoints.spatial(ctx, x, node)[last] + geo.padBegin(last) + geo.padEnd(last);
        return (double) row / ConvAdjoints.spatial(ctx, g, node)[last] <= MAX_ROW_OVERHEAD;
    }

    /** {@code dL/dw [M, C, k...]} of the convolution {@code node} of {@code x [N, C, S...]} whose output gradient is {@code g [N, M, O...]}. */
    static Value build(GradContext ctx, Node node, Value x, Value g, ConvGeometry geo) {
        if (!geo.unitStrides() || geo.group() != 1 || !x.shape().isKnown(0)) {
            throw new IllegalArgumentException(node.name() + ": the row GEMM weight gradient needs unit strides, one group and a known batch");
        }
        Graph graph = ctx.graph();
        Sizes z = Sizes.of(ctx, node, x, g, geo);
        String base = node.name() + ".dwg";
        Value stack = shiftedGradient(graph, base, g, z, geo);
        Value view = inputView(graph, base, x, z, geo);
        long[] axes = new long[z.n - 1];
        Arrays.setAll(axes, i -> i + 2);
        long[] sliceShape = z.sliceShape();
        int last = z.n - 1;
        long[] k = geo.kernel();
        long outer = z.outerOffsets(k);
        List<Value> parts = new ArrayList<>();
        for (long idx = 0; idx < outer; idx++) {
            long[] starts = new long[last];
            long[] ends = new long[last];
            boolean whole = true;
            long rem = idx;
            for (int i = last - 1; i >= 0; i--) {
                long start = (rem % k[i]) * geo.dilations()[i];
                long scale = i == z.n - 2 ? z.row : 1; // the merged axis holds rows of P_n
                starts[i] = start * scale;
                ends[i] = (start + z.out[i]) * scale;
                whole &= start == 0 && z.out[i] == z.padded[i];
                rem /= k[i];
            }
            Value slice;
            if (whole) {
                slice = view;
            } else if (parts.isEmpty()) {
                slice = graph.slice(base + ".x_rows" + idx, view, starts, ends, axes);
            } else {
                Value after = DataDependency.zeroAfter(graph, base + ".after" + idx, parts.get(parts.size() - 1));
                Value begin = graph.add(base + ".x_rows" + idx + "_starts", ctx.ints(starts), after);
                slice = ctx.typed("Slice", node, "dwg.x_rows" + idx, DType.FLOAT, Shape.of(sliceShape), Map.of(), view, begin, ctx.ints(ends),
                        ctx.ints(axes));
            }
            Value product = graph.op("Gemm", base + ".mm" + idx, List.of(stack, graph.reshape(base + ".x_mat" + idx, slice, z.c, z.depth)),
                    Map.of("transB", Attribute.of(1L)));
            parts.add(graph.reshape(base + ".part" + idx, product, k[last], z.m, z.c, 1));
        }
        Value all = parts.size() == 1 ? parts.get(0) : graph.concat(base + ".parts", 3, parts);
        long[] shape = new long[z.n + 2];
        shape[0] = z.m;
        shape[1] = z.c;
        System.arraycopy(k, 0, shape, 2, z.n);
        // [k_n, M, C, prod(k')] -> [M, C, prod(k'), k_n] -> [M, C, k...]
        return graph.reshape(base, graph.transpose(base + ".order", all, 1, 2, 3, 0), shape);
    }

    /**
     * The {@code k_n} shifted copies of {@code g} stacked as rows, {@code [k_n M, N O' P_n]}: {@code g}'s rows padded
     * to {@code P_n} at their end, channels first, flattened, padded in front by {@code d_n (k_n - 1)}, and one
     * {@code Slice} per shift (long runs: ONNX Runtime's {@code Pad} of a 5-D tensor's last axis copies runs of
     * {@code O_n}).
     */
    private static Value shiftedGradient(Graph graph, String base, Value g, Sizes z, ConvGeometry geo) {
        int rank = z.n + 2;
        int last = z.n - 1;
        long span = geo.span(last);
        long length = z.depth / z.batch;
        Value rowsOfG = span == 0 ? g : graph.pad(base + ".g_rows_pad", g, lastAxisPads(rank, 0, span));
        Value gc = z.batch == 1 ? rowsOfG : graph.transpose(base + ".g_cf", rowsOfG, ConvAdjoints.swapFirstTwo(rank));
        Value gFlat = graph.reshape(base + ".g_flat", gc, z.m, z.batch, length);
        if (span == 0) {
            return graph.reshape(base + ".g_rows", gFlat, z.m, z.depth);
        }
        Value gFront = graph.pad(base + ".g_front", gFlat, 0, 0, span, 0, 0, 0);
        List<Value> shifted = new ArrayList<>();
        for (long kn = 0; kn < geo.kernel()[last]; kn++) {
            long begin = span - kn * geo.dilations()[last];
            shifted.add(graph.slice(base + ".g_shift" + kn, gFront, new long[] {begin}, new long[] {begin + length}, new long[] {2}));
        }
        return graph.reshape(base + ".g_rows", graph.concat(base + ".g_stack", 0, shifted), geo.kernel()[last] * z.m, z.depth);
    }

    /**
     * {@code x} padded, channels first ({@code [C, N, P...]}), viewed with its last two spatial axes as one
     * ({@code [C, N, P_1 .. P_{n-2}, P_{n-1} P_n]}): the row slices then copy runs of {@code O_{n-1} P_n} elements.
     * Over the separate axes ONNX Runtime copied runs of {@code P_n} and took 2.7 times as long at two threads (553
     * against 204 us for {@code [16, 2, 34, 50, 34]} to {@code [16, 2, 32, 48, 34]}, 2026-12-08).
     */
    private static Value inputView(Graph graph, String base, Value x, Sizes z, ConvGeometry geo) {
        int rank = z.n + 2;
        long[] pads = new long[2 * rank];
        for (int i = 0; i < z.n; i++) {
            pads[2 + i] = geo.padBegin(i);
            pads[rank + 2 + i] = geo.padEnd(i);
        }
        Value xp = Arrays.stream(pads).allMatch(v -> v == 0) ? x : graph.pad(base + ".x_pad", x, pads);
        Value xc = z.batch == 1 ? xp : graph.transpose(base + ".x_cf", xp, ConvAdjoints.swapFirstTwo(rank));
        return graph.reshape(base + ".x_view", xc, z.viewShape());
    }

    /**
     * The sizes of one weight gradient: spatial rank {@code n}, batch, input and output channels {@code c}, {@code m},
     * padded input and output spatial sizes, the row length {@code P_n} and the GEMMs' inner dimension
     * {@code depth = N O' P_n}.
     */
    private record Sizes(int n, long batch, long c, long m, long[] padded, long[] out, long row, long depth) {
        static Sizes of(GradContext ctx, Node node, Value x, Value g, ConvGeometry geo) {
            int n = geo.spatialRank();
            long[] in = ConvAdjoints.spatial(ctx, x, node);
            long[] out = ConvAdjoints.spatial(ctx, g, node);
            long[] padded = new long[n];
            Arrays.setAll(padded, i -> in[i] + geo.padBegin(i) + geo.padEnd(i));
            long batch = x.shape().dim(0);
            long depth = batch * padded[n - 1];
            for (int i = 0; i < n - 1; i++) {
                depth *= out[i];
            }
            return new Sizes(n, batch, x.shape().dim(1), g.shape().dim(1), padded, out, padded[n - 1], depth);
        }

        /** {@code [C, N, P_1 .. P_{n-2}, P_{n-1} P_n]} ({@code [C, N, P_1]} in 1D). */
        long[] viewShape() {
            long[] v = new long[2 + Math.max(1, n - 1)];
            v[0] = c;
            v[1] = batch;
            for (int i = 0; i < n - 2; i++) {
                v[2 + i] = padded[i];
            }
            v[v.length - 1] = n == 1 ? row : padded[n - 2] * row;
            return v;
        }

        /** A row slice of the view: the outer axes at the output sizes, {@code [C, N, O_1 .. O_{n-2}, O_{n-1} P_n]}. */
        long[] sliceShape() {
            long[] v = viewShape();
            for (int i = 0; i < n - 2; i++) {
                v[2 + i] = out[i];
            }
            if (n >= 2) {
                v[v.length - 1] = out[n - 2] * row;
            }
            return v;
        }

        /** The number of outer kernel offsets {@code prod(k')}, one slice and one GEMM each. */
        long outerOffsets(long[] kernel) {
            long count = 1;
            for (int i = 0; i < n - 1; i++) {
                count *= kernel[i];
            }
            return count;
        }
    }

    /** Pads of a rank-{@code rank} tensor: {@code before} and {@code after} on its last axis only. */
    private static long[] lastAxisPads(int rank, long before, long after) {
        long[] pads = new long[2 * rank];
        pads[rank - 1] = before;
        pads[2 * rank - 1] = after;
        return pads;
    }
}
