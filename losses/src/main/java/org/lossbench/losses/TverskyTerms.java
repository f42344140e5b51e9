package org.lossbench.losses;

import org.lossbench.core.graph.Value;
import org.lossbench.losses.graph.LossGraphContext;

/**
 * The Tversky index shared by {@link TverskyLoss} and {@link FocalTverskyLoss}:
 * {@code TI = (TP + s_nr) / (TP + alpha FP + beta FN + s_dr)} with {@code TP = sum p g},
 * {@code FP = sum p (1 - g) = sum p - TP} and {@code FN = sum (1 - p) g = sum g - TP}, per (sample, class)
 * or per class over the batch. The loss is the mean of {@code (1 - TI)^e} over those entries; Tversky is
 * {@code e = 1}, focal Tversky {@code e = 1 / gamma} with the base clamped at
 * {@link LossGraphContext#POW_FLOOR}.
 */
record TverskyTerms(double alpha, double beta, double smoothNr, double smoothDr, boolean includeBackground,
                    boolean batch, double exponent) {

    double reference(LossInput in) {
        ClassSums s = ClassSums.of(in, batch, includeBackground);
        double total = 0;
        for (int r = 0; r < s.rows; r++) {
            for (int c = 0; c < s.classes; c++) {
                double tp = s.tp[r][c];
                double fp = s.sp[r][c] - tp;
                double fn = s.sg[r][c] - tp;
                double f = 1 - (tp + smoothNr) / (tp + alpha * fp + beta * fn + smoothDr);
                total += exponent == 1 ? f : Math.pow(Math.max(f, LossGraphContext.POW_FLOOR), exponent);
            }
        }
        return total / (s.rows * s.classes);
    }

    Value emit(LossGraphContext ctx, String name) {
        Value p = ctx.channels(ctx.probs(), includeBackground);
        Value gt = ctx.channels(ctx.oneHot(), includeBackground);
        Value tp = ctx.classSums(name + "_tp", ctx.mul(name + "_pg", p, gt), batch);
        // FP and FN summed voxel by voxel (FN from 1 - p_l = sum of the other classes), not as sum p - TP:
        // 1 - TI = (alpha FP + beta FN + smooth_dr - smooth_nr) / den keeps its relative precision for a
        // nearly perfect class, where (1 - TI)^(1/gamma) would magnify the float rounding of 1 - TI
        Value fp = ctx.classSums(name + "_fp", ctx.mul(name + "_fp_x", p, ctx.rsub(name + "_1g", 1, gt)), batch);
        Value fn = ctx.classSums(name + "_fn", ctx.mul(name + "_fn_x", gt, ctx.labelComplement()), batch);
        Value errors = ctx.add(name + "_errors", ctx.scale(name + "_afp", fp, alpha), ctx.scale(name + "_bfn", fn, beta));
        Value den = ctx.plus(name + "_den", ctx.add(name + "_tp_err", tp, errors), smoothDr);
        Value f = ctx.div(name + "_f", ctx.plus(name + "_num", errors, smoothDr - smoothNr), den);
        return ctx.mean(name, exponent == 1 ? f : ctx.safePow(name + "_pow", f, exponent));
    }
}
