package org.lossbench.core.graph.grad;

import java.util.Map;
import org.lossbench.core.graph.Attribute;
import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.Value;

/**
 * {@code TopK}, {@code (v, i) = topk(x, k, axis)}: each selected element receives the gradient of
 * its value, the others zero, {@code dx = ScatterElements(zeros_like(x), i, g_v, axis)} (the indices
 * of one selection are distinct, so no reduction is needed). The indices output has no gradient.
 * Works for a {@code k} computed at run time: the zeros take their shape from {@code x}.
 */
final class TopKGrad implements GradRule {
    @Override
    public Value[] backward(GradContext ctx, Node node, Value[] outGrads, boolean[] needs) {
        Value[] r = new Value[node.inputs().size()];
        if (outGrads[0] == null) {
            return r;
        }
        Value x = ctx.in(node, 0);
        Value zeros = ctx.zerosLike(x, node);
        long axis = node.intAttr("axis", -1);
        r[0] = ctx.typed("ScatterElements", node, "dx", x, Map.of("axis", Attribute.of(axis)),
                zeros, ctx.out(node, 1), outGrads[0]);
        return r;
    }
}
