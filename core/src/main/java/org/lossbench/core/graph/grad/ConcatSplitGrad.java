package org.lossbench.core.graph.grad;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lossbench.core.graph.Attribute;
import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.Value;

/**
 * Concat and Split, each other's adjoint along one axis:
 * <ul>
 *   <li>{@code Concat}: {@code (dx_1, ..., dx_n) = Split(g, [size_1, ..., size_n], axis)}; the sizes along
 *       the axis must be static</li>
 *   <li>{@code Split}: {@code dx = Concat(g_1, ..., g_n, axis)}, with zeros for outputs that reach no loss</li>
 * </ul>
 */
final class ConcatSplitGrad implements GradRule {
    @Override
    public Value[] backward(GradContext ctx, Node node, Value[] outGrads, boolean[] needs) {
        Value[] r = new Value[node.inputs().size()];
        if (node.opType().equals("Concat")) {
            Value y = ctx.out(node, 0);
            int axis = y.shape().axis((int) node.intAttr("axis", 0));
            long[] sizes = new long[node.inputs().size()];
            for (int i = 0; i < sizes.length; i++) {
                Value part = ctx.in(node, i);
                if (!part.shape().isKnown(axis)) {
                    throw GradContext.symbolic(part, node);
                }
                sizes[i] = part.shape().dim(axis);
            }
            List<Value> parts = ctx.graph().opMulti("Split", node.name() + ".dx", List.of(outGrads[0], ctx.ints(sizes)),
                    Map.of("axis", Attribute.of(axis)), sizes.length);
            for (int i = 0; i < sizes.length; i++) {
                r[i] = needs[i] ? parts.get(i) : null;
            }
        } else {
            Value x = ctx.in(node, 0);
            int axis = x.shape().axis((int) node.intAttr("axis", 0));
            List<Value> parts = new ArrayList<>();
            for (int i = 0; i < outGrads.length; i++) {
                parts.add(outGrads[i] != null ? outGrads[i] : ctx.zerosLike(ctx.out(node, i), node));
            }
            r[0] = ctx.graph().concat(node.name() + ".dx", axis, parts);
        }
        return r;
    }
}
