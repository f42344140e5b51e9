package org.lossbench.core.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Output element types and shapes of the ops the builder emits, following the ONNX operator
 * specification at opset 17. Unknown sizes propagate as unknown; symbolic names survive where the
 * operator passes a dimension through unchanged (batch, channels, broadcasting of equal names).
 */
final class ShapeInference {
    private static final Set<String> SAME_AS_FIRST = Set.of(
            "Relu", "LeakyRelu", "Elu", "Sigmoid", "Tanh", "Exp", "Log", "Sqrt", "Abs", "Neg", "Reciprocal",
            "Softmax", "LogSoftmax", "Identity", "Clip", "Erf", "Floor", "Ceil", "Sign",
            "InstanceNormalization", "BatchNormalization", "LayerNormalization", "Dropout");
    private static final Set<String> BROADCAST = Set.of("Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "PRelu", "Sum", "Mean");
    private static final Set<String> COMPARE = Set.of("Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or", "Not");
    private static final Set<String> REDUCE = Set.of("ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd",
            "ReduceSumSquare", "ReduceL2", "ReduceLogSumExp");

    private ShapeInference() {
    }

    /** Whether {@link #infer} has a rule for {@code opType}. */
    static boolean knows(String opType) {
        return SAME_AS_FIRST.contains(opType) || BROADCAST.contains(opType) || COMPARE.contains(opType)
                || REDUCE.contains(opType) || Set.of("Conv", "ConvTranspose", "Concat", "Slice", "Reshape", "Transpose",
                "Cast", "Where", "ArgMax", "ArgMin", "Shape", "MatMul", "Gemm", "Constant", "Flatten", "Unsqueeze",
                "Squeeze", "Split", "Pad", "TopK", "OneHot").contains(opType);
    }

    /**
     * The outputs of {@code node} given its inputs ({@code null} for omitted optional ones) and a
     * lookup of constant int64/float tensors by value name (null when not constant).
     */
    static List<Value> infer(Node node, List<Value> in, Function<String, Tensor> constants) {
        String op = node.opType();
        List<Shape> shapes = new ArrayList<>();
        List<DType> types = new ArrayList<>();
        if (SAME_AS_FIRST.contains(op)) {
            shapes.add(in.get(0).shape());
            types.add(in.get(0).dtype());
        } else if (BROADCAST.contains(op)) {
            Shape s = in.get(0).shape();
            for (int i = 1; i < in.size(); i++) {
                s = broadcast(s, in.get(i).shape(), node);
            }
            shapes.add(s);
            types.add(in.get(0).dtype());
        } else if (COMPARE.contains(op)) {
            shapes.add(in.size() == 1 ? in.get(0).shape() : broadcast(in.get(0).shape(), in.get(1).shape(), node));
            types.add(DType.BOOL);
        } else if (REDUCE.contains(op)) {
            shapes.add(reduce(node, in, constants));
            types.add(in.get(0).dtype());
        } else {
            switch (op) {
                case "Conv" -> {
                    shapes.add(conv(node, in.get(0).shape(), in.get(1).shape(), false));
                    types.add(in.get(0).dtype());
                }
                case "ConvTranspose" -> {
                    shapes.add(conv(node, in.get(0).shape(), in.get(1).shape(), true));
                    types.add(in.get(0).dtype());
                }
                case "Concat" -> {
                    shapes.add(concat(node, in));
                    types.add(in.get(0).dtype());
                }
                case "Slice" -> {
                    shapes.add(slice(node, in, constants));
                    types.add(in.get(0).dtype());
                }
                case "Reshape" -> {
                    shapes.add(reshape(node, in, constants));
                    types.add(in.get(0).dtype());
                }
                case "Transpose" -> {
                    shapes.add(transpose(node, in.get(0).shape()));
                    types.add(in.get(0).dtype());
                }
                case "Cast" -> {
                    shapes.add(in.get(0).shape());
                    types.add(DType.fromOnnx((int) node.intAttr("to", -1)));
                }
                case "Where" -> {
                    shapes.add(broadcast(broadcast(in.get(0).shape(), in.get(1).shape(), node), in.get(2).shape(), node));
                    types.add(in.get(1).dtype());
                }
                case "ArgMax", "ArgMin" -> {
                    Shape s = in.get(0).shape();
                    int axis = s.axis((int) node.intAttr("axis", 0));
                    shapes.add(node.intAttr("keepdims", 1) == 1 ? s.with(axis, 1) : drop(s, new int[] {axis}));
                    types.add(DType.INT64);
                }
                case "Shape" -> {
                    shapes.add(Shape.of(new long[] {in.get(0).rank()}));
                    types.add(DType.INT64);
                }
                case "MatMul" -> {
                    shapes.add(matmul(in.get(0).shape(), in.get(1).shape(), node));
                    types.add(in.get(0).dtype());
                }
                case "Gemm" -> {
                    Shape a = in.get(0).shape();
                    Shape b = in.get(1).shape();
                    int m = node.intAttr("transA", 0) == 1 ? 1 : 0;
                    int n = node.intAttr("transB", 0) == 1 ? 0 : 1;
                    shapes.add(Shape.of(new long[] {a.dim(m), b.dim(n)}, new String[] {a.symbol(m), b.symbol(n)}));
                    types.add(in.get(0).dtype());
                }
                case "Constant" -> {
                    Tensor t = ((Attribute.TensorValue) node.attributes().get("value")).value();
                    shapes.add(t.shape());
                    types.add(t.dtype());
                }
                case "Flatten" -> {
                    Shape s = in.get(0).shape();
                    int axis = (int) node.intAttr("axis", 1);
                    axis = axis < 0 ? axis + s.rank() : axis;
                    shapes.add(Shape.of(new long[] {product(s, 0, axis), product(s, axis, s.rank())}));
                    types.add(in.get(0).dtype());
                }
                case "Unsqueeze" -> {
                    shapes.add(unsqueeze(node, in, constants));
                    types.add(in.get(0).dtype());
                }
                case "Squeeze" -> {
                    Shape s = in.get(0).shape();
                    long[] axes = constantInts(node, in, 1, constants);
                    int[] ax = new int[axes.length];
                    for (int i = 0; i < axes.length; i++) {
                        ax[i] = s.axis((int) axes[i]);
                    }
                    shapes.add(drop(s, ax));
                    types.add(in.get(0).dtype());
                }
                case "Pad" -> {
                    Shape x = in.get(0).shape();
                    long[] pads = constantInts(node, in, 1, constants);
                    long[] d = x.dims();
                    String[] sym = x.symbols();
                    for (int i = 0; i < d.length; i++) {
                        if (pads[i] != 0 || pads[d.length + i] != 0) {
                            d[i] = d[i] == Shape.UNKNOWN ? Shape.UNKNOWN : d[i] + pads[i] + pads[d.length + i];
                            sym[i] = null;
                        }
                    }
                    shapes.add(Shape.of(d, sym));
                    types.add(in.get(0).dtype());
                }
                case "TopK" -> {
                    Shape x = in.get(0).shape();
                    long k = constantInts(node, in, 1, constants)[0];
                    Shape out = x.with((int) node.intAttr("axis", -1), k);
                    shapes.add(out);
                    types.add(in.get(0).dtype());
                    shapes.add(out);
                    types.add(DType.INT64);
                }
                case "OneHot" -> {
                    Shape idx = in.get(0).shape();
                    long depth = constantInts(node, in, 1, constants)[0];
                    int r = idx.rank() + 1;
                    int axis = (int) node.intAttr("axis", -1);
                    axis = axis < 0 ? axis + r : axis;
                    long[] d = new long[r];
                    String[] sym = new String[r];
                    for (int i = 0, j = 0; i < r; i++) {
                        if (i == axis) {
                            d[i] = depth;
                        } else {
                            d[i] = idx.dim(j);
                            sym[i] = idx.symbol(j);
                            j++;
                        }
                    }
                    shapes.add(Shape.of(d, sym));
                    types.add(in.get(2).dtype());
                }
                case "Split" -> {
                    Shape s = in.get(0).shape();
                    int axis = s.axis((int) node.intAttr("axis", 0));
                    long[] sizes = constantInts(node, in, 1, constants);
                    for (long size : sizes) {
                        shapes.add(s.with(axis, size));
                        types.add(in.get(0).dtype());
                    }
                }
                default -> throw new IllegalArgumentException("no shape inference rule for op " + op
                        + "; pass the output types explicitly");
            }
        }
        if (shapes.size() != node.outputs().size()) {
            throw new IllegalArgumentException(op + " node " + node.name() + " has " + node.outputs().size()
                    + " outputs, inference gives " + shapes.size());
        }
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            out.add(new Value(node.outputs().get(i), types.get(i), shapes.get(i)));
        }
        return out;
    }

    /** Numpy-style multidirectional broadcasting. */
    static Shape broadcast(Shape a, Shape b, Node node) {
        int r = Math.max(a.rank(), b.rank());
        long[] d = new long[r];
        String[] s = new String[r];
        for (int i = 0; i < r; i++) {
            int ia = i - (r - a.rank());
            int ib = i - (r - b.rank());
            long da = ia >= 0 ? a.dim(ia) : 1;
            long db = ib >= 0 ? b.dim(ib) : 1;
            String sa = ia >= 0 ? a.symbol(ia) : null;
            String sb = ib >= 0 ? b.symbol(ib) : null;
            if (da == 1) {
                d[i] = db;
                s[i] = sb;
            } else if (db == 1) {
                d[i] = da;
                s[i] = sa;
            } else if (da == Shape.UNKNOWN && db == Shape.UNKNOWN) {
                d[i] = Shape.UNKNOWN;
                s[i] = sa != null && sa.equals(sb) ? sa : null;
            } else if (da == Shape.UNKNOWN || db == Shape.UNKNOWN) {
                d[i] = Math.max(da, db);
            } else if (da == db) {
                d[i] = da;
            } else {
                throw new IllegalArgumentException(node.opType() + " node " + node.name() + ": shapes " + a + " and " + b
                        + " do not broadcast");
            }
        }
        return Shape.of(d, s);
    }

    /**
     * Conv: {@code out = floor((in + pad_begin + pad_end - dilation * (k - 1) - 1) / stride) + 1}.
     * ConvTranspose: {@code out = stride * (in - 1) + output_padding + (k - 1) * dilation + 1 - pad_begin - pad_end}.
     */
    private static Shape conv(Node node, Shape x, Shape w, boolean transpose) {
        int spatial = x.rank() - 2;
        if (w.rank() != x.rank()) {
            throw new IllegalArgumentException(node.opType() + " node " + node.name() + ": weight " + w
                    + " and input " + x + " differ in rank");
        }
        long[] strides = orDefault(node.intsAttr("strides"), spatial, 1);
        long[] dilations = orDefault(node.intsAttr("dilations"), spatial, 1);
        long[] pads = orDefault(node.intsAttr("pads"), 2 * spatial, 0);
        long[] outPad = orDefault(node.intsAttr("output_padding"), spatial, 0);
        long group = node.intAttr("group", 1);
        long[] d = new long[x.rank()];
        String[] s = new String[x.rank()];
        d[0] = x.dim(0);
        s[0] = x.symbol(0);
        long cin = x.dim(1);
        long wIn = transpose ? w.dim(0) : w.dim(1) * group;
        if (cin != Shape.UNKNOWN && w.isKnown(transpose ? 0 : 1) && cin != wIn) {
            throw new IllegalArgumentException(node.opType() + " node " + node.name() + ": input has " + cin
                    + " channels, weight " + w + " expects " + wIn);
        }
        d[1] = transpose ? w.dim(1) * group : w.dim(0);
        for (int i = 0; i < spatial; i++) {
            long in = x.dim(2 + i);
            long k = w.dim(2 + i);
            if (in == Shape.UNKNOWN || k == Shape.UNKNOWN) {
                d[2 + i] = Shape.UNKNOWN;
                boolean preserving = !transpose && strides[i] == 1 && k != Shape.UNKNOWN
                        && pads[i] + pads[spatial + i] == dilations[i] * (k - 1);
                s[2 + i] = preserving ? x.symbol(2 + i) : null;
                continue;
            }
            long o = transpose
                    ? strides[i] * (in - 1) + outPad[i] + (k - 1) * dilations[i] + 1 - pads[i] - pads[spatial + i]
                    : Math.floorDiv(in + pads[i] + pads[spatial + i] - dilations[i] * (k - 1) - 1, strides[i]) + 1;
            if (o < 1) {
                throw new IllegalArgumentException(node.opType() + " node " + node.name() + ": spatial size " + in
                        + " gives an empty output along axis " + (2 + i));
            }
            d[2 + i] = o;
        }
        return Shape.of(d, s);
    }

    private static Shape concat(Node node, List<Value> in) {
        Shape first = in.get(0).shape();
        int axis = first.axis((int) node.intAttr("axis", 0));
        long[] d = first.dims();
        String[] s = first.symbols();
        long total = 0;
        for (Value v : in) {
            if (v.rank() != first.rank()) {
                throw new IllegalArgumentException("Concat node " + node.name() + ": ranks differ (" + first + " vs " + v.shape() + ")");
            }
            long a = v.shape().dim(axis);
            total = total == Shape.UNKNOWN || a == Shape.UNKNOWN ? Shape.UNKNOWN : total + a;
        }
        d[axis] = total;
        s[axis] = null;
        return Shape.of(d, s);
    }

    private static Shape slice(Node node, List<Value> in, Function<String, Tensor> constants) {
        Shape x = in.get(0).shape();
        long[] starts = constantInts(node, in, 1, constants);
        long[] ends = constantInts(node, in, 2, constants);
        long[] axes = in.size() > 3 && in.get(3) != null ? constantInts(node, in, 3, constants) : null;
        long[] steps = in.size() > 4 && in.get(4) != null ? constantInts(node, in, 4, constants) : null;
        long[] d = x.dims();
        String[] s = x.symbols();
        for (int i = 0; i < starts.length; i++) {
            int axis = x.axis(axes == null ? i : (int) axes[i]);
            long step = steps == null ? 1 : steps[i];
            long n = d[axis];
            s[axis] = null;
            if (n == Shape.UNKNOWN) {
                continue;
            }
            // ONNX Slice clamping: negative indices count from the end; starts clamp to [0, n] (step > 0) or [0, n-1].
            long st = starts[i] < 0 ? starts[i] + n : starts[i];
            long en = ends[i] < 0 ? ends[i] + n : ends[i];
            if (step > 0) {
                st = Math.max(0, Math.min(n, st));
                en = Math.max(0, Math.min(n, en));
                d[axis] = Math.max(0, (en - st + step - 1) / step);
            } else {
                st = Math.max(0, Math.min(n - 1, st));
                en = Math.max(-1, Math.min(n - 1, en));
                d[axis] = Math.max(0, (st - en + (-step) - 1) / (-step));
            }
        }
        return Shape.of(d, s);
    }

    private static Shape reshape(Node node, List<Value> in, Function<String, Tensor> constants) {
        Shape x = in.get(0).shape();
        long[] target = constantInts(node, in, 1, constants);
        long[] d = new long[target.length];
        String[] s = new String[target.length];
        int inferred = -1;
        long known = 1;
        boolean allKnown = true;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == 0) {
                d[i] = x.dim(i);
                s[i] = x.symbol(i);
            } else if (target[i] == -1) {
                inferred = i;
                continue;
            } else {
                d[i] = target[i];
            }
            if (d[i] == Shape.UNKNOWN) {
                allKnown = false;
            } else {
                known *= d[i];
            }
        }
        if (inferred >= 0) {
            d[inferred] = allKnown && x.isFullyKnown() ? x.elementCount() / known : Shape.UNKNOWN;
        }
        return Shape.of(d, s);
    }

    private static Shape transpose(Node node, Shape x) {
        long[] perm = node.intsAttr("perm");
        long[] d = new long[x.rank()];
        String[] s = new String[x.rank()];
        for (int i = 0; i < x.rank(); i++) {
            int p = perm == null ? x.rank() - 1 - i : (int) perm[i];
            d[i] = x.dim(p);
            s[i] = x.symbol(p);
        }
        return Shape.of(d, s);
    }

    private static Shape reduce(Node node, List<Value> in, Function<String, Tensor> constants) {
        Shape x = in.get(0).shape();
        long[] axes = node.opType().equals("ReduceSum")
                ? (in.size() > 1 && in.get(1) != null ? constantInts(node, in, 1, constants) : null)
                : node.intsAttr("axes");
        int[] ax;
        if (axes == null || axes.length == 0) {
            ax = new int[x.rank()];
            for (int i = 0; i < ax.length; i++) {
                ax[i] = i;
            }
        } else {
            ax = new int[axes.length];
            for (int i = 0; i < axes.length; i++) {
                ax[i] = x.axis((int) axes[i]);
            }
        }
        if (node.intAttr("keepdims", 1) == 1) {
            Shape s = x;
            for (int a : ax) {
                s = s.with(a, 1);
            }
            return s;
        }
        return drop(x, ax);
    }

    private static Shape unsqueeze(Node node, List<Value> in, Function<String, Tensor> constants) {
        Shape x = in.get(0).shape();
        long[] axes = constantInts(node, in, 1, constants);
        int r = x.rank() + axes.length;
        boolean[] inserted = new boolean[r];
        for (long a : axes) {
            inserted[(int) (a < 0 ? a + r : a)] = true;
        }
        long[] d = new long[r];
        String[] s = new String[r];
        int j = 0;
        for (int i = 0; i < r; i++) {
            if (inserted[i]) {
                d[i] = 1;
            } else {
                d[i] = x.dim(j);
                s[i] = x.symbol(j);
                j++;
            }
        }
        return Shape.of(d, s);
    }

    private static Shape matmul(Shape a, Shape b, Node node) {
        if (a.rank() < 2 || b.rank() < 2) {
            throw new IllegalArgumentException("MatMul node " + node.name() + ": only rank >= 2 operands are supported");
        }
        Shape batchA = Shape.of(Arrays.copyOf(a.dims(), a.rank() - 2), Arrays.copyOf(a.symbols(), a.rank() - 2));
        Shape batchB = Shape.of(Arrays.copyOf(b.dims(), b.rank() - 2), Arrays.copyOf(b.symbols(), b.rank() - 2));
        Shape batch = broadcast(batchA, batchB, node);
        long[] d = Arrays.copyOf(batch.dims(), batch.rank() + 2);
        String[] s = Arrays.copyOf(batch.symbols(), batch.rank() + 2);
        d[batch.rank()] = a.dim(-2);
        s[batch.rank()] = a.symbol(-2);
        d[batch.rank() + 1] = b.dim(-1);
        s[batch.rank() + 1] = b.symbol(-1);
        return Shape.of(d, s);
    }

    private static Shape drop(Shape x, int[] axes) {
        boolean[] gone = new boolean[x.rank()];
        for (int a : axes) {
            gone[a] = true;
        }
        List<Long> d = new ArrayList<>();
        List<String> s = new ArrayList<>();
        for (int i = 0; i < x.rank(); i++) {
            if (!gone[i]) {
                d.add(x.dim(i));
                s.add(x.symbol(i));
            }
        }
        return Shape.of(d.stream().mapToLong(Long::longValue).toArray(), s.toArray(String[]::new));
    }

    private static long product(Shape s, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            if (s.dim(i) == Shape.UNKNOWN) {
                return Shape.UNKNOWN;
            }
            p *= s.dim(i);
        }
        return p;
    }

    private static long[] orDefault(long[] v, int n, long fallback) {
        if (v != null) {
            return v;
        }
        long[] d = new long[n];
        Arrays.fill(d, fallback);
        return d;
    }

    private static long[] constantInts(Node node, List<Value> in, int i, Function<String, Tensor> constants) {
        Value v = i < in.size() ? in.get(i) : null;
        Tensor t = v == null ? null : constants.apply(v.name());
        if (t == null || t.dtype() != DType.INT64) {
            throw new IllegalArgumentException(node.opType() + " node " + node.name() + ": input " + i
                    + " must be a constant int64 tensor for shape inference");
        }
        return t.longData();
    }
}
