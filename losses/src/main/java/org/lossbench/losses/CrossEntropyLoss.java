package org.lossbench.losses;

import java.util.List;
import org.lossbench.core.graph.Value;
import org.lossbench.losses.graph.LossGraphContext;
import org.lossbench.losses.spec.LossParams;
import org.lossbench.losses.spec.ParamDef;

/**
 * Cross-entropy, optionally class-weighted, as PyTorch's {@code nn.CrossEntropyLoss} that MONAI's
 * {@code DiceCELoss} uses.
 *
 * <p>Formula: {@code CE = sum_x w_{y(x)} (-ln p_{y(x)}(x)) / sum_x w_{y(x)}}, where {@code y(x)} is the
 * label of voxel x, {@code p = softmax(logits)} over the class axis (computed as log-softmax) and
 * {@code w} the class weights (all 1 when {@code weight} is not given, which makes it the plain mean
 * over all N*D*H*W voxels). Activation: softmax. Background: included (it is a class like any other).
 * Reduction: weighted mean over the voxels of the whole batch. Smoothing: none.
 *
 * <p>Parameters: {@code weight=[w0,...,w(K-1)]}, positive, one per class, background first.
 */
public final class CrossEntropyLoss implements Loss {
    static final List<ParamDef> PARAMS = List.of(
            ParamDef.numbers("weight", 0, Double.MAX_VALUE, true, "class weights, one per class, background first (default: none)"));

    private final LossParams params;

    public CrossEntropyLoss(LossParams params) {
        this.params = params;
    }

    @Override
    public LossKind kind() {
        return LossKind.CE;
    }

    @Override
    public LossParams params() {
        return params;
    }

    @Override
    public double reference(LossInput in) {
        List<Double> w = params.has("weight") ? PerClass.list(params, "weight", in.k()) : null;
        double num = 0;
        double den = 0;
        for (int b = 0; b < in.n(); b++) {
            for (int v = 0; v < in.voxels(); v++) {
                int y = in.label(b, v);
                double wy = w == null ? 1 : w.get(y);
                num += wy * in.nll(b, v);
                den += wy;
            }
        }
        return num / den;
    }

    @Override
    public Value emit(LossGraphContext ctx) {
        Value nll = ctx.nll();
        if (!params.has("weight")) {
            return ctx.mean("ce", nll);
        }
        Value w = ctx.perClass("ce_weight", PerClass.list(params, "weight", ctx.k()));
        Value vw = ctx.sumClasses("ce_voxel_weight", ctx.mul("ce_w_onehot", ctx.oneHot(), w));
        return ctx.div("ce", ctx.sumAll("ce_num", ctx.mul("ce_wnll", vw, nll)), ctx.sumAll("ce_den", vw));
    }

}
