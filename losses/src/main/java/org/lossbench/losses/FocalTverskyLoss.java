package org.lossbench.losses;

import java.util.List;
import org.lossbench.core.graph.Value;
import org.lossbench.losses.graph.LossGraphContext;
import org.lossbench.losses.spec.LossParams;
import org.lossbench.losses.spec.ParamDef;

/**
 * Focal Tversky loss (Abraham and Khan 2019, "A novel focal Tversky loss function with improved
 * attention U-Net for lesion segmentation", ISBI). MONAI has no focal Tversky loss; defaults follow
 * the paper.
 *
 * <p>Formula: {@code FTL = mean_c (1 - TI_c)^(1/gamma)} with the Tversky index
 * {@code TI_c = (TP + smooth) / (TP + alpha FP + beta FN + smooth)} per sample and class ({@code batch=true}:
 * per class over the batch), TP, FP, FN as in {@link TverskyLoss} (alpha on false positives, beta on
 * false negatives, the same naming as {@code tversky}). Paper defaults: the false negatives weigh 0.7
 * and the false positives 0.3 ({@code beta = 0.7}, {@code alpha = 0.3} here; the paper calls the FN
 * weight alpha), {@code gamma = 4/3} (exponent 0.75), smoothing 1 (the authors' code) in numerator and
 * denominator. Activation: softmax. Background: included by default. Reduction: the mean over samples
 * and classes; the paper sums over classes, which is K times larger and otherwise equal, and the mean
 * keeps the scale of {@code tversky} and comparable across K. The base {@code 1 - TI} is clamped at
 * {@link LossGraphContext#POW_FLOOR} so that the derivative of the power 0.75 stays finite at TI = 1.
 */
public final class FocalTverskyLoss implements Loss {
    static final List<ParamDef> PARAMS = List.of(
            ParamDef.number("alpha", 0.3, 0, 1e6, "weight of the false positives"),
            ParamDef.number("beta", 0.7, 0, 1e6, "weight of the false negatives"),
            ParamDef.positive("gamma", 4.0 / 3.0, 100, "focal parameter; the loss is (1 - TI)^(1/gamma)"),
            ParamDef.bool("include_background", true, "whether class 0 takes part"),
            ParamDef.bool("batch", false, "sum over the whole batch before the ratio (else per sample)"),
            ParamDef.positive("smooth", 1, Double.MAX_VALUE, "added to numerator and denominator of TI"));

    private final LossParams params;
    private final TverskyTerms terms;

    public FocalTverskyLoss(LossParams params) {
        this.params = params;
        this.terms = new TverskyTerms(params.number("alpha"), params.number("beta"), params.number("smooth"),
                params.number("smooth"), params.bool("include_background"), params.bool("batch"), 1 / params.number("gamma"));
    }

    @Override
    public LossKind kind() {
        return LossKind.FOCAL_TVERSKY;
    }

    @Override
    public LossParams params() {
        return params;
    }

    @Override
    public double reference(LossInput in) {
        return terms.reference(in);
    }

    @Override
    public Value emit(LossGraphContext ctx) {
        return terms.emit(ctx, "focal_tversky");
    }
}
