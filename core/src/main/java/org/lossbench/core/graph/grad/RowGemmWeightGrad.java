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
        String base = node.name() + ".dwg";
        int n = geo.spatialRank();
        int rank = n + 2;
        int last = n - 1;
        long batch = x.shape().dim(0);
        long c = x.shape().dim(1);
        long m = g.shape().dim(1);
        long[] in = ConvAdjoints.spatial(ctx, x, node);
        long[] out = ConvAdjoints.spatial(ctx, g, node);
        long[] k = geo.kernel();
        long[] padded = new long[n];
        Arrays.setAll(padded, i -> in[i] + geo.padBegin(i) + geo.padEnd(i));
        long row = padded[last];
        long inner = batch * row;
        for (int i = 0; i < last; i++) {
            inner *= out[i];
        }

        long[] xPads = new long[2 * rank];
        for (int i = 0; i < n; i++) {
            xPads[2 + i] = geo.padBegin(i);
            xPads[rank + 2 + i] = geo.padEnd(i);
        }
        Value xp = Arrays.stream(xPads).allMatch(v -> v == 0) ? x : graph.pad(base + ".x_pad", x, xPads);
        Value xc = batch == 1 ? xp : graph.transpose(base + ".x_cf", xp, channelsFirst(rank));
        long span = geo.span(last);
        long length = inner / batch;
        Value rowsOfG = span == 0 ? g : graph.pad(base + ".g_rows_pad", g, lastAxisPads(rank, 0, span));
        Value gc = batch == 1 ? rowsOfG : graph.transpose(base + ".g_cf", rowsOfG, channelsFirst(rank));
        Value gFlat = graph.reshape(base + ".g_flat", gc, m, batch, length);
        Value gFront = span == 0 ? gFlat : graph.pad(base + ".g_front", gFlat, 0, 0, span, 0, 0, 0);
        List<Value> shifted = new ArrayList<>();
        for (long kn = 0; kn < k[last]; kn++) {
            long begin = span - kn * geo.dilations()[last];
            shifted.add(span == 0 ? gFlat : graph.slice(base + ".g_shift" + kn, gFront, new long[] {begin}, new long[] {begin + length},
                    new long[] {2}));
        }
        Value rows = shifted.size() == 1 ? shifted.get(0) : graph.concat(base + ".g_stack", 0, shifted);
        Value stack = graph.reshape(base + ".g_rows", rows, k[last] * m, inner);

        // The slices run on a view whose last two spatial axes are one (rows of P_{n-1} P_n elements): ONNX Runtime
        // copies such slices in long runs; over the unmerged axes it copied runs of P_n floats, 2.6 times slower at two
        // threads (558 against 215 us for [16, 2, 34, 50, 34], 2026-12-08).
        int sliced = Math.max(0, n - 1);
        long[] viewShape = new long[2 + Math.max(1, n - 1)];
        viewShape[0] = c;
        viewShape[1] = batch;
        for (int i = 0; i < n - 2; i++) {
            viewShape[2 + i] = padded[i];
        }
        viewShape[viewShape.length - 1] = n == 1 ? row : padded[n - 2] * row;
        Value xv = graph.reshape(base + ".x_view", xc, viewShape);
        long[] axes = new long[sliced];
        Arrays.setAll(axes, i -> i + 2);
        long[] sliceShape = viewShape.clone();
        for (int i = 0; i < n - 2; i++) {
            sliceShape[2 + i] = out[i];
        }
        if (n >= 2) {
            sliceShape[sliceShape.length - 1] = out[n - 2] * row;
        }
        long outer = 1;
        for (int i = 0; i < last; i++) {
            outer *= k[i];
        }
        List<Value> parts = new ArrayList<>();
        for (long idx = 0; idx < outer; idx++) {
            long[] starts = new long[sliced];
            long[] ends = new long[sliced];
            boolean whole = true;
            long rem = idx;
            for (int i = last - 1; i >= 0; i--) {
                long start = (rem % k[i]) * geo.dilations()[i];
                long scale = i == n - 2 ? row : 1;
                starts[i] = start * scale;
                ends[i] = (start + out[i]) * scale;
                whole &= start == 0 && out[i] == padded[i];
                rem /= k[i];
            }
            Value slice;
            if (whole) {
                slice = xv;
            } else if (parts.isEmpty()) {
                slice = graph.slice(base + ".x_rows" + idx, xv, starts, ends, axes);
            } else {
                Value after = DataDependency.zeroAfter(graph, base + ".after" + idx, parts.get(parts.size() - 1));
                Value begin = graph.add(base + ".x_rows" + idx + "_starts", ctx.ints(starts), after);
                slice = ctx.typed("Slice", node, "dwg.x_rows" + idx, DType.FLOAT, Shape.of(sliceShape), Map.of(), xv, begin, ctx.ints(ends),
                        ctx.ints(axes));
            }
            Value product = graph.op("Gemm", base + ".mm" + idx, List.of(stack, graph.reshape(base + ".x_mat" + idx, slice, c, inner)),
                    Map.of("transB", Attribute.of(1L)));
            parts.add(graph.reshape(base + ".part" + idx, product, k[last], m, c, 1));
        }
        Value all = parts.size() == 1 ? parts.get(0) : graph.concat(base + ".parts", 3, parts);
        long[] shape = new long[rank];
        shape[0] = m;
        shape[1] = c;
        System.arraycopy(k, 0, shape, 2, n);
        // [k_n, M, C, prod(k')] -> [M, C, prod(k'), k_n] -> [M, C, k...]
        return graph.reshape(base, graph.transpose(base + ".order", all, 1, 2, 3, 0), shape);
    }

    /** Pads of a rank-{@code rank} tensor: {@code before} and {@code after} on its last axis only. */
    private static long[] lastAxisPads(int rank, long before, long after) {
        long[] pads = new long[2 * rank];
        pads[rank - 1] = before;
        pads[2 * rank - 1] = after;
        return pads;
    }

    private static long[] channelsFirst(int rank) {
        long[] perm = new long[rank];
        Arrays.setAll(perm, i -> i);
        perm[0] = 1;
        perm[1] = 0;
        return perm;
    }
}
