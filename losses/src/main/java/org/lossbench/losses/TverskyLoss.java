package org.lossbench.losses;

import java.util.List;
import org.lossbench.core.graph.Value;
import org.lossbench.losses.graph.LossGraphContext;
import org.lossbench.losses.spec.LossParams;
import org.lossbench.losses.spec.ParamDef;

/**
 * Tversky loss (Salehi, Erdogmus and Gholipour 2017, "Tversky loss function for image segmentation
 * using 3D fully convolutional deep networks", MLMI), in MONAI's form ({@code monai.losses.TverskyLoss}).
 *
 * <p>Formula: per sample n and class c, {@code 1 - (TP + smooth_nr) / (TP + alpha FP + beta FN + smooth_dr)}
 * with {@code TP = sum_x p g}, {@code FP = sum_x p (1 - g)}, {@code FN = sum_x (1 - p) g}; the loss is the
 * mean over samples and classes ({@code batch=false}) or, with {@code batch=true}, the sums run over the
 * batch and the mean is over classes. {@code alpha} weights the false positives, {@code beta} the false
 * negatives (MONAI's naming; the paper's alpha = beta = 0.5 is the Dice loss, and it recommends
 * beta = 0.7 for small lesions). Activation: softmax over all K classes. Background: included by
 * default (MONAI). Smoothing: {@code smooth_nr = smooth_dr = 1e-5} (MONAI). Defaults {@code alpha =
 * beta = 0.5} (MONAI).
 */
public final class TverskyLoss implements Loss {
    static final List<ParamDef> PARAMS = List.of(
            ParamDef.number("alpha", 0.5, 0, 1e6, "weight of the false positives"),
            ParamDef.number("beta", 0.5, 0, 1e6, "weight of the false negatives"),
            ParamDef.bool("include_background", true, "whether class 0 takes part"),
            ParamDef.bool("batch", false, "sum over the whole batch before the ratio (else per sample)"),
            ParamDef.number("smooth_nr", 1e-5, 0, Double.MAX_VALUE, "added to the numerator"),
            ParamDef.positive("smooth_dr", 1e-5, Double.MAX_VALUE, "added to the denominator (> 0)"));

    private final LossParams params;
    private final TverskyTerms terms;

    public TverskyLoss(LossParams params) {
        this.params = params;
        this.terms = new TverskyTerms(params.number("alpha"), params.number("beta"), params.number("smooth_nr"),
                params.number("smooth_dr"), params.bool("include_background"), params.bool("batch"), 1);
    }

    @Override
    public LossKind kind() {
        return LossKind.TVERSKY;
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
        return terms.emit(ctx, "tversky");
    }
}
