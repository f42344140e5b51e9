package org.lossbench.core.graph.grad;

import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.Value;

/**
 * Broadcasting arithmetic, {@code y = a op b}, and negation; {@code g = dL/dy}, and
 * {@code sum_to(t, a)} sums {@code t} over the axes along which {@code a} was broadcast
 * ({@link GradContext#sumTo}):
 * <ul>
 *   <li>{@code Add}: {@code da = sum_to(g, a)}, {@code db = sum_to(g, b)}</li>
 *   <li>{@code Sub}: {@code da = sum_to(g, a)}, {@code db = sum_to(-g, b)}</li>
 *   <li>{@code Mul}: {@code da = sum_to(g b, a)}, {@code db = sum_to(g a, b)}</li>
 *   <li>{@code Div}: {@code da = sum_to(g / b, a)}, {@code db = sum_to(-(g / b) y, b)} (as {@code -g a / b^2 = -(g/b)(a/b)})</li>
 *   <li>{@code Neg}: {@code dx = -g}</li>
 * </ul>
 */
final class ArithmeticGrad implements GradRule {
    @Override
    public Value[] backward(GradContext ctx, Node node, Value[] outGrads, boolean[] needs) {
        Value g = outGrads[0];
        Value[] r = new Value[node.inputs().size()];
        if (node.opType().equals("Neg")) {
            r[0] = ctx.op("Neg", node, "dx", g);
            return r;
        }
        Value a = ctx.in(node, 0);
        Value b = ctx.in(node, 1);
        switch (node.opType()) {
            case "Add" -> {
                r[0] = needs[0] ? ctx.sumTo(g, a, node) : null;
                r[1] = needs[1] ? ctx.sumTo(g, b, node) : null;
            }
            case "Sub" -> {
                r[0] = needs[0] ? ctx.sumTo(g, a, node) : null;
                r[1] = needs[1] ? ctx.sumTo(ctx.op("Neg", node, "neg_g", g), b, node) : null;
            }
            case "Mul" -> {
                r[0] = needs[0] ? ctx.sumTo(ctx.op("Mul", node, "g_b", g, b), a, node) : null;
                r[1] = needs[1] ? ctx.sumTo(ctx.op("Mul", node, "g_a", g, a), b, node) : null;
            }
            case "Div" -> {
                Value gOverB = ctx.op("Div", node, "g_over_b", g, b);
                r[0] = needs[0] ? ctx.sumTo(gOverB, a, node) : null;
                if (needs[1]) {
                    Value t = ctx.op("Mul", node, "g_over_b_y", gOverB, ctx.out(node, 0));
                    r[1] = ctx.sumTo(ctx.op("Neg", node, "db_full", t), b, node);
                }
            }
            default -> throw new IllegalStateException("ArithmeticGrad has no rule for " + node.opType());
        }
        return r;
    }
}
