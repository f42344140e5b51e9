package org.lossbench.core.graph.grad;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossbench.core.graph.ConvSpec;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Value;

/**
 * End to end: a tiny 3D encoder-decoder (conv, PReLU, strided down-conv, PReLU, transposed up-conv,
 * skip addition, 1x1x1 conv to three classes, softmax, cross-entropy against one-hot labels, mean
 * over the voxels), every parameter and the input checked against central differences of the loss.
 */
class ChainGradTest {

    @Test
    void convPreluConvSoftmaxCrossEntropy() throws Exception {
        GradCheck c = new GradCheck(60);
        c.samples = 12;
        // The loss is ~1 and each gradient ~1e-3: a tight absolute tolerance. h = 1e-3 rather than 1e-2
        // because with 1e-2 a PReLU pre-activation crosses its kink for one of the sampled input voxels
        // (a one-sided slope change, not a gradient error: the two agree at h = 1e-3).
        c.atol = 1e-4;
        c.h = 1e-3;
        Graph g = c.g;
        long n = 2;
        long k = 3;
        Value x = c.input("image", c.uniform(n, 1, 4, 4, 4), n, 1, 4, 4, 4);
        Value w1 = c.parameter("enc/w", c.range(-0.5, 0.5, 3, 1, 3, 3, 3), 3, 1, 3, 3, 3);
        Value b1 = c.parameter("enc/b", c.range(-0.1, 0.1, 3), 3);
        Value s1 = c.parameter("enc/slope", c.range(0.1, 0.3, 3, 1, 1, 1), 3, 1, 1, 1);
        Value wd = c.parameter("down/w", c.range(-0.5, 0.5, 4, 3, 2, 2, 2), 4, 3, 2, 2, 2);
        Value s2 = c.parameter("down/slope", c.range(0.1, 0.3, 4, 1, 1, 1), 4, 1, 1, 1);
        Value wu = c.parameter("up/w", c.range(-0.5, 0.5, 4, 3, 2, 2, 2), 4, 3, 2, 2, 2);
        Value bu = c.parameter("up/b", c.range(-0.1, 0.1, 3), 3);
        Value wh = c.parameter("head/w", c.range(-1, 1, k, 3, 1, 1, 1), k, 3, 1, 1, 1);
        Value bh = c.parameter("head/b", c.range(-0.1, 0.1, k), k);

        Value e = g.prelu("enc/act", g.conv("enc/conv", x, w1, b1, ConvSpec.same(3, 3)), s1);
        Value d = g.prelu("down/act", g.conv("down/conv", e, wd, null, ConvSpec.strided(3, 2)), s2);
        Value u = g.convTranspose("up/conv", d, wu, bu, ConvSpec.strided(3, 2));
        Value logits = g.conv("head/conv", g.add("skip", u, e), wh, bh, ConvSpec.same(3, 1));
        Value probs = g.softmax("probs", logits, 1);
        Value logProbs = g.op("Log", "log_probs", List.of(probs), Map.of());
        float[] oneHot = new float[(int) (n * k * 64)];
        float[] classes = c.range(0, k, n, 64);
        for (int b = 0; b < n; b++) {
            for (int v = 0; v < 64; v++) {
                oneHot[(int) ((b * k + (int) classes[b * 64 + v]) * 64 + v)] = 1;
            }
        }
        Value labels = c.constant("one_hot", oneHot, n, k, 4, 4, 4);
        Value ce = g.op("Neg", "ce", List.of(g.reduceSum("label_log_prob", g.mul("picked", labels, logProbs), false, 1)), Map.of());
        Value loss = g.reduceMean("loss", ce, false, 0, 1, 2, 3);
        float[] mean = new float[(int) (n * 64)];
        Arrays.fill(mean, 1f / mean.length);
        c.checkLoss(loss, ce, mean, x, w1, b1, s1, wd, s2, wu, bu, wh, bh);
    }

    /**
     * The vnet-lite pattern: conv, instance normalisation, PReLU, concatenation with the input, conv,
     * residual addition, softmax, then a soft Dice over the foreground channel
     * {@code 1 - 2 sum(p y) / (sum(p) + sum(y))} (Slice, ReduceSum, Div): every parameter against
     * central differences of the loss.
     */
    @Test
    void convNormPreluConcatResidualSoftDice() throws Exception {
        GradCheck c = new GradCheck(61);
        c.samples = 8;
        c.atol = 1e-4;
        c.h = 1e-3;
        Graph g = c.g;
        Value x = c.input("image", c.uniform(1, 2, 3, 4, 4), 1, 2, 3, 4, 4);
        Value w1 = c.parameter("c1/w", c.range(-0.5, 0.5, 3, 2, 3, 3, 3), 3, 2, 3, 3, 3);
        Value gamma = c.parameter("c1/norm.scale", c.range(0.5, 1.5, 3), 3);
        Value beta = c.parameter("c1/norm.bias", c.range(-0.2, 0.2, 3), 3);
        Value s1 = c.parameter("c1/slope", c.range(0.1, 0.3, 3, 1, 1, 1), 3, 1, 1, 1);
        Value w2 = c.parameter("c2/w", c.range(-0.5, 0.5, 2, 5, 3, 3, 3), 2, 5, 3, 3, 3);
        Value b2 = c.parameter("c2/b", c.range(-0.1, 0.1, 2), 2);

        Value h = g.prelu("c1/act", g.instanceNorm("c1/norm", g.conv("c1/conv", x, w1, null, ConvSpec.same(3, 3)), gamma, beta, 1e-5f), s1);
        Value cat = g.concat("cat", 1, List.of(h, x));
        Value logits = g.add("res", g.conv("c2/conv", cat, w2, b2, ConvSpec.same(3, 3)), x);
        Value fg = g.slice("fg", g.softmax("probs", logits, 1), new long[] {1}, new long[] {2}, new long[] {1});
        float[] labels = new float[48];
        float[] coin = c.uniform(48);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = coin[i] > 0 ? 1 : 0;
        }
        Value y = c.constant("labels", labels, 1, 1, 3, 4, 4);
        Value inter = g.reduceSum("inter", g.mul("py", fg, y), false, 0, 1, 2, 3, 4);
        Value denom = g.add("denom", g.reduceSum("sum_p", fg, false, 0, 1, 2, 3, 4), g.reduceSum("sum_y", y, false, 0, 1, 2, 3, 4));
        Value ratio = g.div("ratio", g.mul("two_inter", inter, c.constant("two", new float[] {2f})), denom);
        Value loss = g.sub("dice", c.constant("one", new float[] {1f}), ratio);
        // f = loss itself: y = [loss] with weight 1
        c.checkLoss(loss, g.reshape("loss_vec", loss, 1), new float[] {1f}, x, w1, gamma, beta, s1, w2, b2);
    }
}
