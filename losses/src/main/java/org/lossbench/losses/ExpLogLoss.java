package org.lossbench.losses;

import java.util.List;
import java.util.Map;
import org.lossbench.core.graph.Value;
import org.lossbench.losses.graph.LossGraphContext;
import org.lossbench.losses.spec.LossParams;
import org.lossbench.losses.spec.ParamDef;

/**
 * Exponential logarithmic loss (Wong, Moradi, Tang and Syeda-Mahmood 2018, "3D segmentation with
 * exponential logarithmic loss for highly unbalanced object sizes", MICCAI, eqs. 1-4), the paper's
 * formula. MONAI has no such loss; defaults follow the paper.
 *
 * <p>Formula: {@code L = w_dice L_dice + w_ce L_ce} with
 * <ul>
 *   <li>{@code L_dice = E_i[(-ln Dice_i)^gamma_dice]}, {@code Dice_i = (2 sum_x g_i p_i + eps) /
 *       (sum_x (g_i + p_i) + eps)}, the mean over the labels i and the samples ({@code batch=true}: the
 *       sums over the whole batch, the mean over the labels);</li>
 *   <li>{@code L_ce = E_x[w_l (-ln p_l(x))^gamma_ce]}, l the label of voxel x, the mean over all
 *       voxels of the batch, with the label weights {@code w_l = ((sum_k f_k) / f_l)^0.5}, f_k the
 *       voxel count of label k in the batch (a label absent from the batch has no voxel, so its
 *       infinite weight is never used; the graph divides by {@code max(f_l, 1)} so that no infinity is formed).</li>
 * </ul>
 * Defaults (paper): {@code w_dice = 0.8}, {@code w_ce = 0.2}, {@code gamma_dice = gamma_ce = 0.3},
 * {@code eps = 1}. Activation: softmax ({@code ln p} from log-softmax). Background: included in both
 * terms by default (the paper averages over all labels); {@code include_background=false} drops it
 * from the Dice term only, since every voxel has a label in the cross-entropy term. Both bases of the
 * 0.3 powers are clamped at {@link LossGraphContext#POW_FLOOR} (a perfect prediction would otherwise
 * give an infinite derivative, and float rounding a tiny negative base); this adds at most
 * {@code 1e-30^0.3 = 1e-9} per term.
 *
 * <p>Precision: {@code x^0.3} has an unbounded slope at 0, so the tiny values of {@code -ln Dice_i}
 * (a nearly perfect class) and of {@code -ln p_l} (a confidently right voxel) must keep their relative
 * precision, which the naive forms lose to cancellation ({@code 1 - p} with p near 1). Both forms
 * therefore compute {@code -ln Dice_i = log1p((FP_i + FN_i) / (2 TP_i + eps))}, which is the same
 * number since {@code sum(g + p) = 2 TP + FP + FN}, with {@code FN} from {@code 1 - p_l = sum_{j != l} p_j},
 * and {@code -ln p_l} as {@link LossGraphContext#accurateNll()}.
 *
 * <p>How public implementations differ from the paper: several take the mean Dice over the classes
 * before the logarithm ({@code (-ln mean_i Dice_i)^gamma}) rather than the mean of the per-class
 * powers; several apply no exponent to the cross-entropy term ({@code w_l (-ln p_l)}), or replace the
 * label-frequency weights by none or by fixed class weights; some compute f_k over the training set
 * rather than the batch, and some use eps = 1e-5 or smoothing only in the denominator. Here the paper's
 * formula is implemented with f_k from the current batch (the only labels a loss sees).
 */
public final class ExpLogLoss implements Loss {
    static final List<ParamDef> PARAMS = List.of(
            ParamDef.number("w_dice", 0.8, 0, 1e6, "weight of the Dice term"),
            ParamDef.number("w_ce", 0.2, 0, 1e6, "weight of the cross-entropy term"),
            ParamDef.positive("gamma_dice", 0.3, 100, "exponent of -ln Dice"),
            ParamDef.positive("gamma_ce", 0.3, 100, "exponent of -ln p"),
            ParamDef.positive("epsilon", 1, Double.MAX_VALUE, "Dice smoothing (numerator and denominator)"),
            ParamDef.bool("include_background", true, "whether class 0 takes part in the Dice term"),
            ParamDef.bool("batch", false, "Dice sums over the whole batch (else per sample)"));

    private final LossParams params;

    public ExpLogLoss(LossParams params) {
        this.params = params;
    }

    @Override
    public LossKind kind() {
        return LossKind.EXP_LOG;
    }

    @Override
    public LossParams params() {
        return params;
    }

    @Override
    public double reference(LossInput in) {
        double eps = params.number("epsilon");
        ClassSums s = ClassSums.of(in, params.bool("batch"), params.bool("include_background"));
        double dice = 0;
        for (int r = 0; r < s.rows; r++) {
            for (int c = 0; c < s.classes; c++) {
                double negLogDice = Math.log1p(s.errors[r][c] / (2 * s.tp[r][c] + eps));
                dice += Math.pow(Math.max(negLogDice, LossGraphContext.POW_FLOOR), params.number("gamma_dice"));
            }
        }
        dice /= s.rows * s.classes;
        long[] counts = in.classCounts();
        double totalVoxels = (double) in.n() * in.voxels();
        double ce = 0;
        for (int b = 0; b < in.n(); b++) {
            for (int v = 0; v < in.voxels(); v++) {
                int l = in.label(b, v);
                double w = Math.sqrt(totalVoxels / counts[l]);
                ce += w * Math.pow(Math.max(in.nll(b, v), LossGraphContext.POW_FLOOR), params.number("gamma_ce"));
            }
        }
        ce /= totalVoxels;
        return params.number("w_dice") * dice + params.number("w_ce") * ce;
    }

    @Override
    public Value emit(LossGraphContext ctx) {
        boolean bg = params.bool("include_background");
        boolean batch = params.bool("batch");
        double eps = params.number("epsilon");
        Value p = ctx.channels(ctx.probs(), bg);
        Value gt = ctx.channels(ctx.oneHot(), bg);
        Value tp = ctx.classSums("explog_tp", ctx.mul("explog_pg", p, gt), batch);
        Value fp = ctx.mul("explog_fp_x", p, ctx.rsub("explog_1g", 1, gt));
        Value fn = ctx.mul("explog_fn_x", gt, ctx.labelComplement());
        Value errors = ctx.classSums("explog_errors", ctx.add("explog_err_x", fp, fn), batch);
        Value negLogDice = ctx.log1p("explog_neglog", ctx.div("explog_q", errors, ctx.plus("explog_den", ctx.scale("explog_2tp", tp, 2), eps)));
        Value lDice = ctx.mean("explog_dice", ctx.safePow("explog_dice_pow", negLogDice, params.number("gamma_dice")));

        Value oneHot = ctx.oneHot();
        Value counts = ctx.graph().reduceSum("explog_counts", oneHot, true, 0, 2, 3, 4);
        Value total = ctx.sumAll("explog_total", counts);
        Value safeCounts = ctx.graph().op("Max", "explog_counts_safe", List.of(counts, ctx.scalar("explog_one", 1)), Map.of());
        Value w = ctx.pow("explog_w", ctx.div("explog_ratio", total, safeCounts), 0.5);
        Value voxelW = ctx.sumClasses("explog_voxel_w", ctx.mul("explog_w_onehot", oneHot, w));
        Value nll = ctx.accurateNll();
        Value lCe = ctx.mean("explog_ce", ctx.mul("explog_wnll", voxelW, ctx.safePow("explog_nll_pow", nll, params.number("gamma_ce"))));
        return ctx.add("explog", ctx.scale("explog_wd", lDice, params.number("w_dice")), ctx.scale("explog_wc", lCe, params.number("w_ce")));
    }
}
