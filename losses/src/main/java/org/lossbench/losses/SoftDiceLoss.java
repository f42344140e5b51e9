package org.lossbench.losses;

import java.util.List;
import org.lossbench.core.graph.Value;
import org.lossbench.losses.graph.LossGraphContext;
import org.lossbench.losses.spec.LossParams;
import org.lossbench.losses.spec.ParamDef;

/**
 * Soft Dice loss in MONAI's form ({@code monai.losses.DiceLoss(softmax=True, to_onehot_y=True)}),
 * after Milletari et al. 2016 (V-Net, 3DV) and Drozdzal et al. 2016.
 *
 * <p>Formula: per sample n and class c, {@code f = 1 - (2 sum_x p g + smooth_nr) / (sum_x p + sum_x g + smooth_dr)},
 * with {@code p = softmax(logits)} over the class axis and {@code g} the one-hot labels;
 * {@code squared_pred=true} puts {@code sum p^2 + sum g^2} in the denominator. The loss is the mean of
 * {@code f} over samples and classes ({@code batch=false}, MONAI's default) or, with {@code batch=true},
 * the sums run over the whole batch and the mean is over the classes. Activation: softmax.
 * Background: included by default ({@code include_background=true}, as MONAI); when excluded, the
 * softmax is still over all K classes and channel 0 is then dropped. Smoothing: {@code smooth_nr =
 * smooth_dr = 1e-5} (MONAI's defaults), so that a class absent from both the labels and the prediction
 * scores a loss of 0 rather than 0/0.
 */
public final class SoftDiceLoss implements Loss {
    static final List<ParamDef> PARAMS = List.of(
            ParamDef.bool("include_background", true, "whether class 0 takes part"),
            ParamDef.bool("batch", false, "sum over the whole batch before the ratio (else per sample)"),
            ParamDef.bool("squared_pred", false, "sum p^2 + g^2 in the denominator"),
            ParamDef.number("smooth_nr", 1e-5, 0, Double.MAX_VALUE, "added to the numerator"),
            ParamDef.positive("smooth_dr", 1e-5, Double.MAX_VALUE, "added to the denominator (> 0, so an absent class is not 0/0)"));

    private final LossParams params;

    public SoftDiceLoss(LossParams params) {
        this.params = params;
    }

    @Override
    public LossKind kind() {
        return LossKind.DICE;
    }

    @Override
    public LossParams params() {
        return params;
    }

    @Override
    public double reference(LossInput in) {
        return DiceTerms.reference(in, params.bool("include_background"), params.bool("batch"), params.bool("squared_pred"),
                params.number("smooth_nr"), params.number("smooth_dr"));
    }

    @Override
    public Value emit(LossGraphContext ctx) {
        return DiceTerms.emit(ctx, "dice", params.bool("include_background"), params.bool("batch"), params.bool("squared_pred"),
                params.number("smooth_nr"), params.number("smooth_dr"));
    }
}
