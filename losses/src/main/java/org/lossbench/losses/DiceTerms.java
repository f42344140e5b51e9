package org.lossbench.losses;

import org.lossbench.core.graph.Value;
import org.lossbench.losses.graph.LossGraphContext;

/**
 * The soft Dice loss shared by {@link SoftDiceLoss} and {@link VNetDiceLoss}, in both forms:
 * {@code 1 - (2 sum(p g) + s_nr) / (sum(p) + sum(g) + s_dr)}, or with {@code sum(p^2) + sum(g^2)} in the
 * denominator when squared ({@code g^2 = g} for one-hot labels), per (sample, class) or per class over
 * the batch, averaged.
 */
final class DiceTerms {
    private DiceTerms() {
    }

    static double reference(LossInput in, boolean includeBackground, boolean batch, boolean squared, double snr, double sdr) {
        ClassSums s = ClassSums.of(in, batch, includeBackground);
        double total = 0;
        for (int r = 0; r < s.rows; r++) {
            for (int c = 0; c < s.classes; c++) {
                double den = (squared ? s.spp[r][c] : s.sp[r][c]) + s.sg[r][c];
                total += 1 - (2 * s.tp[r][c] + snr) / (den + sdr);
            }
        }
        return total / (s.rows * s.classes);
    }

    static Value emit(LossGraphContext ctx, String name, boolean includeBackground, boolean batch, boolean squared,
                      double snr, double sdr) {
        Value p = ctx.channels(ctx.probs(), includeBackground);
        Value gt = ctx.channels(ctx.oneHot(), includeBackground);
        Value tp = ctx.classSums(name + "_tp", ctx.mul(name + "_pg", p, gt), batch);
        Value sp = ctx.classSums(name + "_sp", squared ? ctx.mul(name + "_pp", p, p) : p, batch);
        Value sg = ctx.classSums(name + "_sg", gt, batch);
        Value num = ctx.plus(name + "_num", ctx.scale(name + "_2tp", tp, 2), snr);
        Value den = ctx.plus(name + "_den", ctx.add(name + "_spg", sp, sg), sdr);
        return ctx.mean(name, ctx.rsub(name + "_f", 1, ctx.div(name + "_ratio", num, den)));
    }
}
