package org.lossbench.core.graph.grad;

import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.Value;

/**
 * {@code Conv(x, w, b)} with any strides, pads, dilations and groups (spatial rank 1 to 3):
 * <ul>
 *   <li>{@code dx} by {@link ConvAdjoints#inputGradUnitStride} (a convolution with the kernel or, where the
 *       kernel is the larger, the data reversed) for unit strides and {@link ConvAdjoints#inputGradStrided}
 *       (transposed convolution) otherwise;</li>
 *   <li>{@code dw} by {@link RowGemmWeightGrad} (GEMMs over shifted rows) where it {@link RowGemmWeightGrad#applies
 *       applies}, otherwise {@link ConvAdjoints#weightGrad} (a convolution with batch and channel axes swapped);</li>
 *   <li>{@code db} by {@link ConvAdjoints#biasGrad}.</li>
 * </ul>
 * The spatial sizes and channel count must be static.
 */
final class ConvGrad implements GradRule {
    @Override
    public Value[] backward(GradContext ctx, Node node, Value[] outGrads, boolean[] needs) {
        Value g = outGrads[0];
        Value x = ctx.in(node, 0);
        Value w = ctx.in(node, 1);
        ConvGeometry geo = ConvGeometry.of(node, w);
        Value[] r = new Value[node.inputs().size()];
        if (needs[0]) {
            r[0] = geo.unitStrides() ? ConvAdjoints.inputGradUnitStride(ctx, node, g, w, geo, x)
                    : ConvAdjoints.inputGradStrided(ctx, node, g, w, geo, x);
        }
        if (needs[1]) {
            r[1] = RowGemmWeightGrad.applies(ctx, node, x, g, geo) ? RowGemmWeightGrad.build(ctx, node, x, g, geo)
                    : ConvAdjoints.weightGrad(ctx, node, x, g, geo);
        }
        if (r.length > 2 && needs[2]) {
            r[2] = ConvAdjoints.biasGrad(ctx, node, g);
        }
        return r;
    }
}
