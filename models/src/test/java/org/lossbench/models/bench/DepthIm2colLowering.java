package org.lossbench.models.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lossbench.core.graph.ConvSpec;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Initializer;
import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Tensor;
import org.lossbench.core.graph.Value;

/**
 * Benchmark experiment: copies an inference graph for one fixed input size, rewriting every
 * stride-1, ungrouped 3D convolution with a {@code k x k x k} kernel as one 2D convolution over
 * depth-stacked slices ("im2col along depth"):
 * <pre>
 * x [1, C, D, H, W] -> pad D by p -> k slices x[:, :, a : a + D] stacked as [1, C, k, D, H, W]
 *   -> transpose to [1, D, C, k, H, W] -> reshape [D, C k, H, W]
 *   -> Conv2d with the kernel reshaped to [O, C k, k, k] (the same bytes) -> [D, O, H, W]
 *   -> transpose [O, D, H, W] -> reshape [1, O, D, H, W]
 * </pre>
 * so that ONNX Runtime runs its 2D convolution kernels (NCHWc on x86) instead of the generic
 * im2col + GEMM 3D path. Exact up to float rounding order.
 */
@SuppressWarnings("try") // naming scopes are opened and closed, never referenced
final class DepthIm2colLowering {
    private DepthIm2colLowering() {
    }

    static Graph lower(Graph g, int[] size) {
        Graph ng = new Graph(g.name() + "-lowered");
        Map<String, Value> map = new HashMap<>();
        Value in = g.inputs().get(0);
        map.put(in.name(), ng.input(in.name(), in.dtype(), Shape.of(1, in.shape().dim(1), size[0], size[1], size[2])));
        for (Node n : g.nodes()) {
            boolean lower = lowerable(n, map.get(n.input(0))) && g.initializer(n.input(1)) != null;
            List<Value> ins = new ArrayList<>();
            for (int j = 0; j < n.inputs().size(); j++) {
                String s = n.inputs().get(j);
                if (s.isEmpty() || (lower && j == 1)) {
                    ins.add(null);
                    continue;
                }
                Initializer init = g.initializer(s);
                if (init != null && !map.containsKey(s)) {
                    map.put(s, init.trainable() ? ng.parameter(s, init.tensor()) : ng.constant(s, init.tensor()));
                }
                ins.add(map.get(s));
            }
            Value out;
            if (lower) {
                out = conv2d(ng, n.name(), ins.get(0), g.initializer(n.input(1)).tensor(), ins.size() > 2 ? ins.get(2) : null);
            } else {
                out = ng.op(n.opType(), n.name(), ins, n.attributes());
            }
            map.put(n.output(), out);
        }
        for (Value o : g.outputs()) {
            ng.output(map.get(o.name()));
        }
        return ng;
    }

    private static boolean lowerable(Node n, Value x) {
        if (!n.opType().equals("Conv") || x == null || x.rank() != 5) {
            return false;
        }
        long[] k = n.intsAttr("kernel_shape");
        long[] s = n.intsAttr("strides");
        return k[0] > 1 && k[0] == k[1] && k[1] == k[2] && s[0] == 1 && s[1] == 1 && s[2] == 1 && n.intAttr("group", 1) == 1;
    }

    private static Value conv2d(Graph g, String name, Value x, Tensor w, Value bias) {
        long[] wd = w.dims();
        long o = wd[0];
        long c = wd[1];
        long k = wd[2];
        long p = (k - 1) / 2;
        long d = x.shape().dim(2);
        long h = x.shape().dim(3);
        long wdt = x.shape().dim(4);
        try (Graph.Scope s = g.scope(name + ".lowered")) {
            Value padded = g.pad("pad", x, 0, 0, p, 0, 0, 0, 0, p, 0, 0);
            List<Value> parts = new ArrayList<>();
            for (long a = 0; a < k; a++) {
                Value sl = g.slice("slice" + a, padded, new long[] {a}, new long[] {a + d}, new long[] {2});
                parts.add(g.reshape("unsq" + a, sl, 1, c, 1, d, h, wdt));
            }
            Value stacked = g.concat("stack", 2, parts);
            Value t = g.transpose("to_depth_batch", stacked, 0, 3, 1, 2, 4, 5);
            Value r = g.reshape("as_2d", t, d, c * k, h, wdt);
            Value w2 = g.constant("weight2d", Tensor.floats(new long[] {o, c * k, k, k}, w.floatData()));
            ConvSpec spec = new ConvSpec(new long[] {1, 1}, new long[] {p, p, p, p}, new long[] {1, 1}, 1, new long[] {0, 0});
            Value y = g.conv("conv2d", r, w2, bias, spec);
            Value back = g.transpose("to_channels", y, 1, 0, 2, 3);
            return g.reshape("as_3d", back, 1, o, d, h, wdt);
        }
    }
}
