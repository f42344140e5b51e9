package org.lossbench.losses;

import java.util.Collections;
import java.util.List;
import org.lossbench.core.graph.Value;
import org.lossbench.losses.graph.LossGraphContext;
import org.lossbench.losses.spec.LossParams;
import org.lossbench.losses.spec.ParamDef;

/**
 * Focal loss (Lin et al. 2017, "Focal loss for dense object detection", ICCV), in MONAI's form
 * ({@code monai.losses.FocalLoss(to_onehot_y=True)}), softmax or sigmoid.
 *
 * <p>Formula, {@code activation=softmax} (Lin's multi-class form, MONAI {@code use_softmax=True}): per
 * sample, class c and voxel x, {@code FL = -alpha_c (1 - p_c)^gamma g_c ln p_c}, with
 * {@code ln p = log_softmax(logits)} over all K classes. {@code activation=sigmoid} (Lin's original,
 * MONAI's default) treats each class channel as an independent binary problem with
 * {@code p = sigmoid(z)}: {@code FL = -a_t (1 - p_t)^gamma ln p_t}, {@code p_t = p} where {@code g = 1}
 * and {@code 1 - p} where {@code g = 0}, {@code a_t = alpha_c} or {@code 1 - alpha_c} likewise; it is
 * computed stably as {@code exp(gamma logsigmoid(-z (2g - 1))) * (z - z g - logsigmoid(z))}.
 * Reduction: the mean over all {@code N * C * D * H * W} elements (MONAI's {@code reduction="mean"},
 * which divides by the number of classes too). Background: included by default; when excluded the
 * softmax is still taken over all K classes before channel 0 is dropped (MONAI instead re-normalises
 * the softmax over the foreground channels and ignores alpha). Smoothing: none; the base
 * {@code 1 - p_c} is clamped at {@link LossGraphContext#POW_FLOOR}, which changes nothing for
 * {@code gamma >= 1} and keeps the derivative finite for {@code gamma < 1}.
 *
 * <p>Defaults: {@code gamma = 2} (Lin, MONAI), no alpha (MONAI). {@code alpha=0.25} (a number) gives
 * {@code 1 - alpha} to the background and {@code alpha} to the other classes, as MONAI; a list
 * {@code alpha=[a0,...,a(K-1)]} gives each class its own factor (with sigmoid: {@code a_c} for positives,
 * {@code 1 - a_c} for negatives). Activation defaults to softmax, because the labels are mutually
 * exclusive classes (MONAI's own default is sigmoid; ask for it with {@code activation=sigmoid}).
 */
public final class FocalLoss implements Loss {
    static final List<ParamDef> PARAMS = List.of(
            ParamDef.number("gamma", 2, 0, 100, "focusing exponent"),
            ParamDef.numberOrNumbers("alpha", 0, 1, "class balance: a number (1-alpha background, alpha others) or one per class (default: none)"),
            ParamDef.choice("activation", "softmax", List.of("softmax", "sigmoid"), "softmax over classes or per-channel sigmoid"),
            ParamDef.bool("include_background", true, "whether class 0 takes part"));

    private final LossParams params;

    public FocalLoss(LossParams params) {
        this.params = params;
    }

    @Override
    public LossKind kind() {
        return LossKind.FOCAL;
    }

    @Override
    public LossParams params() {
        return params;
    }

    private boolean sigmoid() {
        return params.choice("activation").equals("sigmoid");
    }

    /** The alpha of every class (null without alpha). */
    private List<Double> alphas(int k) {
        if (!params.has("alpha")) {
            return null;
        }
        return sigmoid() && !params.isList("alpha")
                ? Collections.nCopies(k, params.number("alpha"))
                : PerClass.alpha(params, k);
    }

    @Override
    public double reference(LossInput in) {
        double gamma = params.number("gamma");
        int first = params.bool("include_background") ? 0 : 1;
        List<Double> alpha = alphas(in.k());
        double[] lp = in.logSoftmax();
        float[] z = in.logits();
        double total = 0;
        for (int b = 0; b < in.n(); b++) {
            for (int c = first; c < in.k(); c++) {
                for (int v = 0; v < in.voxels(); v++) {
                    int i = in.index(b, c, v);
                    double g = in.label(b, v) == c ? 1 : 0;
                    double fl;
                    if (sigmoid()) {
                        double bce = z[i] - z[i] * g - logSigmoid(z[i]);
                        fl = Math.exp(gamma * logSigmoid(-z[i] * (2 * g - 1))) * bce;
                        if (alpha != null) {
                            fl *= g * alpha.get(c) + (1 - g) * (1 - alpha.get(c));
                        }
                    } else {
                        double base = Math.max(1 - Math.exp(lp[i]), LossGraphContext.POW_FLOOR);
                        fl = -Math.pow(base, gamma) * lp[i] * g;
                        if (alpha != null) {
                            fl *= alpha.get(c);
                        }
                    }
                    total += fl;
                }
            }
        }
        return total / ((double) in.n() * (in.k() - first) * in.voxels());
    }

    /** {@code ln sigmoid(z) = min(z, 0) - ln(1 + exp(-|z|))}, finite for any finite z. */
    static double logSigmoid(double z) {
        return Math.min(z, 0) - Math.log1p(Math.exp(-Math.abs(z)));
    }

    @Override
    public Value emit(LossGraphContext ctx) {
        boolean bg = params.bool("include_background");
        double gamma = params.number("gamma");
        List<Double> alpha = alphas(ctx.k());
        Value gt = ctx.channels(ctx.oneHot(), bg);
        Value el;
        if (sigmoid()) {
            Value z = ctx.channels(ctx.logits(), bg);
            Value bce = ctx.sub("focal_bce", ctx.sub("focal_z_zg", z, ctx.mul("focal_zg", z, gt)), logSigmoid(ctx, "focal_ls", z));
            Value sign = ctx.rsub("focal_sign", 1, ctx.scale("focal_2g", gt, 2));
            Value inv = logSigmoid(ctx, "focal_lsinv", ctx.mul("focal_zsign", z, sign));
            el = ctx.mul("focal_el", ctx.exp("focal_mod", ctx.scale("focal_ginv", inv, gamma)), bce);
            if (alpha != null) {
                Value a = ctx.perClass("focal_alpha", PerClass.from(alpha, bg ? 0 : 1));
                Value at = ctx.add("focal_at", ctx.mul("focal_ga", gt, a),
                        ctx.mul("focal_1g1a", ctx.rsub("focal_1g", 1, gt), ctx.rsub("focal_1a", 1, a)));
                el = ctx.mul("focal_el_a", at, el);
            }
        } else {
            Value lp = ctx.channels(ctx.logProbs(), bg);
            Value mod = ctx.safePow("focal_mod", ctx.rsub("focal_1p", 1, ctx.exp("focal_p", lp)), gamma);
            el = ctx.neg("focal_el", ctx.mul("focal_mod_lpg", mod, ctx.mul("focal_lpg", lp, gt)));
            if (alpha != null) {
                el = ctx.mul("focal_el_a", ctx.perClass("focal_alpha", PerClass.from(alpha, bg ? 0 : 1)), el);
            }
        }
        return ctx.mean("focal", el);
    }

    /** {@code min(z, 0) - ln(1 + exp(-|z|))}. */
    private static Value logSigmoid(LossGraphContext ctx, String name, Value z) {
        Value neg = ctx.min(name + "_min", z, ctx.scalar(name + "_zero", 0));
        Value soft = ctx.log(name + "_log", ctx.plus(name + "_1e", ctx.exp(name + "_e", ctx.neg(name + "_na", ctx.abs(name + "_abs", z))), 1));
        return ctx.sub(name, neg, soft);
    }
}
