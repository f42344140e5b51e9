package org.lossbench.core.graph.grad;

import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.Value;

/**
 * {@code Pow}, {@code y = a^b} with broadcasting:
 * {@code da = sum_to(g b a^(b-1), a)} and {@code db = sum_to(g y ln a, b)}. The exponent gradient is
 * NaN where {@code a <= 0}, as in PyTorch; an exponent below 1 has an infinite derivative at
 * {@code a = 0}, which the graph that uses it must avoid.
 */
final class PowGrad implements GradRule {
    @Override
    public Value[] backward(GradContext ctx, Node node, Value[] outGrads, boolean[] needs) {
        Value g = outGrads[0];
        Value a = ctx.in(node, 0);
        Value b = ctx.in(node, 1);
        Value[] r = new Value[2];
        if (needs[0]) {
            Value bMinus1 = ctx.op("Sub", node, "b_minus_1", b, ctx.scalar(1f));
            Value deriv = ctx.op("Mul", node, "b_pow", b, ctx.op("Pow", node, "pow_b_minus_1", a, bMinus1));
            r[0] = ctx.sumTo(ctx.op("Mul", node, "da_full", g, deriv), a, node);
        }
        if (needs[1]) {
            Value gy = ctx.op("Mul", node, "g_y", g, ctx.out(node, 0));
            r[1] = ctx.sumTo(ctx.op("Mul", node, "db_full", gy, ctx.op("Log", node, "log_a", a)), b, node);
        }
        return r;
    }
}
