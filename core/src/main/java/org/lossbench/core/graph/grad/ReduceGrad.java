package org.lossbench.core.graph.grad;

import java.util.Arrays;
import java.util.Map;
import org.lossbench.core.graph.Attribute;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Value;

/**
 * Sum and mean reductions over a set of axes {@code A} (all axes when none are given):
 * <ul>
 *   <li>{@code ReduceSum}: {@code dx = expand(g, shape(x))}, each input element receives the
 *       gradient of the sum it went into</li>
 *   <li>{@code ReduceMean}: {@code dx = expand(g, shape(x)) / n}, {@code n = prod_{a in A} x.shape[a]}</li>
 * </ul>
 * With {@code keepdims=0}, {@code g} is first {@code Unsqueeze}d at {@code A}. {@code ReduceSum}'s axes
 * must be a constant input (opset 13+); {@code noop_with_empty_axes=1} with no axes is the identity.
 * When the reduced sizes are unknown at build time (the top-k selection feeds a run-time-sized
 * vector), the expansion uses {@code Shape(x)} and {@code n = Size(x) / Size(y)}.
 */
final class ReduceGrad implements GradRule {
    @Override
    public Value[] backward(GradContext ctx, Node node, Value[] outGrads, boolean[] needs) {
        Value g = outGrads[0];
        Value x = ctx.in(node, 0);
        Value[] r = new Value[node.inputs().size()];
        boolean sum = node.opType().equals("ReduceSum");
        long[] axes;
        if (sum) {
            axes = node.input(1).isEmpty() ? new long[0] : ctx.requireConstantInts(node, 1, "the reduced axes");
            if (axes.length == 0 && node.intAttr("noop_with_empty_axes", 0) == 1) {
                r[0] = g;
                return r;
            }
        } else {
            axes = node.intsAttr("axes") == null ? new long[0] : node.intsAttr("axes");
        }
        int[] reduced = normalise(axes, x.shape());
        Value kept = g;
        if (node.intAttr("keepdims", 1) == 0 && reduced.length > 0) {
            long[] ax = Arrays.stream(reduced).asLongStream().toArray();
            kept = ctx.op("Unsqueeze", node, "keep", g, ctx.ints(ax));
        }
        Value dx = ctx.expandTo(kept, x, node);
        if (!sum) {
            dx = ctx.op("Mul", node, "dx", dx, inverseCount(ctx, node, x, reduced));
        }
        r[0] = dx;
        return r;
    }

    private static int[] normalise(long[] axes, Shape x) {
        if (axes.length == 0) {
            int[] all = new int[x.rank()];
            Arrays.setAll(all, i -> i);
            return all;
        }
        return Arrays.stream(axes).mapToInt(a -> x.axis((int) a)).sorted().toArray();
    }

    /** {@code 1 / n} as a constant when the reduced sizes are known, else {@code Size(y) / Size(x)} at run time. */
    private static Value inverseCount(GradContext ctx, Node node, Value x, int[] reduced) {
        long n = 1;
        for (int a : reduced) {
            if (!x.shape().isKnown(a)) {
                return ctx.op("Div", node, "inv_count", floatSize(ctx, node, ctx.out(node, 0), "y"), floatSize(ctx, node, x, "x"));
            }
            n *= x.shape().dim(a);
        }
        return ctx.scalar((float) (1.0 / n));
    }

    private static Value floatSize(GradContext ctx, Node node, Value v, String which) {
        Value size = ctx.typed("Size", node, "size_" + which, DType.INT64, Shape.scalar(), Map.of(), v);
        return ctx.op("Cast", node, "size_" + which + "_f", Map.of("to", Attribute.of((long) DType.FLOAT.onnxCode())), size);
    }
}
