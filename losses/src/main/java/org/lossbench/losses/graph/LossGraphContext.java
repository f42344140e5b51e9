package org.lossbench.losses.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lossbench.core.graph.Attribute;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Tensor;
import org.lossbench.core.graph.Value;

/**
 * The graph a loss appends its nodes to, with the logits and labels and the subgraphs that several
 * losses share (softmax, log-softmax, one-hot labels), made once on first use so that a compound loss
 * such as {@code dice+ce} computes them once.
 *
 * <p>Ops used on the path from the logits: Slice, Max, Mul, Add, Sub, Div, Pow, Neg, Exp, Log, Abs,
 * Min, Clip, ReduceSum (axes as input), ReduceMean (axes attribute), Reshape, TopK, Where.
 * On label-only paths: Unsqueeze, Equal, Cast, ReduceMax, Max, Where, Shape, Mul/Div/Max on int64.
 */
public final class LossGraphContext {
    /**
     * Smallest base of a power whose exponent may lie below 1 ({@code (-ln Dice)^0.3}, {@code (1 - TI)^0.75},
     * {@code (1 - p)^gamma}): the base is clamped to at least this, so that the value and the derivative
     * stay finite for a perfect prediction. The reference forms clamp the same way.
     */
    public static final double POW_FLOOR = 1e-30;

    private final Graph g;
    private final Value logits;
    private final Value labels;
    private final int k;
    private Value probs;
    private Value logProbs;
    private Value oneHot;
    private Value nll;
    private Value accurateNll;
    private Value labelComplement;
    private final Map<String, Value> foregrounds = new HashMap<>();

    /**
     * @param logits float {@code [N, K, D, H, W]} with K known
     * @param labels int64 {@code [N, D, H, W]}
     */
    public LossGraphContext(Graph g, Value logits, Value labels) {
        if (logits.rank() != 5 || logits.dtype() != DType.FLOAT || !logits.shape().isKnown(1)) {
            throw new IllegalArgumentException("loss graph: logits must be float [N, K, D, H, W] with K known, got " + logits);
        }
        if (labels.rank() != 4 || labels.dtype() != DType.INT64) {
            throw new IllegalArgumentException("loss graph: labels must be int64 [N, D, H, W], got " + labels);
        }
        this.g = g;
        this.logits = logits;
        this.labels = labels;
        this.k = (int) logits.shape().dim(1);
    }

    public Graph graph() {
        return g;
    }

    public Value logits() {
        return logits;
    }

    public Value labels() {
        return labels;
    }

    /** Number of classes K. */
    public int k() {
        return k;
    }

    /** Softmax over the class axis, {@code [N, K, D, H, W]}: {@code exp(z - m) / sum_j exp(z_j - m)}. */
    public Value probs() {
        if (probs == null) {
            softmaxes();
        }
        return probs;
    }

    /** Log-softmax over the class axis, {@code (z - m) - ln sum_j exp(z_j - m)}: finite for any finite logits. */
    public Value logProbs() {
        if (logProbs == null) {
            softmaxes();
        }
        return logProbs;
    }

    /**
     * Both softmaxes from one shift and one sum, with {@code m} the class-wise maximum as a variadic
     * {@code Max} of the K channel slices. Written out rather than as ONNX {@code Softmax}/{@code LogSoftmax}
     * with {@code axis=1}, which ONNX Runtime 1.24 runs on an NCDHW tensor by transposing it: on
     * 2 x 3 x 64^3 on 2 CPU threads the two ops took about 150 ms each, this form 45 ms for both. The
     * values are the same formula; the derivative through m cancels, as it must.
     */
    private void softmaxes() {
        List<Value> channels = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            channels.add(g.slice("logit_c" + c, logits, new long[] {c}, new long[] {c + 1}, new long[] {1}));
        }
        Value m = g.op("Max", "logit_max", channels, Map.of());
        Value shifted = sub("logits_shifted", logits, m);
        Value e = exp("exp_shifted", shifted);
        Value sum = g.reduceSum("exp_sum", e, true, 1);
        probs = div("probs", e, sum);
        logProbs = sub("log_probs", shifted, log("log_exp_sum", sum));
    }

    /** The labels one-hot as float {@code [N, K, D, H, W]}: {@code Cast(Equal(Unsqueeze(labels, 1), [0..K-1]))}. */
    public Value oneHot() {
        if (oneHot == null) {
            long[] classes = new long[k];
            for (int c = 0; c < k; c++) {
                classes[c] = c;
            }
            Value ids = g.constant("class_ids", Tensor.longs(new long[] {1, k, 1, 1, 1}, classes));
            Value axis = g.constant("labels_axis", Tensor.vector(1));
            Value lab = g.op("Unsqueeze", "labels_5d", List.of(labels, axis), Map.of());
            Value eq = g.op("Equal", "labels_eq", List.of(lab, ids), Map.of());
            oneHot = g.op("Cast", "one_hot", List.of(eq), Map.of("to", Attribute.of((long) DType.FLOAT.onnxCode())));
        }
        return oneHot;
    }

    /** {@code -ln p_l} per voxel for its label l, {@code [N, D, H, W]}, from the log-softmax. */
    public Value nll() {
        if (nll == null) {
            nll = neg("nll", sumClasses("label_log_prob", mul("onehot_log_probs", oneHot(), logProbs())));
        }
        return nll;
    }

    /**
     * {@code -ln p_l} per voxel with full float precision also when {@code p_l} is close to 1, where the
     * log-softmax rounds {@code -ln p_l} to 0 or to a multiple of the float spacing: with
     * {@code s = sum_{j != l} exp(min(z_j - z_l, 80))}, the value is {@link #log1p log1p(s)} when
     * {@code s < 0.01} (the label is the clear winner) and {@link #nll()} otherwise. Needed where a
     * power below 1 ({@code (-ln p)^0.3}) magnifies the small values.
     */
    public Value accurateNll() {
        if (accurateNll == null) {
            Value zl = g.reduceSum("label_logit", mul("onehot_logits", oneHot(), logits), true, 1);
            Value t = min("logit_gap", sub("logit_diff", logits, zl), scalar("logit_gap.max", 80));
            Value s = sumClasses("others_exp", mul("others_exp_masked", exp("gap_exp", t), rsub("not_label", 1, oneHot())));
            Value small = g.op("Less", "nll_small", List.of(s, scalar("nll_small.c", 0.01)), Map.of());
            accurateNll = g.op("Where", "nll_accurate", List.of(small, log1pSeries("nll_series", s, small), nll()), Map.of());
        }
        return accurateNll;
    }

    /**
     * {@code 1 - p_l} per voxel for its label l, {@code [N, 1, D, H, W]}, as {@code sum_{j != l} p_j}:
     * keeps its relative precision where {@code 1 - p_l} in float would round to 0.
     */
    public Value labelComplement() {
        if (labelComplement == null) {
            labelComplement = g.reduceSum("label_complement", mul("others_probs", probs(), rsub("not_label_p", 1, oneHot())), true, 1);
        }
        return labelComplement;
    }

    /**
     * {@code ln(1 + x)} for {@code x >= 0}, precise for small x (ONNX has no Log1p): the Taylor series
     * to {@code x^6} below 0.01 (truncation below {@code 1.5e-13} relative), {@code Log(1 + x)} above.
     * Both branches are finite for every {@code x >= 0}, so the derivative is too.
     */
    public Value log1p(String name, Value x) {
        Value small = g.op("Less", name + "_small", List.of(x, scalar(name + "_small.c", 0.01)), Map.of());
        return g.op("Where", name, List.of(small, log1pSeries(name + "_series", x, small), log(name + "_log", plus(name + "_1x", x, 1))), Map.of());
    }

    /**
     * {@code x - x^2/2 + x^3/3 - x^4/4 + x^5/5 - x^6/6} in Horner form, of x where {@code small} holds
     * and of 0 elsewhere. The {@code Where} that uses the series discards it there, but its gradient
     * still flows through the series with a zero factor: an overflowing {@code x^6} (x above about
     * 3e6, a logit gap above 15) would make that {@code 0 * inf = NaN}.
     */
    private Value log1pSeries(String name, Value xAll, Value small) {
        Value x = g.op("Where", name + "_in", List.of(small, xAll, scalar(name + "_in.zero", 0)), Map.of());
        Value acc = rsub(name + "_6", 1.0 / 5, scale(name + "_x6", x, 1.0 / 6));
        acc = rsub(name + "_5", 1.0 / 4, mul(name + "_x5", x, acc));
        acc = rsub(name + "_4", 1.0 / 3, mul(name + "_x4", x, acc));
        acc = rsub(name + "_3", 1.0 / 2, mul(name + "_x3", x, acc));
        acc = rsub(name + "_2", 1.0, mul(name + "_x2", x, acc));
        return mul(name, x, acc);
    }

    /** {@code x[:, 1:]}, dropping the background channel (one Slice per value, shared by all terms). */
    public Value foreground(Value x) {
        return foregrounds.computeIfAbsent(x.name(), n -> g.slice("fg", x, new long[] {1}, new long[] {k}, new long[] {1}));
    }

    /** {@code x} itself or its foreground channels. */
    public Value channels(Value x, boolean includeBackground) {
        return includeBackground ? x : foreground(x);
    }

    /**
     * Sum over the voxels, {@code [N, C]}, or over the batch and the voxels, {@code [C]}. Like every
     * reduction here it runs one axis at a time (W, then H, then D, then N), so that float32 rounding
     * grows with the sum of the axis lengths rather than with the voxel count (a single ReduceSum over
     * 2 x 64^3 voxels was 2e-5 relative off in ONNX Runtime; staged, 1e-6).
     */
    public Value classSums(String name, Value x, boolean batch) {
        Value s = x;
        for (int i = 0; i < 3; i++) {
            s = g.reduceSum(name + (batch || i < 2 ? "_" + i : ""), s, false, -1);
        }
        return batch ? g.reduceSum(name, s, false, 0) : s;
    }

    /** Mean of all elements, a scalar: means over one axis at a time, last first (exact for a rectangular tensor). */
    public Value mean(String name, Value x) {
        Value m = x;
        for (int i = x.rank() - 1; i >= 0; i--) {
            m = g.reduceMean(i == 0 ? name : name + "_" + i, m, false, -1);
        }
        return m;
    }

    /** Sum of all elements, a scalar, one axis at a time. */
    public Value sumAll(String name, Value x) {
        Value s = x;
        for (int i = x.rank() - 1; i >= 0; i--) {
            s = g.reduceSum(i == 0 ? name : name + "_" + i, s, false, -1);
        }
        return s;
    }

    /** A float32 scalar constant. */
    public Value scalar(String name, double v) {
        return g.constant(name, Tensor.scalar((float) v));
    }

    /** A float32 per-class constant shaped {@code [1, C, 1, 1, 1]} to broadcast against {@code [N, C, D, H, W]}. */
    public Value perClass(String name, List<Double> values) {
        float[] f = new float[values.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = values.get(i).floatValue();
        }
        return g.constant(name, Tensor.floats(new long[] {1, f.length, 1, 1, 1}, f));
    }

    public Value add(String name, Value a, Value b) {
        return g.add(name, a, b);
    }

    public Value sub(String name, Value a, Value b) {
        return g.sub(name, a, b);
    }

    public Value mul(String name, Value a, Value b) {
        return g.mul(name, a, b);
    }

    public Value div(String name, Value a, Value b) {
        return g.div(name, a, b);
    }

    /** {@code x * c} for a constant c. */
    public Value scale(String name, Value x, double c) {
        return g.mul(name, x, scalar(name + ".c", c));
    }

    /** {@code c + x} for a constant c. */
    public Value plus(String name, Value x, double c) {
        return g.add(name, x, scalar(name + ".c", c));
    }

    /** {@code c - x} for a constant c. */
    public Value rsub(String name, double c, Value x) {
        return g.sub(name, scalar(name + ".c", c), x);
    }

    public Value neg(String name, Value x) {
        return g.op("Neg", name, List.of(x), Map.of());
    }

    public Value exp(String name, Value x) {
        return g.op("Exp", name, List.of(x), Map.of());
    }

    public Value log(String name, Value x) {
        return g.op("Log", name, List.of(x), Map.of());
    }

    public Value abs(String name, Value x) {
        return g.op("Abs", name, List.of(x), Map.of());
    }

    public Value min(String name, Value a, Value b) {
        return g.op("Min", name, List.of(a, b), Map.of());
    }

    /** {@code x ^ e} for a constant exponent. */
    public Value pow(String name, Value x, double e) {
        return g.op("Pow", name, List.of(x, scalar(name + ".e", e)), Map.of());
    }

    /** {@code max(x, lo)} as {@code Clip} with only a lower bound. */
    public Value clipMin(String name, Value x, double lo) {
        return g.op("Clip", name, List.of(x, scalar(name + ".lo", lo)), Map.of());
    }

    /** {@code max(x, POW_FLOOR) ^ e}: a power that stays finite, with a finite derivative, at a zero base. */
    public Value safePow(String name, Value x, double e) {
        return pow(name, clipMin(name + ".base", x, POW_FLOOR), e);
    }

    /** Sum over the last axis (the classes of per-class sums {@code [N, C]} or {@code [C]}). */
    public Value sumLast(String name, Value x) {
        return g.reduceSum(name, x, false, -1);
    }

    /** Sum over the class axis, {@code [N, D, H, W]}. */
    public Value sumClasses(String name, Value x) {
        return g.reduceSum(name, x, false, 1);
    }
}
