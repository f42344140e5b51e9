package org.lossbench.losses;

import static java.lang.Math.log;
import static java.lang.Math.pow;
import static java.lang.Math.sqrt;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lossbench.core.engine.Device;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.losses.check.GraphLossEvaluator;

/**
 * Every loss on two tiny inputs whose softmax probabilities are simple fractions, against values
 * derived by hand (the derivations are in the comments; the expected values are written as the
 * arithmetic itself). Both forms are checked.
 *
 * <p>Input A: N = 1, K = 2, four voxels, logits chosen as logs so that
 * <pre>
 *   voxel        0      1      2      3
 *   label        1      1      0      0
 *   p0          1/4    1/2    3/4    4/5      logits (0, ln 3), (0, 0), (ln 3, 0), (ln 4, 0)
 *   p1          3/4    1/2    1/4    1/5
 *   -ln p_label ln4/3  ln 2   ln4/3  ln5/4
 * </pre>
 * Per-class sums: class 0: TP = 3/4 + 4/5 = 1.55, sum p = 2.3, sum g = 2, sum p^2 = 1/16+1/4+9/16+16/25 = 1.515;
 * class 1: TP = 3/4 + 1/2 = 1.25, sum p = 1.7, sum g = 2, sum p^2 = 9/16+1/4+1/16+1/25 = 0.915.
 *
 * <p>Input B: N = 1, K = 3, four voxels, class 2 absent from the labels:
 * <pre>
 *   voxel        0      1      2      3
 *   label        1      0      0      0
 *   p           1/4,1/2,1/4   1/2,1/4,1/4   1/2,1/4,1/4   1/4,1/4,1/2
 *   -ln p_label  ln 2   ln 2   ln 2   ln 4
 * </pre>
 * Sums: sum g = (3, 1, 0); sum p = (1.5, 1.25, 1.25); TP = (1/2 + 1/2 + 1/4, 1/2, 0) = (1.25, 0.5, 0).
 */
class HandComputedTest {
    private static final double S = 1e-5;
    private static final float LN2 = (float) log(2);
    private static final float LN3 = (float) log(3);
    private static final float LN4 = (float) log(4);
    private static final Map<String, GraphLossEvaluator> EVALUATORS = new HashMap<>();

    static LossInput inputA() {
        return Inputs.line(new float[][] {{0, 0, LN3, LN4}, {LN3, 0, 0, 0}}, 1, 1, 0, 0);
    }

    static LossInput inputB() {
        return Inputs.line(new float[][] {{0, LN2, LN2, 0}, {LN2, 0, 0, 0}, {0, 0, 0, LN2}}, 1, 0, 0, 0);
    }

    /** Both forms of {@code spec} on {@code in} equal {@code expected} (logits are floats of logs: 1e-6 relative). */
    private static void check(String spec, LossInput in, double expected) {
        CompoundLoss loss = CompoundLoss.parse(spec);
        Tolerance.assertClose(expected, loss.reference(in).total(), 1e-6, 1e-9, spec + " reference");
        GraphLossEvaluator ev = EVALUATORS.computeIfAbsent(spec + "@" + in.k(),
                s -> new GraphLossEvaluator(loss, in.k(), SessionConfig.defaults(Device.CPU).withThreads(1)));
        Tolerance.assertClose(expected, ev.evaluate(in).get(CompoundLoss.OUTPUT), 1e-6, 1e-7, spec + " graph");
    }

    @Test
    void crossEntropy() {
        // mean of -ln p_label = (ln 4/3 + ln 2 + ln 4/3 + ln 5/4) / 4
        check("ce", inputA(), (2 * log(4.0 / 3) + log(2) + log(5.0 / 4)) / 4);
        // weights (1, 3): sum w nll / sum w = (3 ln 4/3 + 3 ln 2 + ln 4/3 + ln 5/4) / (3 + 3 + 1 + 1)
        check("ce:weight=[1,3]", inputA(), (3 * log(4.0 / 3) + 3 * log(2) + log(4.0 / 3) + log(5.0 / 4)) / 8);
    }

    @Test
    void topK() {
        // 4 voxels, k = 10%: m = max(1, floor(0.4)) = 1, the largest nll is ln 2
        check("topk", inputA(), log(2));
        // k = 50%: m = 2, the two largest are ln 2 and ln 4/3
        check("topk:k=50", inputA(), (log(2) + log(4.0 / 3)) / 2);
        // k = 75%: m = 3: ln 2, ln 4/3, ln 4/3
        check("topk:k=75", inputA(), (log(2) + 2 * log(4.0 / 3)) / 3);
    }

    @Test
    void softDice() {
        // class 0: 1 - (2 * 1.55 + s) / (2.3 + 2 + s); class 1: 1 - (2 * 1.25 + s) / (1.7 + 2 + s); mean of the two
        check("dice", inputA(), (1 - (3.1 + S) / (4.3 + S) + 1 - (2.5 + S) / (3.7 + S)) / 2);
        // background excluded: class 1 only
        check("dice:include_background=false", inputA(), 1 - (2.5 + S) / (3.7 + S));
        // squared: denominators sum p^2 + sum g = 1.515 + 2 and 0.915 + 2
        check("dice:squared_pred=true", inputA(), (1 - (3.1 + S) / (3.515 + S) + 1 - (2.5 + S) / (2.915 + S)) / 2);
        // input B, class 2 absent: class 0: 1 - (2.5 + s)/(4.5 + s); class 1: 1 - (1 + s)/(2.25 + s); class 2: 1 - s/(1.25 + s)
        check("dice", inputB(), (1 - (2.5 + S) / (4.5 + S) + 1 - (1 + S) / (2.25 + S) + 1 - S / (1.25 + S)) / 3);
    }

    @Test
    void vnetDice() {
        // foreground class 1 only, squared: 1 - (2 * 1.25 + s) / (0.915 + 2 + s)
        check("dice-vnet", inputA(), 1 - (2.5 + S) / (2.915 + S));
    }

    @Test
    void generalizedDice() {
        // input B, square: w = (1/9, 1/1, inf -> max finite = 1)
        // numerator 2 (1.25/9 + 0.5 + 0) + s; denominator (1.5 + 3)/9 + (1.25 + 1) + (1.25 + 0) + s = 4 + s
        check("generalized-dice", inputB(), 1 - (2 * (1.25 / 9 + 0.5) + S) / (4 + S));
        // simple: w = (1/3, 1, inf -> 1): denominator 4.5/3 + 2.25 + 1.25 = 5
        check("generalized-dice:w_type=simple", inputB(), 1 - (2 * (1.25 / 3 + 0.5) + S) / (5 + S));
        // uniform: numerator 2 (1.25 + 0.5) = 3.5; denominator 4.5 + 2.25 + 1.25 = 8
        check("generalized-dice:w_type=uniform", inputB(), 1 - (3.5 + S) / (8 + S));
        // input A, both classes have 2 voxels: w = 1/4 each; 2 * (1.55 + 1.25) / 4 = 1.4 over (4.3 + 3.7) / 4 = 2
        check("generalized-dice", inputA(), 1 - (1.4 + S) / (2 + S));
    }

    @Test
    void focalSoftmax() {
        // only the labelled channel contributes (1 - p)^2 (-ln p); mean over N K V = 8 elements:
        // voxel 0: (1/4)^2 ln 4/3; voxel 1: (1/2)^2 ln 2; voxel 2: (1/4)^2 ln 4/3; voxel 3: (1/5)^2 ln 5/4
        double fg = pow(0.25, 2) * log(4.0 / 3) + pow(0.5, 2) * log(2);
        double bg = pow(0.25, 2) * log(4.0 / 3) + pow(0.2, 2) * log(5.0 / 4);
        check("focal", inputA(), (fg + bg) / 8);
        // alpha 0.25: background elements times 0.75, foreground times 0.25
        check("focal:alpha=0.25", inputA(), (0.25 * fg + 0.75 * bg) / 8);
        // per-class alpha (0.4, 0.9)
        check("focal:alpha=[0.4,0.9]", inputA(), (0.9 * fg + 0.4 * bg) / 8);
        // gamma 0 is the cross-entropy divided by K
        check("focal:gamma=0", inputA(), (2 * log(4.0 / 3) + log(2) + log(5.0 / 4)) / 8);
    }

    @Test
    void focalSigmoid() {
        // each channel binary with p = sigmoid(z): sigmoid(0) = 1/2, sigmoid(ln 3) = 3/4, sigmoid(ln 4) = 4/5
        // voxel 0: ch0 z=0 t=0 p_t=1/2; ch1 z=ln3 t=1 p_t=3/4 | voxel 1: ch0 z=0 t=0; ch1 z=0 t=1 (p_t = 1/2 both)
        // voxel 2: ch0 z=ln3 t=1 p_t=3/4; ch1 z=0 t=0 | voxel 3: ch0 z=ln4 t=1 p_t=4/5; ch1 z=0 t=0
        // five elements with p_t = 1/2: (1/2)^2 ln 2 each; two with 3/4: (1/4)^2 ln 4/3; one with 4/5: (1/5)^2 ln 5/4
        double half = pow(0.5, 2) * log(2);
        double threeQuarters = pow(0.25, 2) * log(4.0 / 3);
        double fourFifths = pow(0.2, 2) * log(5.0 / 4);
        check("focal:activation=sigmoid", inputA(), (5 * half + 2 * threeQuarters + fourFifths) / 8);
        // alpha 0.25: positives (t = 1) times 0.25, negatives times 0.75. Positives: ch1 of voxels 0, 1 (3/4, 1/2),
        // ch0 of voxels 2, 3 (3/4, 4/5); negatives: the other four, all with p_t = 1/2
        check("focal:activation=sigmoid,alpha=0.25", inputA(),
                (0.25 * (2 * threeQuarters + half + fourFifths) + 0.75 * 4 * half) / 8);
    }

    @Test
    void tversky() {
        // class 0: TP 1.55, FP = 2.3 - 1.55 = 0.75, FN = 2 - 1.55 = 0.45; class 1: TP 1.25, FP 0.45, FN 0.75
        // alpha 0.3 (FP), beta 0.7 (FN): class 0 denominator 1.55 + 0.225 + 0.315; class 1: 1.25 + 0.135 + 0.525
        check("tversky:alpha=0.3,beta=0.7", inputA(), (1 - (1.55 + S) / (2.09 + S) + 1 - (1.25 + S) / (1.91 + S)) / 2);
        // defaults 0.5/0.5: denominators 1.55 + 0.375 + 0.225 = 2.15 and 1.25 + 0.225 + 0.375 = 1.85
        check("tversky", inputA(), (1 - (1.55 + S) / (2.15 + S) + 1 - (1.25 + S) / (1.85 + S)) / 2);
    }

    @Test
    void focalTversky() {
        // defaults alpha 0.3 (FP), beta 0.7 (FN), smooth 1, exponent 1/gamma = 0.75:
        // TI0 = (1.55 + 1) / (2.09 + 1), TI1 = (1.25 + 1) / (1.91 + 1)
        check("focal-tversky", inputA(), (pow(1 - 2.55 / 3.09, 0.75) + pow(1 - 2.25 / 2.91, 0.75)) / 2);
    }

    @Test
    void expLog() {
        // input B, eps 1: Dice = ((2 * 1.25 + 1)/(1.5 + 3 + 1), (2 * 0.5 + 1)/(1.25 + 1 + 1), (0 + 1)/(1.25 + 0 + 1))
        double lDice = (pow(-log(3.5 / 5.5), 0.3) + pow(-log(2 / 3.25), 0.3) + pow(-log(1 / 2.25), 0.3)) / 3;
        // counts f = (3, 1, 0), sum 4: w0 = (4/3)^0.5, w1 = 2; nll = (ln 2 [label 1], ln 2, ln 2, ln 4 [label 0])
        double lCe = (2 * pow(log(2), 0.3) + sqrt(4.0 / 3) * (2 * pow(log(2), 0.3) + pow(log(4), 0.3))) / 4;
        check("exp-log", inputB(), 0.8 * lDice + 0.2 * lCe);
        // weights and gammas as parameters: gamma_ce = 1 gives w_l (-ln p_l) itself
        double lCe1 = (2 * log(2) + sqrt(4.0 / 3) * (2 * log(2) + log(4))) / 4;
        check("exp-log:w_dice=0.5,w_ce=0.5,gamma_ce=1", inputB(), 0.5 * lDice + 0.5 * lCe1);
    }

    @Test
    void compound() {
        double dice = (1 - (3.1 + S) / (4.3 + S) + 1 - (2.5 + S) / (3.7 + S)) / 2;
        double ce = (2 * log(4.0 / 3) + log(2) + log(5.0 / 4)) / 4;
        check("dice+ce", inputA(), dice + ce);
        check("0.25*dice+0.75*ce", inputA(), 0.25 * dice + 0.75 * ce);
        check("dice+topk", inputA(), dice + log(2));
    }

    @AfterAll
    static void close() {
        EVALUATORS.values().forEach(GraphLossEvaluator::close);
        EVALUATORS.clear();
    }
}
