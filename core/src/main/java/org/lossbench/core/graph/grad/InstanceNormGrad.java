package org.lossbench.core.graph.grad;

import java.util.Arrays;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.Value;

/**
 * {@code InstanceNormalization} over the spatial axes {@code A} of {@code x [N, C, ...]}, per sample
 * and channel: {@code y = gamma xhat + beta}, {@code xhat = (x - mu) r}, {@code r = 1 / sqrt(var + eps)},
 * with {@code mu} and the biased {@code var} the means over {@code A} (Ulyanov et al. 2016). With
 * {@code mean} over {@code A} (keepdims):
 * <ul>
 *   <li>{@code dx = gamma r (g - mean(g) - xhat mean(g xhat))} (Ioffe and Szegedy 2015, eq. after
 *       Algorithm 1, per instance instead of per batch)</li>
 *   <li>{@code dgamma = sum over N and A of g xhat}</li>
 *   <li>{@code dbeta = sum over N and A of g}</li>
 * </ul>
 * {@code mu}, {@code r} and {@code xhat} are recomputed from {@code x} in the backward graph.
 */
final class InstanceNormGrad implements GradRule {
    @Override
    public Value[] backward(GradContext ctx, Node node, Value[] outGrads, boolean[] needs) {
        Graph graph = ctx.graph();
        Value g = outGrads[0];
        Value x = ctx.in(node, 0);
        Value gamma = ctx.in(node, 1);
        int rank = x.rank();
        long[] spatial = new long[rank - 2];
        long[] batchSpatial = new long[rank - 1];
        batchSpatial[0] = 0;
        for (int i = 2; i < rank; i++) {
            spatial[i - 2] = i;
            batchSpatial[i - 1] = i;
        }
        Value mu = graph.reduceMean(node.name() + ".mu", x, true, spatial);
        Value centred = ctx.op("Sub", node, "centred", x, mu);
        Value var = graph.reduceMean(node.name() + ".var", ctx.op("Mul", node, "sq", centred, centred), true, spatial);
        Value std = ctx.op("Sqrt", node, "std",
                ctx.op("Add", node, "var_eps", var, ctx.scalar(node.floatAttr("epsilon", 1e-5f))));
        Value r = ctx.op("Reciprocal", node, "rstd", std);
        Value xhat = ctx.op("Mul", node, "xhat", centred, r);
        Value gXhat = ctx.op("Mul", node, "g_xhat", g, xhat);
        Value[] out = new Value[3];
        if (needs[0]) {
            long[] channelShape = new long[rank - 1];
            Arrays.fill(channelShape, 1);
            channelShape[0] = gamma.shape().dim(0);
            Value gammaB = graph.reshape(node.name() + ".gamma_b", gamma, channelShape);
            Value meanG = graph.reduceMean(node.name() + ".mean_g", g, true, spatial);
            Value meanGX = graph.reduceMean(node.name() + ".mean_g_xhat", gXhat, true, spatial);
            Value inner = ctx.op("Sub", node, "inner",
                    ctx.op("Sub", node, "g_centred", g, meanG), ctx.op("Mul", node, "xhat_mean", xhat, meanGX));
            out[0] = ctx.op("Mul", node, "dx", ctx.op("Mul", node, "gamma_r", gammaB, r), inner);
        }
        if (needs[1]) {
            out[1] = graph.reduceSum(node.name() + ".dscale", gXhat, false, batchSpatial);
        }
        if (needs[2]) {
            out[2] = graph.reduceSum(node.name() + ".dbias", g, false, batchSpatial);
        }
        return out;
    }
}
