package org.lossbench.losses;

import java.util.List;
import org.lossbench.core.graph.Value;
import org.lossbench.losses.graph.LossGraphContext;
import org.lossbench.losses.spec.LossParams;
import org.lossbench.losses.spec.ParamDef;

/**
 * The Dice loss of V-Net (Milletari, Navab and Ahmadi 2016, "V-Net: fully convolutional neural
 * networks for volumetric medical image segmentation", 3DV, eq. 1), with squared terms in the
 * denominator.
 *
 * <p>Formula: per sample n and foreground class c, {@code D = (2 sum_x p g + smooth_nr) / (sum_x p^2 +
 * sum_x g^2 + smooth_dr)} and the loss is the mean of {@code 1 - D} over samples and classes.
 * Activation: softmax over all K classes (V-Net has a two-channel softmax output). Background:
 * excluded by default (the paper's Dice is that of the foreground of a binary problem; for K > 2 each
 * foreground class is scored and averaged). Reduction: mean over samples and foreground classes.
 * Smoothing: the paper writes none; {@code smooth_nr = smooth_dr = 1e-5} as in MONAI's
 * {@code DiceLoss(squared_pred=True)}, which this equals with {@code include_background=False}, keeps
 * an absent class finite. The authors' released Caffe layer differs from the paper: it divides by
 * {@code sum p + sum g + 1e-5} (not squared) and has no numerator smoothing.
 */
public final class VNetDiceLoss implements Loss {
    static final List<ParamDef> PARAMS = List.of(
            ParamDef.bool("include_background", false, "whether class 0 takes part"),
            ParamDef.bool("batch", false, "sum over the whole batch before the ratio (else per sample)"),
            ParamDef.number("smooth_nr", 1e-5, 0, Double.MAX_VALUE, "added to the numerator"),
            ParamDef.positive("smooth_dr", 1e-5, Double.MAX_VALUE, "added to the denominator (> 0, so an absent class is not 0/0)"));

    private final LossParams params;

    public VNetDiceLoss(LossParams params) {
        this.params = params;
    }

    @Override
    public LossKind kind() {
        return LossKind.DICE_VNET;
    }

    @Override
    public LossParams params() {
        return params;
    }

    @Override
    public double reference(LossInput in) {
        return DiceTerms.reference(in, params.bool("include_background"), params.bool("batch"), true,
                params.number("smooth_nr"), params.number("smooth_dr"));
    }

    @Override
    public Value emit(LossGraphContext ctx) {
        return DiceTerms.emit(ctx, "dice_vnet", params.bool("include_background"), params.bool("batch"), true,
                params.number("smooth_nr"), params.number("smooth_dr"));
    }
}
