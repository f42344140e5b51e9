package org.lossbench.losses;

import java.util.List;
import java.util.Map;
import org.lossbench.core.graph.Attribute;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Value;
import org.lossbench.losses.graph.LossGraphContext;
import org.lossbench.losses.spec.LossParams;
import org.lossbench.losses.spec.ParamDef;

/**
 * Generalised Dice loss (Sudre et al. 2017, "Generalised Dice overlap as a deep learning loss function
 * for highly unbalanced segmentations", DLMIA), in MONAI's form ({@code monai.losses.GeneralizedDiceLoss}).
 *
 * <p>Formula: per sample (or over the batch with {@code batch=true}),
 * {@code GDL = 1 - (2 sum_c w_c sum_x p g + smooth_nr) / (sum_c w_c sum_x (p + g) + smooth_dr)} with
 * class weights from the reference volume {@code r_c = sum_x g}: {@code w_c = 1 / r_c^2}
 * ({@code w_type=square}, Sudre's choice and the default), {@code 1 / r_c} ({@code simple}) or 1
 * ({@code uniform}). The loss is the mean over samples. Activation: softmax. Background: included by
 * default (MONAI). Smoothing: {@code smooth_nr = smooth_dr = 1e-5}.
 *
 * <p>Absent classes: a class with {@code r_c = 0} would get an infinite weight. As MONAI does, such a
 * weight is replaced by the largest finite weight of the same sample (of the batch when
 * {@code batch=true}), which gives the absent class the importance of the rarest present class and
 * keeps its predicted volume penalised; when no class of the sample is present (possible only without
 * the background), all weights are 0 and the loss is {@code 1 - smooth_nr / smooth_dr}. In the graph
 * the weights are computed without ever forming infinity ({@code Where(r > 0, f(max(r, 1)), 0)}, then
 * the absent ones set to the row maximum), so no NaN can reach a derivative; the weights depend on the
 * labels only.
 */
public final class GeneralizedDiceLoss implements Loss {
    static final List<ParamDef> PARAMS = List.of(
            ParamDef.choice("w_type", "square", List.of("square", "simple", "uniform"), "class weight 1/r^2, 1/r or 1 (r = reference volume)"),
            ParamDef.bool("include_background", true, "whether class 0 takes part"),
            ParamDef.bool("batch", false, "sum over the whole batch (else per sample, then the mean)"),
            ParamDef.number("smooth_nr", 1e-5, 0, Double.MAX_VALUE, "added to the numerator"),
            ParamDef.positive("smooth_dr", 1e-5, Double.MAX_VALUE, "added to the denominator (> 0)"));

    private final LossParams params;

    public GeneralizedDiceLoss(LossParams params) {
        this.params = params;
    }

    @Override
    public LossKind kind() {
        return LossKind.GENERALIZED_DICE;
    }

    @Override
    public LossParams params() {
        return params;
    }

    /** The weight of a class with reference volume {@code r > 0}. */
    private double weight(double r) {
        return switch (params.choice("w_type")) {
            case "square" -> 1 / (r * r);
            case "simple" -> 1 / r;
            default -> 1;
        };
    }

    @Override
    public double reference(LossInput in) {
        ClassSums s = ClassSums.of(in, params.bool("batch"), params.bool("include_background"));
        boolean uniform = params.choice("w_type").equals("uniform");
        double total = 0;
        for (int r = 0; r < s.rows; r++) {
            double[] w = new double[s.classes];
            double maxFinite = 0;
            for (int c = 0; c < s.classes; c++) {
                if (uniform || s.sg[r][c] > 0) {
                    w[c] = weight(s.sg[r][c]);
                    maxFinite = Math.max(maxFinite, w[c]);
                }
            }
            double num = 0;
            double den = 0;
            for (int c = 0; c < s.classes; c++) {
                double wc = uniform || s.sg[r][c] > 0 ? w[c] : maxFinite;
                num += wc * s.tp[r][c];
                den += wc * (s.sp[r][c] + s.sg[r][c]);
            }
            total += 1 - (2 * num + params.number("smooth_nr")) / (den + params.number("smooth_dr"));
        }
        return total / s.rows;
    }

    @Override
    public Value emit(LossGraphContext ctx) {
        boolean batch = params.bool("batch");
        Value p = ctx.channels(ctx.probs(), params.bool("include_background"));
        Value gt = ctx.channels(ctx.oneHot(), params.bool("include_background"));
        Value tp = ctx.classSums("gdl_tp", ctx.mul("gdl_pg", p, gt), batch);
        Value sp = ctx.classSums("gdl_sp", p, batch);
        Value sg = ctx.classSums("gdl_sg", gt, batch);
        Value spg = ctx.add("gdl_spg", sp, sg);
        Value w = weights(ctx, sg);
        Value wtp = w == null ? tp : ctx.mul("gdl_w_tp", w, tp);
        Value wspg = w == null ? spg : ctx.mul("gdl_w_spg", w, spg);
        Value num = ctx.plus("gdl_num", ctx.scale("gdl_2tp", ctx.sumLast("gdl_wtp", wtp), 2), params.number("smooth_nr"));
        Value den = ctx.plus("gdl_den", ctx.sumLast("gdl_wspg", wspg), params.number("smooth_dr"));
        return ctx.mean("gdl", ctx.rsub("gdl_f", 1, ctx.div("gdl_ratio", num, den)));
    }

    /**
     * The class weights from the reference volumes {@code sg} ({@code [N, C]} or {@code [C]}), absent
     * classes handled; null for uniform weights.
     */
    private Value weights(LossGraphContext ctx, Value sg) {
        Graph g = ctx.graph();
        String type = params.choice("w_type");
        if (type.equals("uniform")) {
            return null;
        }
        Value present = g.op("Greater", "gdl_present", List.of(sg, ctx.scalar("gdl_zero", 0)), Map.of());
        Value safe = g.op("Max", "gdl_r_safe", List.of(sg, ctx.scalar("gdl_one", 1)), Map.of());
        Value inv = ctx.div("gdl_inv", ctx.scalar("gdl_num1", 1), type.equals("square") ? ctx.mul("gdl_r2", safe, safe) : safe);
        Value finite = g.op("Where", "gdl_w_finite", List.of(present, inv, ctx.scalar("gdl_w_absent", 0)), Map.of());
        Value max = g.op("ReduceMax", "gdl_w_max", List.of(finite), Map.of("axes", Attribute.ints(-1L), "keepdims", Attribute.of(1L)));
        return g.op("Where", "gdl_w", List.of(present, finite, max), Map.of());
    }
}
