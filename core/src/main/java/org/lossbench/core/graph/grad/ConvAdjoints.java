package org.lossbench.core.graph.grad;

import java.util.Arrays;
import java.util.Map;
import org.lossbench.core.graph.ConvSpec;
import org.lossbench.core.graph.DataDependency;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.PatchConv;
import org.lossbench.core.graph.Value;

/**
 * The three adjoints of a convolution {@code y[n, m, o] = sum_{c, k} x[n, c, o s + k d - p] w[m, c, k]}
 * (per spatial axis: stride {@code s}, dilation {@code d}, begin padding {@code p}; groups {@code G}
 * split the channels), each written as an ONNX convolution (or, for a kernel = stride input gradient, the
 * {@link PatchConv} product), shared by {@link ConvGrad} and {@link ConvTransposeGrad} (a transposed convolution is
 * the adjoint of a convolution, so the roles swap). The formulations follow the measurements of issues 7 and 18
 * (ONNX Runtime 1.24 CPU): a stride-1 {@code ConvTranspose} is 20 times slower than a Conv and materialises an
 * im2col-sized buffer, so it is never used for stride 1. Where {@link RowGemmWeightGrad} applies, {@link ConvGrad}
 * takes the weight gradient from it instead of {@link #weightGrad}.
 */
final class ConvAdjoints {
    private ConvAdjoints() {
    }

    /**
     * {@code dL/dx} of a convolution with unit strides: a convolution of {@code g} with the kernel
     * flipped along every spatial axis and its channel axes swapped (per group),
     * {@code dx[n, c, i] = sum_{m, k} g[n, m, i + p - k d] w[m, c, k]}, i.e. pads
     * {@code d (k - 1) - p_begin} and {@code d (k - 1) - p_end}, stride 1, the same dilation.
     *
     * <p>Reversing a tensor along its spatial axes is an element-by-element {@code Slice} in ONNX Runtime (about
     * 28 ms for a 256 x 256 x 5^3 kernel, 13% of a vnet step when every kernel was flipped). Where the kernel holds
     * more elements than {@code g} and {@code dx} together (the deep, coarse layers), the data is flipped instead:
     * correlating the reversed {@code g} with the unflipped kernel, begin and end padding exchanged, gives the
     * reversed {@code dx}, {@code dx = rev(Conv(rev(g), swap(w)))}: substitute {@code k -> K - 1 - k} in the sum
     * above and {@code i -> I - 1 - i}.
     */
    static Value inputGradUnitStride(GradContext ctx, Node node, Value g, Value w, ConvGeometry geo, Value x) {
        return flipsData(ctx, node, g, w, x) ? inputGradFlippedData(ctx, node, g, w, geo) : inputGradFlippedKernel(ctx, node, g, w, geo);
    }

    /** {@link #inputGradUnitStride} with the kernel reversed. */
    static Value inputGradFlippedKernel(GradContext ctx, Node node, Value g, Value w, ConvGeometry geo) {
        int n = geo.spatialRank();
        ConvSpec spec = new ConvSpec(filled(n, 1), unitStridePads(node, geo, false), geo.dilations(), geo.group(), filled(n, 0));
        return ctx.graph().conv(node.name() + ".dx", g, swapped(ctx, node, reversed(ctx, node, "w_flip", w, g), null, geo.group()), null, spec);
    }

    /** {@link #inputGradUnitStride} with {@code g} and the result reversed, the kernel not. */
    static Value inputGradFlippedData(GradContext ctx, Node node, Value g, Value w, ConvGeometry geo) {
        int n = geo.spatialRank();
        ConvSpec spec = new ConvSpec(filled(n, 1), unitStridePads(node, geo, true), geo.dilations(), geo.group(), filled(n, 0));
        Value rev = ctx.graph().conv(node.name() + ".dx_rev", reversed(ctx, node, "g_rev", g, null), swapped(ctx, node, w, g, geo.group()), null, spec);
        return reversed(ctx, node, "dx", rev, null);
    }

    /**
     * The pads of the input-gradient convolution, {@code d (k - 1) - p_begin} before and {@code d (k - 1) - p_end}
     * after ({@code exchanged}: the other way round, for reversed data).
     */
    private static long[] unitStridePads(Node node, ConvGeometry geo, boolean exchanged) {
        int n = geo.spatialRank();
        long[] pads = new long[2 * n];
        for (int i = 0; i < n; i++) {
            long before = geo.span(i) - geo.padBegin(i);
            long after = geo.span(i) - geo.padEnd(i);
            if (before < 0 || after < 0) {
                throw new GradientException(node.opType() + " node '" + node.name() + "': padding " + Arrays.toString(geo.pads())
                        + " exceeds the dilated kernel extent " + geo.span(i) + " along spatial axis " + i
                        + "; the gradient supports padding up to d (k - 1)");
            }
            pads[i] = exchanged ? after : before;
            pads[n + i] = exchanged ? before : after;
        }
        return pads;
    }

    /**
     * Whether {@link #inputGradUnitStride} reverses {@code g} and {@code dx} rather than the kernel: when the
     * kernel has more elements than both (static shapes; otherwise the kernel is reversed).
     */
    static boolean flipsData(GradContext ctx, Node node, Value g, Value w, Value x) {
        if (!g.shape().isFullyKnown() || !x.shape().isFullyKnown()) {
            return false;
        }
        return g.shape().elementCount() + x.shape().elementCount() < Arrays.stream(ctx.staticDims(w, node)).reduce(1, (a, b) -> a * b);
    }

    /**
     * {@code v} reversed along every spatial axis ({@code Slice} with step -1). With {@code after} given, the
     * reversal's {@code starts} are {@code -1 + 0 * isnan(after[0, ..., 0])}: exactly -1, but computable only once
     * {@code after} exists (see {@link #swapped}).
     */
    private static Value reversed(GradContext ctx, Node node, String suffix, Value v, Value after) {
        Graph graph = ctx.graph();
        int n = v.rank() - 2;
        long[] axes = new long[n];
        Arrays.setAll(axes, i -> i + 2);
        Value starts = after == null ? ctx.ints(filled(n, -1))
                : graph.add(node.name() + ".flip_starts", ctx.ints(filled(n, -1)), DataDependency.zeroAfter(graph, node.name(), after));
        return ctx.typed("Slice", node, suffix, v, Map.of(), v, starts, ctx.ints(filled(n, Long.MIN_VALUE)), ctx.ints(axes),
                ctx.ints(filled(n, -1)));
    }

    /**
     * {@code w [M, C/G, k...]} with its channel axes swapped per group ({@code w[g, m, c, k] -> w'[g, c, m, k]}),
     * {@code [C, M/G, k...]}: the kernel of an input-gradient convolution.
     *
     * <p><b>Not before {@code g} exists.</b> The kernel depends on the weight alone, a graph input of the
     * training step, so ONNX Runtime's topological order would compute it at the very start and keep it through
     * the whole forward pass: every swapped kernel of the network at once, as much memory as the parameters
     * (260 MB for vnet; measured in docs/training.md). Its first node therefore reads {@code g}: the reversal's
     * {@code starts} ({@link #reversed}) when the kernel is flipped, otherwise a {@code Reshape} to the weight's own
     * shape plus {@code 0 * isnan(g[0, ..., 0])} (a view, no copy).
     */
    private static Value swapped(GradContext ctx, Node node, Value w, Value g, long group) {
        Graph graph = ctx.graph();
        long[] d = ctx.staticDims(w, node);
        int rank = d.length;
        Value held = w;
        if (g != null) {
            Value shape = graph.add(node.name() + ".w_hold_shape", ctx.ints(d), DataDependency.zeroAfter(graph, node.name(), g));
            held = ctx.typed("Reshape", node, "w_hold", w, Map.of(), w, shape);
        }
        if (group == 1) {
            return graph.transpose(node.name() + ".w_swap", held, swapFirstTwo(rank));
        }
        long[] grouped = new long[rank + 1];
        grouped[0] = group;
        grouped[1] = d[0] / group;
        System.arraycopy(d, 1, grouped, 2, rank - 1);
        long[] perm = new long[rank + 1];
        Arrays.setAll(perm, i -> i);
        perm[1] = 2;
        perm[2] = 1;
        Value t = graph.transpose(node.name() + ".w_swap", graph.reshape(node.name() + ".w_groups", held, grouped), perm);
        long[] back = d.clone();
        back[0] = d[1] * group;
        back[1] = d[0] / group;
        return graph.reshape(node.name() + ".w_swapped", t, back);
    }

    /**
     * {@code dL/dx} of a strided convolution: the transposed convolution of {@code g} with the same
     * kernel and geometry, {@code output_padding = in - (s (out - 1) + d (k - 1) + 1 - p_begin - p_end)}
     * restoring the input size that the forward floor division lost. When the kernel equals the stride and the
     * patches tile the input exactly ({@link PatchConv#patchwise}, {@code in = out k}), the transposed convolution
     * is written as a matrix product ({@link PatchConv#transposed}), which ONNX Runtime runs 2.3 to 2.7 times faster.
     */
    static Value inputGradStrided(GradContext ctx, Node node, Value g, Value w, ConvGeometry geo, Value x) {
        int n = geo.spatialRank();
        long[] in = spatial(ctx, x, node);
        long[] out = spatial(ctx, g, node);
        long[] outPad = new long[n];
        boolean tiled = g.shape().isFullyKnown() && w.shape().isFullyKnown();
        for (int i = 0; i < n; i++) {
            outPad[i] = in[i] - (geo.strides()[i] * (out[i] - 1) + geo.span(i) + 1 - geo.padBegin(i) - geo.padEnd(i));
            tiled &= in[i] == out[i] * geo.kernel()[i];
        }
        if (tiled && PatchConv.patchwise(geo.kernel(), geo.strides(), geo.pads(), geo.dilations(), geo.group(), null)) {
            return PatchConv.transposed(ctx.graph(), node.name() + ".dx", g, w, null);
        }
        ConvSpec spec = new ConvSpec(geo.strides(), geo.pads(), geo.dilations(), geo.group(), outPad);
        return ctx.graph().convTranspose(node.name() + ".dx", g, w, null, spec);
    }

    /**
     * {@code dL/dw} of the convolution of {@code x [N, C, S...]} giving {@code g [N, M, O...]}:
     * {@code dw[m, c, k] = sum_{n, o} x[n, c, o s + k d - p] g[n, m, o]}, which is a convolution with
     * batch and channel axes swapped: {@code x} transposed to {@code [C/G, G N, S...]} as the input,
     * {@code g} transposed to {@code [M, N, O...]} as the kernel, stride {@code d}, dilation {@code s},
     * the forward begin padding and just enough end padding to reach {@code k} outputs; the result
     * {@code [C/G, M, k'...]} is sliced to {@code k} and transposed to {@code [M, C/G, k...]}. The
     * largest tensor is the transposed input, no im2col buffer of the volume is formed.
     */
    static Value weightGrad(GradContext ctx, Node node, Value x, Value g, ConvGeometry geo) {
        Graph graph = ctx.graph();
        int n = geo.spatialRank();
        int rank = n + 2;
        long group = geo.group();
        long[] in = spatial(ctx, x, node);
        long[] out = spatial(ctx, g, node);
        Value xt;
        if (group == 1) {
            xt = graph.transpose(node.name() + ".x_t", x, swapFirstTwo(rank));
        } else {
            long channels = x.shape().dim(1);
            long[] grouped = new long[rank + 1];
            grouped[0] = -1;
            grouped[1] = group;
            grouped[2] = channels / group;
            System.arraycopy(in, 0, grouped, 3, n);
            long[] perm = new long[rank + 1];
            Arrays.setAll(perm, i -> i);
            perm[0] = 2;
            perm[2] = 0;
            Value t = graph.transpose(node.name() + ".x_t", graph.reshape(node.name() + ".x_groups", x, grouped), perm);
            long[] back = new long[rank];
            back[0] = channels / group;
            back[1] = -1;
            System.arraycopy(in, 0, back, 2, n);
            xt = graph.reshape(node.name() + ".x_tg", t, back);
        }
        Value gt = graph.transpose(node.name() + ".g_t", g, swapFirstTwo(rank));
        long[] pads = new long[2 * n];
        for (int i = 0; i < n; i++) {
            pads[i] = geo.padBegin(i);
            pads[n + i] = Math.max(0, geo.span(i) + geo.strides()[i] * (out[i] - 1) + 1 - in[i] - geo.padBegin(i));
        }
        ConvSpec spec = new ConvSpec(geo.dilations(), pads, geo.strides(), group, filled(n, 0));
        Value dwt = graph.conv(node.name() + ".dw_t", xt, gt, null, spec);
        long[] got = Arrays.copyOfRange(dwt.shape().dims(), 2, rank);
        if (!Arrays.equals(got, geo.kernel())) {
            long[] axes = new long[n];
            Arrays.setAll(axes, i -> i + 2);
            dwt = graph.slice(node.name() + ".dw_crop", dwt, filled(n, 0), geo.kernel(), axes);
        }
        return graph.transpose(node.name() + ".dw", dwt, swapFirstTwo(rank));
    }

    /** {@code dL/db[m] = sum_{n, o} g[n, m, o]}. */
    static Value biasGrad(GradContext ctx, Node node, Value g) {
        long[] axes = new long[g.rank() - 1];
        axes[0] = 0;
        for (int i = 2; i < g.rank(); i++) {
            axes[i - 1] = i;
        }
        return ctx.graph().reduceSum(node.name() + ".db", g, false, axes);
    }

    /** The spatial sizes of {@code v} ({@code [N, C, spatial...]}), which must be static. */
    static long[] spatial(GradContext ctx, Value v, Node node) {
        long[] s = Arrays.copyOfRange(v.shape().dims(), 2, v.rank());
        for (int i = 0; i < s.length; i++) {
            if (!v.shape().isKnown(2 + i)) {
                throw GradContext.symbolic(v, node);
            }
        }
        if (!v.shape().isKnown(1)) {
            throw GradContext.symbolic(v, node);
        }
        return s;
    }

    /** The permutation that exchanges the first two axes of a rank-{@code rank} tensor (batch and channels). */
    static long[] swapFirstTwo(int rank) {
        long[] perm = new long[rank];
        Arrays.setAll(perm, i -> i);
        perm[0] = 1;
        perm[1] = 0;
        return perm;
    }

    static long[] filled(int n, long v) {
        long[] a = new long[n];
        Arrays.fill(a, v);
        return a;
    }
}
