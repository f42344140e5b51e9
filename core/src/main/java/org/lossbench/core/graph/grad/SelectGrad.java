package org.lossbench.core.graph.grad;

import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.Value;

/**
 * Ops that pick one of their operands element by element; the picked operand receives {@code g},
 * the others zero (summed back over broadcast axes):
 * <ul>
 *   <li>{@code Where(c, a, b)}: {@code da = sum_to(c ? g : 0, a)}, {@code db = sum_to(c ? 0 : g, b)};
 *       the condition has no gradient</li>
 *   <li>{@code Max(x_1, ..., x_n)} and {@code Min}: {@code dx_i = sum_to(s_i ? g : 0, x_i)} where
 *       {@code s_i} selects the elements at which {@code x_i} is the first operand equal to the result:
 *       {@code s_i = (x_i == y) and not (x_1 == y or ... or x_{i-1} == y)}; a tie goes to the first operand
 *       (PyTorch splits a two-way tie in halves; ties have measure zero for float inputs). One operand
 *       is the identity.</li>
 *   <li>{@code Clip(x, lo, hi)}: {@code dx = lo <= x <= hi ? g : 0} (the bound itself passes the
 *       gradient, as PyTorch's clamp), {@code dlo = sum_to(x < lo ? g : 0, lo)},
 *       {@code dhi = sum_to(x > hi ? g : 0, hi)}</li>
 * </ul>
 */
final class SelectGrad implements GradRule {
    @Override
    public Value[] backward(GradContext ctx, Node node, Value[] outGrads, boolean[] needs) {
        Value g = outGrads[0];
        Value[] r = new Value[node.inputs().size()];
        switch (node.opType()) {
            case "Where" -> where(ctx, node, g, needs, r);
            case "Max", "Min" -> minMax(ctx, node, g, needs, r);
            case "Clip" -> clip(ctx, node, g, ctx.scalar(0f), needs, r);
            default -> throw new IllegalStateException("SelectGrad has no rule for " + node.opType());
        }
        return r;
    }

    private static void minMax(GradContext ctx, Node node, Value g, boolean[] needs, Value[] r) {
        if (r.length == 1) {
            r[0] = g;
            return;
        }
        Value y = ctx.out(node, 0);
        Value taken = null;
        for (int i = 0; i < r.length; i++) {
            Value equal = ctx.op("Equal", node, "is_" + i, ctx.in(node, i), y);
            if (needs[i]) {
                Value chosen = taken == null ? equal : ctx.op("And", node, "first_" + i, equal, ctx.op("Not", node, "free_" + i, taken));
                r[i] = ctx.sumTo(ctx.where(node, "d" + i, chosen, g, ctx.scalar(0f)), ctx.in(node, i), node);
            }
            if (i < r.length - 1) {
                taken = taken == null ? equal : ctx.op("Or", node, "taken_" + i, taken, equal);
            }
        }
    }

    /** {@code Where(c, a, b)}: {@code a} gets {@code c ? g : 0}, {@code b} gets {@code c ? 0 : g}. */
    private static void where(GradContext ctx, Node node, Value g, boolean[] needs, Value[] r) {
        Value cond = ctx.in(node, 0);
        Value zero = ctx.scalar(0f);
        if (needs[1]) {
            r[1] = ctx.sumTo(ctx.where(node, "da", cond, g, zero), ctx.in(node, 1), node);
        }
        if (needs[2]) {
            r[2] = ctx.sumTo(ctx.where(node, "db", cond, zero, g), ctx.in(node, 2), node);
        }
    }

    private static void clip(GradContext ctx, Node node, Value g, Value zero, boolean[] needs, Value[] r) {
        Value x = ctx.in(node, 0);
        Value lo = ctx.in(node, 1);
        Value hi = ctx.in(node, 2);
        if (needs[0]) {
            Value inside = null;
            if (lo != null) {
                inside = ctx.op("GreaterOrEqual", node, "above_lo", x, lo);
            }
            if (hi != null) {
                Value belowHi = ctx.op("LessOrEqual", node, "below_hi", x, hi);
                inside = inside == null ? belowHi : ctx.op("And", node, "inside", inside, belowHi);
            }
            r[0] = inside == null ? g : ctx.where(node, "dx", inside, g, zero);
        }
        if (lo != null && needs[1]) {
            r[1] = ctx.sumTo(ctx.where(node, "dlo", ctx.op("Less", node, "under", x, lo), g, zero), lo, node);
        }
        if (hi != null && needs.length > 2 && needs[2]) {
            r[2] = ctx.sumTo(ctx.where(node, "dhi", ctx.op("Greater", node, "over", x, hi), g, zero), hi, node);
        }
    }
}
