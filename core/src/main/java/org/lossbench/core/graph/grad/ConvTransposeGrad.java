package org.lossbench.core.graph.grad;

import java.util.Arrays;
import org.lossbench.core.graph.ConvSpec;
import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.Value;

/**
 * {@code ConvTranspose(x, w, b)}, the adjoint of {@code Conv} with the same weight {@code [C_in, C_out/G, k...]}
 * and geometry: {@code y[n, co, i s + k d - p] += x[n, ci, i] w[ci, co, k]}. Hence
 * <ul>
 *   <li>{@code dx = Conv(g, w)} with the forward strides, pads, dilations and group (output_padding only
 *       adds trailing outputs that the floor of the Conv size formula drops)</li>
 *   <li>{@code dw = } {@link ConvAdjoints#weightGrad} with the roles swapped: {@code g} is the convolution
 *       input and {@code x} its output gradient</li>
 *   <li>{@code db = } {@link ConvAdjoints#biasGrad}</li>
 * </ul>
 */
final class ConvTransposeGrad implements GradRule {
    @Override
    public Value[] backward(GradContext ctx, Node node, Value[] outGrads, boolean[] needs) {
        Value g = outGrads[0];
        Value x = ctx.in(node, 0);
        Value w = ctx.in(node, 1);
        ConvGeometry geo = ConvGeometry.of(node, w);
        Value[] r = new Value[node.inputs().size()];
        if (needs[0]) {
            ConvSpec spec = new ConvSpec(geo.strides(), geo.pads(), geo.dilations(), geo.group(),
                    ConvAdjoints.filled(geo.spatialRank(), 0));
            Value dx = ctx.graph().conv(node.name() + ".dx", g, w, null, spec);
            long[] want = ConvAdjoints.spatial(ctx, x, node);
            if (!Arrays.equals(ConvAdjoints.spatial(ctx, dx, node), want)) {
                throw new GradientException("ConvTranspose node '" + node.name() + "': output_padding "
                        + Arrays.toString(geo.outputPadding()) + " is not below the strides " + Arrays.toString(geo.strides())
                        + "; the gradient does not support it");
            }
            r[0] = dx;
        }
        if (needs[1]) {
            r[1] = ConvAdjoints.weightGrad(ctx, node, g, x, geo);
        }
        if (r.length > 2 && needs[2]) {
            r[2] = ConvAdjoints.biasGrad(ctx, node, g);
        }
        return r;
    }
}
