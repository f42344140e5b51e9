package org.lossbench.core.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites 3D convolutions as 2D convolutions over depth-stacked slices ("im2col along depth"), for
 * one fixed input shape, so that ONNX Runtime runs its 2D convolution kernels (NCHWc on x86) instead
 * of its generic 3D im2col + GEMM path. Every stride-1, dilation-1, ungrouped rank-5 {@code Conv}
 * whose weight is an initializer and whose kernel depth {@code kd > 1} becomes
 * <pre>
 * x [N, C, D, H, W] -> Pad D by (p_b, p_e) -> kd slices x[:, :, a : a + D'] (D' = D + p_b + p_e - kd + 1)
 *   stacked as [N, C, kd, D', H, W] -> Transpose [N, D', C, kd, H, W] -> Reshape [N D', C kd, H, W]
 *   -> Conv2d with the weight viewed as [O, C kd, kh, kw] (the same bytes) and the H, W pads
 *   -> Reshape [N, D', O, H', W'] -> Transpose [N, O, D', H', W']
 * </pre>
 * which is the same sum {@code y[o,z,y,x] = b[o] + sum_{c,a,b,e} W[o,c,a,b,e] x_pad[c, z+a, ...]}
 * reordered; results agree up to float rounding. Other nodes are copied unchanged. The input's shape
 * is fixed to {@code [batch, C, D, H, W]} (the reshapes need concrete sizes), so a lowered model runs
 * windows of one size and one batch size. Measured effect: {@code docs/models.md}, "Performance".
 */
@SuppressWarnings("try") // naming scopes are opened and closed, never referenced
public final class Conv3dLowering {
    private Conv3dLowering() {
    }

    /** The lowered copy of single-input graph {@code g} for inputs of shape {@code [batch, C, spatial...]}. */
    public static Graph lower(Graph g, long batch, long[] spatial) {
        if (g.inputs().size() != 1 || g.inputs().get(0).rank() != 5 || spatial.length != 3) {
            throw new IllegalArgumentException("lowering needs one rank-5 input and three spatial sizes");
        }
        Graph ng = new Graph(g.name() + "-conv2d");
        GraphCopy copy = new GraphCopy(g, ng);
        Value in = g.inputs().get(0);
        copy.bind(in.name(), ng.input(in.name(), in.dtype(), Shape.of(batch, in.shape().dim(1), spatial[0], spatial[1], spatial[2])));
        // a lowered node reads its 3D weight from the source graph: the copy never holds it
        return copy.run((c, n) -> lowerable(n, c.existing(n.input(0)), g)
                ? conv2d(ng, n, c.value(n.input(0)), g.initializer(n.input(1)).tensor(), n.inputs().size() > 2 ? c.value(n.input(2)) : null)
                : null);
    }

    private static boolean lowerable(Node n, Value x, Graph g) {
        if (!n.opType().equals("Conv") || x == null || x.rank() != 5 || !x.shape().isFullyKnown() || g.initializer(n.input(1)) == null) {
            return false;
        }
        long[] k = n.intsAttr("kernel_shape");
        long[] s = n.intsAttr("strides");
        long[] d = n.intsAttr("dilations");
        return k != null && k[0] > 1 && (s == null || (s[0] == 1 && s[1] == 1 && s[2] == 1))
                && (d == null || (d[0] == 1 && d[1] == 1 && d[2] == 1)) && n.intAttr("group", 1) == 1;
    }

    private static Value conv2d(Graph g, Node n, Value x, Tensor w, Value bias) {
        long[] wd = w.dims();
        long o = wd[0];
        long c = wd[1];
        long kd = wd[2];
        long[] pads = n.intsAttr("pads") == null ? new long[6] : n.intsAttr("pads");
        long nb = x.shape().dim(0);
        long d = x.shape().dim(2);
        long h = x.shape().dim(3);
        long wi = x.shape().dim(4);
        long dOut = d + pads[0] + pads[3] - kd + 1;
        try (Graph.Scope s = g.scope(n.name() + ".as2d")) {
            Value padded = pads[0] == 0 && pads[3] == 0 ? x : g.pad("pad_depth", x, 0, 0, pads[0], 0, 0, 0, 0, pads[3], 0, 0);
            List<Value> parts = new ArrayList<>();
            for (long a = 0; a < kd; a++) {
                Value sl = g.slice("slice" + a, padded, new long[] {a}, new long[] {a + dOut}, new long[] {2});
                parts.add(g.reshape("unsqueeze" + a, sl, nb, c, 1, dOut, h, wi));
            }
            Value stacked = g.concat("stack", 2, parts);
            Value t = g.transpose("depth_to_batch", stacked, 0, 3, 1, 2, 4, 5);
            Value r = g.reshape("as_2d", t, nb * dOut, c * kd, h, wi);
            Value w2 = g.parameter("weight2d", Tensor.floats(new long[] {o, c * kd, wd[3], wd[4]}, w.floatData()));
            ConvSpec spec = new ConvSpec(new long[] {1, 1}, new long[] {pads[1], pads[2], pads[4], pads[5]}, new long[] {1, 1}, 1,
                    new long[] {0, 0});
            Value y = g.conv("conv2d", r, w2, bias, spec);
            Value back = g.reshape("as_3d", y, nb, dOut, o, y.shape().dim(2), y.shape().dim(3));
            return g.transpose("batch_to_depth", back, 0, 2, 1, 3, 4);
        }
    }
}
