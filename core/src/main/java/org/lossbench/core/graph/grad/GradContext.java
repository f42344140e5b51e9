package org.lossbench.core.graph.grad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossbench.core.graph.Attribute;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Tensor;
import org.lossbench.core.graph.Value;

/**
 * What a {@link GradRule} needs: the graph being extended, the forward values of a node, constants,
 * and the shape plumbing shared by the rules (reducing a broadcast gradient back to an operand's
 * shape, expanding a reduced one, reshaping to an operand's shape). Gradient node names are the
 * forward node's name plus a suffix, such as {@code enc1/conv0.dx}.
 */
final class GradContext {
    private final Graph g;
    private final Map<String, Value> constants = new HashMap<>();

    GradContext(Graph g) {
        this.g = g;
    }

    Graph graph() {
        return g;
    }

    /** Input {@code i} of {@code node}, or null when omitted. */
    Value in(Node node, int i) {
        String n = node.input(i);
        return n.isEmpty() ? null : g.value(n);
    }

    /** Output {@code i} of {@code node}. */
    Value out(Node node, int i) {
        return g.value(node.outputs().get(i));
    }

    /** A float32 scalar constant, one per value and pass. */
    Value scalar(float v) {
        return constants.computeIfAbsent("f" + Float.floatToIntBits(v), k -> g.constant("grad.c", Tensor.scalar(v)));
    }

    /** An int64 vector constant, one per value and pass. */
    Value ints(long... v) {
        return constants.computeIfAbsent("i" + Arrays.toString(v), k -> g.constant("grad.i", Tensor.vector(v)));
    }

    /** A single-output op whose output type ONNX shape inference of the builder infers. */
    Value op(String opType, Node node, String suffix, Map<String, Attribute> attrs, Value... in) {
        return g.op(opType, node.name() + "." + suffix, Arrays.asList(in), attrs);
    }

    Value op(String opType, Node node, String suffix, Value... in) {
        return op(opType, node, suffix, Map.of(), in);
    }

    /** A single-output op whose output has the type and shape of {@code like}. */
    Value typed(String opType, Node node, String suffix, Value like, Map<String, Attribute> attrs, Value... in) {
        return g.opTyped(opType, node.name() + "." + suffix, Arrays.asList(in), attrs, List.of(like)).get(0);
    }

    /** A single-output op whose output has the given type and shape. */
    Value typed(String opType, Node node, String suffix, DType dtype, Shape shape, Map<String, Attribute> attrs, Value... in) {
        return typed(opType, node, suffix, new Value("typed", dtype, shape), attrs, in);
    }

    /** {@code Where(cond, a, b)}. */
    Value where(Node node, String suffix, Value cond, Value a, Value b) {
        return op("Where", node, suffix, cond, a, b);
    }

    /**
     * The int64 data of a constant value (an initializer or a {@code Constant} node's output), or null
     * when the value is computed at run time.
     */
    long[] constantInts(String valueName) {
        if (valueName.isEmpty()) {
            return null;
        }
        Tensor t = g.initializer(valueName) != null ? g.initializer(valueName).tensor() : null;
        Node p = g.producer(valueName);
        if (t == null && p != null && p.opType().equals("Constant")
                && p.attributes().get("value") instanceof Attribute.TensorValue tv) {
            t = tv.value();
        }
        return t != null && t.dtype() == DType.INT64 ? t.longData() : null;
    }

    /** Like {@link #constantInts} but a missing constant is refused, naming what {@code node} needs it for. */
    long[] requireConstantInts(Node node, int input, String what) {
        long[] v = constantInts(node.input(input));
        if (v == null) {
            throw new GradientException(node.opType() + " node '" + node.name() + "': the gradient needs " + what
                    + " (input " + input + ", '" + node.input(input) + "') as a constant int64 tensor");
        }
        return v;
    }

    /** The known sizes of {@code v}; a symbolic or unknown size is refused with a message naming {@code node}. */
    long[] staticDims(Value v, Node node) {
        if (!v.shape().isFullyKnown()) {
            throw symbolic(v, node);
        }
        return v.shape().dims();
    }

    static GradientException symbolic(Value v, Node node) {
        return new GradientException(node.opType() + " node '" + node.name() + "': the gradient needs the static shape of "
                + v.name() + ", which is " + v.shape() + "; training graphs must be built with fixed sizes (batch and patch)");
    }

    /**
     * {@code grad} (shaped like the broadcast result) summed back to {@code target}'s shape: a
     * {@code ReduceSum} with {@code keepdims=1} over the axes where the target has size 1 (or is
     * missing, numpy broadcasting aligns trailing axes), then a {@code Squeeze} of the missing leading
     * axes: {@code dL/da_j = sum over the broadcast copies of a_j of dL/dy}.
     */
    Value sumTo(Value grad, Value target, Node node) {
        Shape gs = grad.shape();
        Shape ts = target.shape();
        if (gs.equals(ts)) {
            return grad;
        }
        int lead = gs.rank() - ts.rank();
        if (lead < 0) {
            throw new GradientException(node.opType() + " node '" + node.name() + "': gradient " + gs
                    + " has a lower rank than operand " + target.name() + " " + ts);
        }
        List<Long> axes = new ArrayList<>();
        for (int i = 0; i < gs.rank(); i++) {
            if (i < lead) {
                axes.add((long) i);
                continue;
            }
            int j = i - lead;
            boolean targetOne = ts.isKnown(j) && ts.dim(j) == 1;
            boolean gradOne = gs.isKnown(i) && gs.dim(i) == 1;
            if (targetOne && !gradOne) {
                axes.add((long) i);
            } else if (!targetOne && !gs.sameDim(i, ts, j)) {
                if (!gs.isKnown(i) || !ts.isKnown(j)) {
                    throw symbolic(gs.isKnown(i) ? target : grad, node);
                }
                throw new GradientException(node.opType() + " node '" + node.name() + "': gradient " + gs
                        + " does not broadcast from operand " + target.name() + " " + ts);
            }
        }
        if (axes.isEmpty()) {
            return grad;
        }
        Value summed = g.reduceSum(node.name() + ".sum_to", grad, true, axes.stream().mapToLong(Long::longValue).toArray());
        if (lead == 0) {
            return summed;
        }
        long[] leading = new long[lead];
        for (int i = 0; i < lead; i++) {
            leading[i] = i;
        }
        return op("Squeeze", node, "squeeze", summed, ints(leading));
    }

    /** {@code grad} broadcast ({@code Expand}) to {@code target}'s shape, statically when known, else through {@code Shape(target)}. */
    Value expandTo(Value grad, Value target, Node node) {
        if (grad.shape().equals(target.shape())) {
            return grad;
        }
        Value shape = target.shape().isFullyKnown() ? ints(target.shape().dims())
                : op("Shape", node, "shape", target);
        return typed("Expand", node, "expand", target, Map.of(), grad, shape);
    }

    /** {@code grad} reshaped to {@code target}'s shape, statically when known, else through {@code Shape(target)}. */
    Value reshapeTo(Value grad, Value target, Node node) {
        if (grad.shape().equals(target.shape())) {
            return grad;
        }
        if (target.shape().isFullyKnown()) {
            return g.reshape(node.name() + ".reshape", grad, target.shape().dims());
        }
        return typed("Reshape", node, "reshape", target, Map.of(), grad, op("Shape", node, "shape", target));
    }

    /** Zeros shaped like {@code target} ({@code ConstantOfShape}), statically when known, else through {@code Shape(target)}. */
    Value zerosLike(Value target, Node node) {
        return zerosLike(target, node.name());
    }

    /** {@link #zerosLike(Value, Node)} with nodes named after {@code base}. */
    Value zerosLike(Value target, String base) {
        Value shape = target.shape().isFullyKnown() ? ints(target.shape().dims())
                : g.op("Shape", base + ".shape", List.of(target), Map.of());
        Map<String, Attribute> a = new LinkedHashMap<>();
        a.put("value", Attribute.of(Tensor.floats(new long[] {1}, new float[] {0f})));
        return g.opTyped("ConstantOfShape", base + ".zeros", List.of(shape), a, List.of(target)).get(0);
    }
}
