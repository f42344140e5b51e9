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
        Value fp = ctx.sub(name + "_fp", ctx.classSums(name + "_sp", p, batch), tp);
        Value fn = ctx.sub(name + "_fn", ctx.classSums(name + "_sg", gt, batch), tp);
        Value den = ctx.plus(name + "_den", ctx.add(name + "_tp_fp_fn",
                ctx.add(name + "_tp_fp", tp, ctx.scale(name + "_afp", fp, alpha)), ctx.scale(name + "_bfn", fn, beta)), smoothDr);
        Value f = ctx.rsub(name + "_f", 1, ctx.div(name + "_ti", ctx.plus(name + "_num", tp, smoothNr), den));
        return ctx.mean(name, exponent == 1 ? f : ctx.safePow(name + "_pow", f, exponent));
    }
}
