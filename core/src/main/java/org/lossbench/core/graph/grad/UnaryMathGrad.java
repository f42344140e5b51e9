package org.lossbench.core.graph.grad;

import java.util.Map;
import org.lossbench.core.graph.Attribute;
import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.Value;

/**
 * Elementwise functions, {@code y = f(x)}, {@code dx = g f'(x)}:
 * <ul>
 *   <li>{@code Exp}: {@code g y}</li>
 *   <li>{@code Log}: {@code g / x}</li>
 *   <li>{@code Sqrt}: {@code g / (2 y)}</li>
 *   <li>{@code Abs}: {@code g sign(x)} (0 at {@code x = 0}, as PyTorch)</li>
 *   <li>{@code Tanh}: {@code g (1 - y^2)}</li>
 *   <li>{@code Reciprocal}: {@code -g y^2}</li>
 *   <li>{@code Sigmoid}: {@code g y (1 - y)}</li>
 *   <li>{@code Identity}: {@code g}</li>
 *   <li>{@code Cast} between float types: {@code Cast(g)} back to the input type</li>
 * </ul>
 */
final class UnaryMathGrad implements GradRule {
    @Override
    public Value[] backward(GradContext ctx, Node node, Value[] outGrads, boolean[] needs) {
        Value g = outGrads[0];
        Value x = ctx.in(node, 0);
        Value y = ctx.out(node, 0);
        Value dx = switch (node.opType()) {
            case "Exp" -> ctx.op("Mul", node, "dx", g, y);
            case "Log" -> ctx.op("Div", node, "dx", g, x);
            case "Sqrt" -> ctx.op("Div", node, "dx", g, ctx.op("Mul", node, "two_y", y, ctx.scalar(2f)));
            case "Abs" -> ctx.op("Mul", node, "dx", g, ctx.op("Sign", node, "sign", x));
            case "Tanh" -> ctx.op("Mul", node, "dx", g,
                    ctx.op("Sub", node, "one_minus_y2", ctx.scalar(1f), ctx.op("Mul", node, "y2", y, y)));
            case "Reciprocal" -> ctx.op("Neg", node, "dx", ctx.op("Mul", node, "g_y2", g, ctx.op("Mul", node, "y2", y, y)));
            case "Sigmoid" -> ctx.op("Mul", node, "dx", g,
                    ctx.op("Mul", node, "y_1my", y, ctx.op("Sub", node, "one_minus_y", ctx.scalar(1f), y)));
            case "Identity" -> g;
            case "Cast" -> ctx.typed("Cast", node, "dx", x,
                    Map.of("to", Attribute.of((long) x.dtype().onnxCode())), g);
            default -> throw new IllegalStateException("UnaryMathGrad has no rule for " + node.opType());
        };
        return new Value[] {dx};
    }
}
