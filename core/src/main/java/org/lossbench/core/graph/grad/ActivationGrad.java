package org.lossbench.core.graph.grad;

import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.Value;

/**
 * Piecewise activations, {@code g = dL/dy}; at the kink {@code x = 0} the gradient of the left
 * piece is used, as in PyTorch:
 * <ul>
 *   <li>{@code Relu}: {@code dx = x > 0 ? g : 0}</li>
 *   <li>{@code LeakyRelu} (alpha, default 0.01): {@code dx = x > 0 ? g : alpha g}</li>
 *   <li>{@code Elu} (alpha, default 1; {@code y = alpha (e^x - 1)} for {@code x <= 0}):
 *       {@code dx = x > 0 ? g : g (y + alpha)}</li>
 *   <li>{@code PRelu} ({@code y = x < 0 ? s x : x}, slope {@code s} broadcast to x):
 *       {@code dx = x > 0 ? g : g s}, {@code ds = sum_to(x > 0 ? 0 : g x, s)}</li>
 * </ul>
 */
final class ActivationGrad implements GradRule {
    @Override
    public Value[] backward(GradContext ctx, Node node, Value[] outGrads, boolean[] needs) {
        Value g = outGrads[0];
        Value x = ctx.in(node, 0);
        Value[] r = new Value[node.inputs().size()];
        switch (node.opType()) {
            case "Relu" -> r[0] = ctx.where(node, "dx", positive(ctx, node, x), g, ctx.scalar(0f));
            case "LeakyRelu" -> {
                Value scaled = ctx.op("Mul", node, "alpha_g", g, ctx.scalar(node.floatAttr("alpha", 0.01f)));
                r[0] = ctx.where(node, "dx", positive(ctx, node, x), g, scaled);
            }
            case "Elu" -> {
                Value yPlusAlpha = ctx.op("Add", node, "y_alpha", ctx.out(node, 0), ctx.scalar(node.floatAttr("alpha", 1f)));
                r[0] = ctx.where(node, "dx", positive(ctx, node, x), g, ctx.op("Mul", node, "g_y_alpha", g, yPlusAlpha));
            }
            case "PRelu" -> {
                Value slope = ctx.in(node, 1);
                Value positive = positive(ctx, node, x);
                if (needs[0]) {
                    r[0] = ctx.where(node, "dx", positive, g, ctx.op("Mul", node, "g_s", g, slope));
                }
                if (needs[1]) {
                    Value gx = ctx.where(node, "ds_full", positive, ctx.scalar(0f), ctx.op("Mul", node, "g_x", g, x));
                    r[1] = ctx.sumTo(gx, slope, node);
                }
            }
            default -> throw new IllegalStateException("ActivationGrad has no rule for " + node.opType());
        }
        return r;
    }

    private static Value positive(GradContext ctx, Node node, Value x) {
        return ctx.op("Greater", node, "positive", x, ctx.scalar(0f));
    }
}
