package org.lossbench.core.graph.grad;

import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.Value;

/**
 * Softmax and LogSoftmax along one axis (opset 13 and later; default axis -1), with the sums
 * {@code S(t) = ReduceSum(t, axis, keepdims=1)}:
 * <ul>
 *   <li>{@code Softmax}, {@code y_i = e^{x_i} / sum_j e^{x_j}}: {@code dx = y (g - S(g y))}</li>
 *   <li>{@code LogSoftmax}, {@code y_i = x_i - ln sum_j e^{x_j}}: {@code dx = g - e^y S(g)}</li>
 * </ul>
 */
final class SoftmaxGrad implements GradRule {
    @Override
    public Value[] backward(GradContext ctx, Node node, Value[] outGrads, boolean[] needs) {
        Value g = outGrads[0];
        Value y = ctx.out(node, 0);
        long axis = node.intAttr("axis", -1);
        Value dx;
        if (node.opType().equals("Softmax")) {
            Value s = sum(ctx, node, ctx.op("Mul", node, "g_y", g, y), axis);
            dx = ctx.op("Mul", node, "dx", y, ctx.op("Sub", node, "g_minus_s", g, s));
        } else {
            Value p = ctx.op("Exp", node, "probs", y);
            dx = ctx.op("Sub", node, "dx", g, ctx.op("Mul", node, "p_s", p, sum(ctx, node, g, axis)));
        }
        return new Value[] {dx};
    }

    private static Value sum(GradContext ctx, Node node, Value t, long axis) {
        return ctx.graph().reduceSum(node.name() + ".sum", t, true, axis);
    }
}
