package org.lossbench.core.graph.grad;

import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.Value;

/**
 * Ops that only rearrange elements:
 * <ul>
 *   <li>{@code Reshape}, {@code Flatten}, {@code Squeeze}, {@code Unsqueeze}: {@code dx = reshape(g, shape(x))}</li>
 *   <li>{@code Transpose} with permutation {@code p} (default: reversed axes): {@code dx = transpose(g, p^-1)}</li>
 * </ul>
 */
final class ShapeOpGrad implements GradRule {
    @Override
    public Value[] backward(GradContext ctx, Node node, Value[] outGrads, boolean[] needs) {
        Value g = outGrads[0];
        Value x = ctx.in(node, 0);
        Value[] r = new Value[node.inputs().size()];
        if (node.opType().equals("Transpose")) {
            int rank = x.rank();
            long[] perm = node.intsAttr("perm");
            long[] inverse = new long[rank];
            for (int i = 0; i < rank; i++) {
                int p = perm == null ? rank - 1 - i : (int) perm[i];
                inverse[p] = i;
            }
            r[0] = ctx.graph().transpose(node.name() + ".dx", g, inverse);
        } else {
            r[0] = ctx.reshapeTo(g, x, node);
        }
        return r;
    }
}
