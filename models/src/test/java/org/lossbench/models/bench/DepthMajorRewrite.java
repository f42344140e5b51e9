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
 * Benchmark experiment: runs a one-sample V-Net (no normalisation) entirely in a depth-major
 * {@code [D, C, H, W]} layout, so that every 3D operator becomes 2D operators on depth slices with no
 * per-layer transposes:
 * <ul>
 * <li>stride-1 Conv {@code k^3}: pad D, concatenate the {@code kd} depth-shifted slices along channels
 *     ({@code [D, kd C, H, W]}, order (a, c)) and run one Conv2d with {@code W'[o, a C + c] = W[o, c, a]};</li>
 * <li>2x2x2 stride-2 Conv: the even and odd depth slices concatenated along channels, one stride-2 Conv2d;</li>
 * <li>2x2x2 stride-2 ConvTranspose: one ConvTranspose2d per output depth parity, interleaved along D;</li>
 * <li>PRelu, Add, channel Concat and channel Slice act on axis 1 in both layouts and are copied.</li>
 * </ul>
 * The input is transposed to depth-major once and the output back once.
 */
@SuppressWarnings("try")
final class DepthMajorRewrite {
    private DepthMajorRewrite() {
    }

    static Graph rewrite(Graph g, long[] spatial) {
        Graph ng = new Graph(g.name() + "-depth-major");
        Map<String, Value> map = new HashMap<>();
        Value in = g.inputs().get(0);
        long c0 = in.shape().dim(1);
        Value x = ng.input(in.name(), in.dtype(), Shape.of(1, c0, spatial[0], spatial[1], spatial[2]));
        Value dm = ng.reshape("to_depth_major.reshape", ng.transpose("to_depth_major", x, 0, 2, 1, 3, 4), spatial[0], c0, spatial[1], spatial[2]);
        map.put(in.name(), dm);
        for (Node n : g.nodes()) {
            Value v = map.get(n.input(0));
            Value out = switch (n.opType()) {
                case "Conv" -> conv(ng, n, v, g);
                case "ConvTranspose" -> up(ng, n, v, g);
                case "PRelu" -> {
                    Tensor s = g.initializer(n.input(1)).tensor();
                    long c = s.dims()[0];
                    yield ng.prelu(n.name(), v, ng.parameter(n.input(1), Tensor.floats(new long[] {c, 1, 1}, s.floatData())));
                }
                case "Add" -> ng.add(n.name(), v, map.get(n.input(1)));
                case "Concat" -> {
                    List<Value> parts = new ArrayList<>();
                    n.inputs().forEach(i -> parts.add(map.get(i)));
                    yield ng.op("Concat", n.name(), parts, n.attributes());
                }
                case "Slice" -> {
                    List<Value> ins = new ArrayList<>();
                    ins.add(v);
                    for (int i = 1; i < n.inputs().size(); i++) {
                        Initializer init = g.initializer(n.input(i));
                        ins.add(ng.constant(n.input(i), init.tensor()));
                    }
                    yield ng.op("Slice", n.name(), ins, Map.of());
                }
                case "Identity" -> ng.op("Identity", n.name() + ".dm", List.of(v), Map.of());
                default -> throw new IllegalArgumentException("depth-major rewrite does not support " + n.opType());
            };
            map.put(n.output(), out);
        }
        for (Value o : g.outputs()) {
            Value v = map.get(o.name());
            long d = v.shape().dim(0);
            long k = v.shape().dim(1);
            Value r = ng.reshape(o.name() + ".reshape", v, 1, d, k, v.shape().dim(2), v.shape().dim(3));
            ng.output(ng.transpose(o.name() + ".to_ncdhw", r, 0, 2, 1, 3, 4), o.name());
        }
        return ng;
    }

    private static Value conv(Graph ng, Node n, Value x, Graph g) {
        Tensor w = g.initializer(n.input(1)).tensor();
        Value bias = n.inputs().size() > 2 ? ng.parameter(n.input(2), g.initializer(n.input(2)).tensor()) : null;
        long[] wd = w.dims();
        long o = wd[0];
        long c = wd[1];
        long kd = wd[2];
        long[] strides = n.intsAttr("strides");
        long[] pads = n.intsAttr("pads");
        long d = x.shape().dim(0);
        // W'[o, a*C + c, kh, kw] = W[o, c, a, kh, kw]
        float[] src = w.floatData();
        int plane = (int) (wd[3] * wd[4]);
        float[] dst = new float[src.length];
        for (int oo = 0; oo < o; oo++) {
            for (int cc = 0; cc < c; cc++) {
                for (int a = 0; a < kd; a++) {
                    System.arraycopy(src, (int) (((oo * c + cc) * kd + a) * plane), dst, (int) ((oo * kd * c + a * c + cc) * plane), plane);
                }
            }
        }
        try (Graph.Scope s = ng.scope(n.name() + ".dm")) {
            List<Value> parts = new ArrayList<>();
            ConvSpec spec;
            if (strides[0] == 1) {
                Value padded = pads[0] == 0 && pads[3] == 0 ? x : ng.pad("pad_depth", x, pads[0], 0, 0, 0, pads[3], 0, 0, 0);
                long dOut = d + pads[0] + pads[3] - kd + 1;
                for (long a = 0; a < kd; a++) {
                    parts.add(ng.slice("slice" + a, padded, new long[] {a}, new long[] {a + dOut}, new long[] {0}));
                }
                spec = new ConvSpec(new long[] {1, 1}, new long[] {pads[1], pads[2], pads[4], pads[5]}, new long[] {1, 1}, 1, new long[] {0, 0});
            } else if (strides[0] == 2 && kd == 2) {
                for (long a = 0; a < 2; a++) {
                    Value st = ng.constant("steps" + a, Tensor.vector(2));
                    Value sl = ng.op("Slice", "even_odd" + a, List.of(x, ng.constant("starts" + a, Tensor.vector(a)),
                            ng.constant("ends" + a, Tensor.vector(d)), ng.constant("axes" + a, Tensor.vector(0)), st), Map.of());
                    parts.add(sl);
                }
                spec = new ConvSpec(new long[] {2, 2}, new long[] {0, 0, 0, 0}, new long[] {1, 1}, 1, new long[] {0, 0});
            } else {
                throw new IllegalArgumentException("unsupported convolution " + n.name());
            }
            Value cat = parts.size() == 1 ? parts.get(0) : ng.concat("stack", 1, parts);
            Value w2 = ng.parameter("weight2d", Tensor.floats(new long[] {o, kd * c, wd[3], wd[4]}, dst));
            return ng.conv("conv2d", cat, w2, bias, spec);
        }
    }

    private static Value up(Graph ng, Node n, Value x, Graph g) {
        Tensor w = g.initializer(n.input(1)).tensor();
        Value bias = ng.parameter(n.input(2), g.initializer(n.input(2)).tensor());
        long[] wd = w.dims();
        long cin = wd[0];
        long o = wd[1];
        float[] src = w.floatData();
        try (Graph.Scope s = ng.scope(n.name() + ".dm")) {
            List<Value> parts = new ArrayList<>();
            for (int a = 0; a < 2; a++) {
                float[] wa = new float[(int) (cin * o * 4)];
                for (int i = 0; i < cin * o; i++) {
                    System.arraycopy(src, i * 8 + a * 4, wa, i * 4, 4);
                }
                Value y = ng.convTranspose("convT2d_" + a, x, ng.parameter("weight2d_" + a, Tensor.floats(new long[] {cin, o, 2, 2}, wa)), bias,
                        ConvSpec.strided(2, 2));
                long[] d = y.shape().dims();
                parts.add(ng.reshape("unsqueeze" + a, y, d[0], 1, d[1], d[2], d[3]));
            }
            Value stacked = ng.concat("interleave", 1, parts);
            long[] d = stacked.shape().dims();
            return ng.reshape("merge", stacked, d[0] * 2, d[2], d[3], d[4]);
        }
    }
}
