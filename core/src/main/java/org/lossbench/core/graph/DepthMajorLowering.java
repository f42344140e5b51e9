package org.lossbench.core.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Rewrites a one-sample 3D network to run entirely in a depth-major {@code [D, C, H, W]} layout, where
 * every 3D operator becomes 2D operators on depth slices and no per-layer transposes are needed (the
 * input is transposed once, the output back once). For one fixed input shape {@code [1, C, D, H, W]}.
 * <ul>
 * <li>Conv, stride 1 in depth: {@code y[z] = b + sum_a conv2d(x[z + a - p], W[:, :, a])} over the depth
 *     taps {@code a} whose input slice exists ({@link Options#exactDepthTaps}: output slices grouped by
 *     their valid tap range, one Conv2d per tap over the contiguous input slices the group reads, the
 *     groups concatenated along D; or, the first form, one Conv2d per tap over the full-length slices of
 *     the zero-padded input, which also convolves the zero slices). With {@link Options#prepadWidth} the
 *     width padding is an explicit Pad and the Conv2d pads only H.</li>
 * <li>Conv with depth stride = depth kernel {@code s} and no depth padding (V-Net's 2x2x2 stride-2
 *     down-sampling): the {@code s} depth phases {@code x[a::s]} concatenated along channels, one Conv2d.</li>
 * <li>ConvTranspose with depth stride = depth kernel {@code s}, no depth padding (V-Net's up-sampling):
 *     one ConvTranspose2d per output depth phase {@code a} with {@code W[:, :, a]}, interleaved along D.</li>
 * <li>PRelu (per-channel slope), Add/Sub/Mul/Div of two network values, Concat/Slice/Softmax on the
 *     channel axis, and element-wise activations act the same in both layouts and are copied.</li>
 * </ul>
 * InstanceNormalization becomes ReduceMean over axes 0, 2, 3 and element-wise ops. Anything else
 * (BatchNormalization, batch > 1, depth dilation, other layouts of Concat or Slice) is refused with an
 * {@link IllegalArgumentException} naming the node. Exact up to float rounding. Why each choice is
 * faster on ONNX Runtime's CPU provider, with measurements: {@code docs/models.md}, "Performance".
 */
@SuppressWarnings("try") // naming scopes are opened and closed, never referenced
public final class DepthMajorLowering {
    private static final Set<String> UNARY = Set.of("Relu", "LeakyRelu", "Elu", "Sigmoid", "Tanh", "Exp", "Abs", "Neg");
    private static final Set<String> BINARY = Set.of("Add", "Sub", "Mul", "Div");

    private DepthMajorLowering() {
    }

    /**
     * How the rewrite lays out the volume and decomposes stride-1 depth convolutions.
     *
     * @param exactDepthTaps convolve only the depth taps that read an input slice (no Conv2d over the
     *        zero slices of depth padding, which are 2 of 5 taps for the first and last output slice of a
     *        5x5x5 convolution: 15% of an 8-slice volume's work, 30% of a 4-slice one's)
     * @param prepadWidth pad W with an explicit zero Pad before the Conv2d, so that ONNX Runtime's NCHWc
     *        kernel computes every output column in its blocked path instead of one at a time with bounds
     *        checks (its path for output columns that touch padding), at the cost of multiplying zeros
     * @param longestAxisLast order the spatial axes by size, shortest first (the slice axis, "D") and
     *        longest last (the 2D row, "W", along which ONNX Runtime's kernel computes 6 outputs at a time),
     *        instead of keeping D, H, W; ties keep their order, so a cube is unchanged. For a 128x64x32
     *        window this is the layout of a 32x64x128 one.
     */
    public record Options(boolean exactDepthTaps, boolean prepadWidth, boolean longestAxisLast) {
        /** All three: the fastest form measured (docs/models.md). */
        public static final Options DEFAULT = new Options(true, true, true);
        /** None: the first depth-major form (zero-padded depth, Conv2d pads H and W, axes as given), kept for comparison. */
        public static final Options PADDED = new Options(false, false, false);
    }

    /** The depth-major copy of single-input graph {@code g} for an input of shape {@code [1, C, spatial...]}. */
    public static Graph lower(Graph g, long[] spatial) {
        return lower(g, spatial, Options.DEFAULT);
    }

    /** As {@link #lower(Graph, long[])}, stride-1 convolutions decomposed as {@code options} say. */
    public static Graph lower(Graph g, long[] spatial, Options options) {
        if (g.inputs().size() != 1 || g.inputs().get(0).rank() != 5 || spatial.length != 3) {
            throw new IllegalArgumentException("the depth-major rewrite needs one rank-5 input and three spatial sizes");
        }
        Graph ng = new Graph(g.name() + "-depth-major");
        Map<String, Value> map = new HashMap<>();
        Value in = g.inputs().get(0);
        long c0 = in.shape().dim(1);
        Value x = ng.input(in.name(), in.dtype(), Shape.of(1, c0, spatial[0], spatial[1], spatial[2]));
        int[] perm = options.longestAxisLast() ? shortestFirst(spatial) : new int[] {0, 1, 2};
        Value dm = ng.reshape("to_depth_major.reshape", ng.transpose("to_depth_major", x, 0, 2 + perm[0], 1, 2 + perm[1], 2 + perm[2]),
                spatial[perm[0]], c0, spatial[perm[1]], spatial[perm[2]]);
        map.put(in.name(), dm);
        for (Node n : g.nodes()) {
            Value v = map.get(n.input(0));
            if (v == null) {
                throw new IllegalArgumentException("node " + n.name() + " (" + n.opType() + ") does not read a network value first");
            }
            Value out;
            String op = n.opType();
            if (op.equals("Conv")) {
                out = conv(ng, n, v, g, options, perm);
            } else if (op.equals("ConvTranspose")) {
                out = convTranspose(ng, n, v, g, perm);
            } else if (op.equals("PRelu")) {
                Initializer s = g.initializer(n.input(1));
                if (s == null || s.tensor().dims().length != 4) {
                    throw new IllegalArgumentException("PRelu " + n.name() + " needs a per-channel [C,1,1,1] slope initializer");
                }
                long c = s.tensor().dims()[0];
                out = ng.prelu(n.name(), v, ng.parameter(n.input(1), Tensor.floats(new long[] {c, 1, 1}, s.tensor().floatData())));
            } else if (op.equals("InstanceNormalization")) {
                out = instanceNorm(ng, n, v, g);
            } else if (op.equals("Identity")) {
                out = v; // the graph outputs get their exact names below
            } else if (BINARY.contains(op)) {
                Value b = map.get(n.input(1));
                if (b == null) {
                    throw new IllegalArgumentException(op + " " + n.name() + " with a constant operand is not supported");
                }
                out = ng.op(op, n.name(), List.of(v, b), n.attributes());
            } else if (UNARY.contains(op) || (op.equals("Softmax") && n.intAttr("axis", -1) == 1)) {
                out = ng.op(op, n.name(), List.of(v), n.attributes());
            } else if (op.equals("Concat") && n.intAttr("axis", 0) == 1) {
                List<Value> parts = new ArrayList<>();
                for (String i : n.inputs()) {
                    parts.add(map.get(i));
                }
                out = ng.concat(n.name(), 1, parts);
            } else if (op.equals("Slice") && channelSlice(n, g)) {
                List<Value> ins = new ArrayList<>();
                ins.add(v);
                for (int i = 1; i < n.inputs().size(); i++) {
                    ins.add(ng.constant(n.input(i), g.initializer(n.input(i)).tensor()));
                }
                out = ng.op("Slice", n.name(), ins, Map.of());
            } else {
                throw new IllegalArgumentException("the depth-major rewrite does not support " + op + " (node " + n.name() + ")");
            }
            map.put(n.output(), out);
        }
        for (Value o : g.outputs()) {
            Value v = map.get(o.name());
            Value r = ng.reshape(o.name() + ".reshape", v, 1, v.shape().dim(0), v.shape().dim(1), v.shape().dim(2), v.shape().dim(3));
            // r is [1, S_perm0, K, S_perm1, S_perm2]: original spatial axis perm[i] sits at position {1, 3, 4}[i]
            long[] back = new long[5];
            back[1] = 2;
            int[] at = {1, 3, 4};
            for (int i = 0; i < 3; i++) {
                back[2 + perm[i]] = at[i];
            }
            ng.output(ng.transpose(o.name() + ".to_ncdhw", r, back), o.name());
        }
        g.metadata().forEach(ng::putMetadata);
        return ng;
    }

    /**
     * InstanceNormalization of the one sample, per channel over D, H, W, which are axes 0, 2, 3 here:
     * {@code scale (x - mean) / sqrt(var + eps) + bias} with the population variance, as ONNX defines it.
     */
    private static Value instanceNorm(Graph ng, Node n, Value x, Graph g) {
        Initializer scale = g.initializer(n.input(1));
        Initializer bias = g.initializer(n.input(2));
        if (scale == null || bias == null) {
            throw new IllegalArgumentException("InstanceNormalization " + n.name() + " needs initializer scale and bias");
        }
        long c = scale.tensor().dims()[0];
        try (Graph.Scope s = ng.scope(n.name() + ".dm")) {
            Value mean = ng.reduceMean("mean", x, true, 0, 2, 3);
            Value centred = ng.sub("centred", x, mean);
            Value var = ng.reduceMean("var", ng.mul("square", centred, centred), true, 0, 2, 3);
            Value eps = ng.constant("epsilon", Tensor.scalar(n.floatAttr("epsilon", 1e-5f)));
            Value norm = ng.div("normalised", centred, ng.op("Sqrt", "std", List.of(ng.add("var_eps", var, eps)), Map.of()));
            Value sc = ng.parameter(n.input(1), Tensor.floats(new long[] {c, 1, 1}, scale.tensor().floatData()));
            Value b = ng.parameter(n.input(2), Tensor.floats(new long[] {c, 1, 1}, bias.tensor().floatData()));
            return ng.add("shift", ng.mul("scale", norm, sc), b);
        }
    }

    private static boolean channelSlice(Node n, Graph g) {
        Initializer axes = n.inputs().size() > 3 ? g.initializer(n.input(3)) : null;
        if (axes == null || n.inputs().size() > 4) {
            return false;
        }
        for (long a : axes.tensor().longData()) {
            if (a != 1) {
                return false;
            }
        }
        return g.initializer(n.input(1)) != null && g.initializer(n.input(2)) != null;
    }

    private static Value conv(Graph ng, Node n, Value x, Graph g, Options options, int[] perm) {
        Initializer wi = g.initializer(n.input(1));
        if (wi == null || n.intAttr("group", 1) != 1) {
            throw new IllegalArgumentException("Conv " + n.name() + " needs an initializer weight and group 1");
        }
        Tensor w = permuteKernel(wi.tensor(), perm);
        Value bias = n.inputs().size() > 2 && !n.input(2).isEmpty() ? ng.parameter(n.input(2), g.initializer(n.input(2)).tensor()) : null;
        long kd = w.dims()[2];
        long[] strides = permute(orOnes(n.intsAttr("strides")), perm);
        long[] dil = permute(orOnes(n.intsAttr("dilations")), perm);
        long[] pads = permutePads(n.intsAttr("pads") == null ? new long[6] : n.intsAttr("pads"), perm);
        if (dil[0] != 1) {
            throw new IllegalArgumentException("Conv " + n.name() + " has a depth dilation");
        }
        long d = x.shape().dim(0);
        try (Graph.Scope s = ng.scope(n.name() + ".dm")) {
            if (strides[0] == 1) {
                Value in = x;
                long[] pads2d = {pads[1], pads[2], pads[4], pads[5]};
                if (options.prepadWidth() && (pads[2] != 0 || pads[5] != 0)) {
                    in = ng.pad("pad_width", x, 0, 0, 0, pads[2], 0, 0, 0, pads[5]);
                    pads2d = new long[] {pads[1], 0, pads[4], 0};
                }
                ConvSpec spec = new ConvSpec(new long[] {strides[1], strides[2]}, pads2d, new long[] {dil[1], dil[2]}, 1, new long[] {0, 0});
                Value[] taps = new Value[(int) kd];
                IntFunction<Value> tap = a -> {
                    if (taps[a] == null) {
                        taps[a] = ng.parameter("weight2d_" + a, tap(w, a));
                    }
                    return taps[a];
                };
                return options.exactDepthTaps() ? exactTaps(ng, in, tap, kd, pads[0], pads[3], bias, spec)
                        : paddedTaps(ng, in, tap, kd, pads[0], pads[3], bias, spec);
            }
            if (strides[0] == kd && pads[0] == 0 && pads[3] == 0 && d % kd == 0) {
                return phases(ng, x, w, bias, new ConvSpec(new long[] {strides[1], strides[2]}, new long[] {pads[1], pads[2], pads[4], pads[5]},
                        new long[] {dil[1], dil[2]}, 1, new long[] {0, 0}));
            }
            throw new IllegalArgumentException("Conv " + n.name() + ": depth stride " + strides[0] + " with kernel " + kd + " is not supported");
        }
    }

    /** The 2D kernel {@code W[:, :, a]} of depth tap {@code a} of a 3D kernel {@code [O, C, kd, kh, kw]}. */
    private static Tensor tap(Tensor w, int a) {
        long[] wd = w.dims();
        int plane = (int) (wd[3] * wd[4]);
        long kd = wd[2];
        float[] src = w.floatData();
        float[] wa = new float[(int) (wd[0] * wd[1] * plane)];
        for (int i = 0; i < wd[0] * wd[1]; i++) {
            System.arraycopy(src, (int) ((i * kd + a) * plane), wa, i * plane, plane);
        }
        return Tensor.floats(new long[] {wd[0], wd[1], wd[3], wd[4]}, wa);
    }

    /**
     * Depth convolution (stride 1, pads {@code p0}, {@code p1}) over only the taps that read an input slice.
     * Output slice {@code z} reads input {@code z + a - p0}, so its valid taps are
     * {@code [max(0, p0 - z), min(kd, D + p0 - z))}; consecutive output slices with the same range form a
     * group (for 5x5x5 with padding 2: {@code z = 0}, {@code 1}, {@code 2..D-3}, {@code D-2}, {@code D-1}),
     * computed as the sum of one Conv2d per tap over the contiguous input slices it reads (the whole input
     * needs no Slice), bias on the first; the groups are concatenated along depth.
     */
    private static Value exactTaps(Graph ng, Value x, IntFunction<Value> taps, long kd, long p0, long p1, Value bias,
                                   ConvSpec spec) {
        long d = x.shape().dim(0);
        long dOut = d + p0 + p1 - kd + 1;
        List<Value> groups = new ArrayList<>();
        for (long z = 0; z < dOut; ) {
            long a0 = Math.max(0, p0 - z);
            long a1 = Math.min(kd, d + p0 - z);
            long z1 = z + 1;
            while (z1 < dOut && Math.max(0, p0 - z1) == a0 && Math.min(kd, d + p0 - z1) == a1) {
                z1++;
            }
            if (a0 >= a1) {
                throw new IllegalArgumentException("output depth slices " + z + ".." + (z1 - 1) + " would read only padding");
            }
            Value sum = null;
            for (long a = a0; a < a1; a++) {
                long s0 = z + a - p0;
                long s1 = z1 + a - p0;
                Value in = s0 == 0 && s1 == d ? x : ng.slice("slice_z" + z + "_a" + a, x, new long[] {s0}, new long[] {s1}, new long[] {0});
                Value y = ng.conv("conv2d_z" + z + "_a" + a, in, taps.apply((int) a), a == a0 ? bias : null, spec);
                sum = sum == null ? y : ng.add("sum_z" + z + "_a" + a, sum, y);
            }
            groups.add(sum);
            z = z1;
        }
        return groups.size() == 1 ? groups.get(0) : ng.concat("depth_groups", 0, groups);
    }

    /** Depth convolution over the zero-padded input: {@code sum_a conv2d(pad(x)[a : a + D'], W_a)}, bias on tap 0. */
    private static Value paddedTaps(Graph ng, Value x, IntFunction<Value> taps, long kd, long p0, long p1, Value bias,
                                    ConvSpec spec) {
        Value padded = p0 == 0 && p1 == 0 ? x : ng.pad("pad_depth", x, p0, 0, 0, 0, p1, 0, 0, 0);
        long dOut = x.shape().dim(0) + p0 + p1 - kd + 1;
        Value sum = null;
        for (int a = 0; a < kd; a++) {
            Value slice = ng.slice("slice" + a, padded, new long[] {a}, new long[] {a + dOut}, new long[] {0});
            Value y = ng.conv("conv2d_" + a, slice, taps.apply(a), a == 0 ? bias : null, spec);
            sum = sum == null ? y : ng.add("sum" + a, sum, y);
        }
        return sum;
    }

    /**
     * Depth stride = depth kernel {@code s}, no depth padding: the {@code s} phases {@code x[a::s]}
     * concatenated along channels, one Conv2d with {@code W'[o, a C + c] = W[o, c, a]}.
     */
    private static Value phases(Graph ng, Value x, Tensor w, Value bias, ConvSpec spec) {
        long[] wd = w.dims();
        long o = wd[0];
        long c = wd[1];
        long kd = wd[2];
        long d = x.shape().dim(0);
        int plane = (int) (wd[3] * wd[4]);
        float[] src = w.floatData();
        float[] dst = new float[src.length];
        for (int oo = 0; oo < o; oo++) {
            for (int cc = 0; cc < c; cc++) {
                for (int a = 0; a < kd; a++) {
                    System.arraycopy(src, (int) (((oo * c + cc) * kd + a) * plane), dst, (int) ((oo * kd * c + a * c + cc) * plane), plane);
                }
            }
        }
        List<Value> parts = new ArrayList<>();
        for (long a = 0; a < kd; a++) {
            parts.add(ng.op("Slice", "phase" + a, List.of(x, ng.constant("starts" + a, Tensor.vector(a)),
                    ng.constant("ends" + a, Tensor.vector(d)), ng.constant("axes" + a, Tensor.vector(0)),
                    ng.constant("steps" + a, Tensor.vector(kd))), Map.of()));
        }
        Value cat = parts.size() == 1 ? parts.get(0) : ng.concat("stack", 1, parts);
        Value w2 = ng.parameter("weight2d", Tensor.floats(new long[] {o, kd * c, wd[3], wd[4]}, dst));
        return ng.conv("conv2d", cat, w2, bias, spec);
    }

    private static Value convTranspose(Graph ng, Node n, Value x, Graph g, int[] perm) {
        Initializer wi = g.initializer(n.input(1));
        long[] strides = permute(orOnes(n.intsAttr("strides")), perm);
        long[] pads = permutePads(n.intsAttr("pads") == null ? new long[6] : n.intsAttr("pads"), perm);
        long[] outPad = permute(n.intsAttr("output_padding") == null ? new long[3] : n.intsAttr("output_padding"), perm);
        long[] dil = orOnes(n.intsAttr("dilations"));
        if (wi == null || n.intAttr("group", 1) != 1 || dil[0] != 1 || dil[1] != 1 || dil[2] != 1) {
            throw new IllegalArgumentException("ConvTranspose " + n.name() + " needs an initializer weight, group 1 and no dilation");
        }
        Tensor w = permuteKernel(wi.tensor(), perm);
        if (strides[0] != w.dims()[2] || pads[0] != 0 || pads[3] != 0 || outPad[0] != 0) {
            throw new IllegalArgumentException("ConvTranspose " + n.name() + " must have depth stride = depth kernel and no depth padding");
        }
        Value bias = n.inputs().size() > 2 && !n.input(2).isEmpty() ? ng.parameter(n.input(2), g.initializer(n.input(2)).tensor()) : null;
        long[] wd = w.dims();
        long cin = wd[0];
        long o = wd[1];
        long kd = wd[2];
        int plane = (int) (wd[3] * wd[4]);
        float[] src = w.floatData();
        ConvSpec spec = new ConvSpec(new long[] {strides[1], strides[2]}, new long[] {pads[1], pads[2], pads[4], pads[5]},
                new long[] {1, 1}, 1, new long[] {outPad[1], outPad[2]});
        try (Graph.Scope s = ng.scope(n.name() + ".dm")) {
            List<Value> parts = new ArrayList<>();
            for (int a = 0; a < kd; a++) {
                float[] wa = new float[(int) (cin * o * plane)];
                for (int i = 0; i < cin * o; i++) {
                    System.arraycopy(src, (int) ((i * kd + a) * plane), wa, i * plane, plane);
                }
                Value y = ng.convTranspose("phase" + a, x, ng.parameter("weight2d_" + a, Tensor.floats(new long[] {cin, o, wd[3], wd[4]}, wa)),
                        bias, spec);
                long[] d = y.shape().dims();
                parts.add(ng.reshape("unsqueeze" + a, y, d[0], 1, d[1], d[2], d[3]));
            }
            Value stacked = ng.concat("interleave", 1, parts);
            long[] d = stacked.shape().dims();
            return ng.reshape("merge", stacked, d[0] * kd, d[2], d[3], d[4]);
        }
    }

    /** Spatial axis indices ordered by size, smallest first (stable: equal sizes keep their order). */
    static int[] shortestFirst(long[] spatial) {
        return IntStream.range(0, 3).boxed().sorted(Comparator.comparingLong(i -> spatial[i]))
                .mapToInt(Integer::intValue).toArray();
    }

    /** {@code v'[i] = v[perm[i]]} for per-axis attributes (strides, dilations, output_padding). */
    private static long[] permute(long[] v, int[] perm) {
        return new long[] {v[perm[0]], v[perm[1]], v[perm[2]]};
    }

    /** {@code pads = [begin_0..begin_2, end_0..end_2]} permuted like the axes. */
    private static long[] permutePads(long[] p, int[] perm) {
        return new long[] {p[perm[0]], p[perm[1]], p[perm[2]], p[3 + perm[0]], p[3 + perm[1]], p[3 + perm[2]]};
    }

    /** A kernel {@code [A, B, k0, k1, k2]} with its spatial axes reordered: new axis i is old axis perm[i]. */
    private static Tensor permuteKernel(Tensor w, int[] perm) {
        if (perm[0] == 0 && perm[1] == 1 && perm[2] == 2) {
            return w;
        }
        long[] d = w.dims();
        long[] k = {d[2], d[3], d[4]};
        long[] nk = permute(k, perm);
        long[] strideOld = {k[1] * k[2], k[2], 1};
        int vol = (int) (k[0] * k[1] * k[2]);
        float[] src = w.floatData();
        float[] dst = new float[src.length];
        int[] c = new int[3];
        for (int base = 0; base < src.length; base += vol) {
            int j = 0;
            for (int j0 = 0; j0 < nk[0]; j0++) {
                for (int j1 = 0; j1 < nk[1]; j1++) {
                    for (int j2 = 0; j2 < nk[2]; j2++) {
                        c[perm[0]] = j0;
                        c[perm[1]] = j1;
                        c[perm[2]] = j2;
                        dst[base + j++] = src[base + (int) (c[0] * strideOld[0] + c[1] * strideOld[1] + c[2])];
                    }
                }
            }
        }
        return Tensor.floats(new long[] {d[0], d[1], nk[0], nk[1], nk[2]}, dst);
    }

    private static long[] orOnes(long[] v) {
        return v == null ? new long[] {1, 1, 1} : v;
    }
}
