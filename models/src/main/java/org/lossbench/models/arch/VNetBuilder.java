package org.lossbench.models.arch;

import java.util.ArrayList;
import java.util.List;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Value;

/**
 * Builds the V-Net inference graph (Milletari et al. 2016) for the model contract: input
 * {@code image [N, C_in, D, H, W]}, output {@code logits [N, K, D, H, W]}.
 *
 * <p>Layout, as in Fig. 2 of the paper and the authors' Caffe prototxt
 * ({@code faustomilletari/VNet}, {@code Prototxt/train_noPooling_ResNet_cinque.prototxt}):
 * <ul>
 * <li>Stage 0: {@code n_0} convolutions {@code C_in -> C_0}, {@code C_0 -> C_0}...; the input,
 *     repeated along channels to {@code C_0}, is added to the last convolution's output; PReLU.</li>
 * <li>Encoder stage {@code s = 1..depth}: a 2x2x2 stride-2 convolution {@code C_{s-1} -> C_s} and
 *     PReLU; {@code n_s} convolutions {@code C_s -> C_s}, each followed by PReLU except the last,
 *     whose output is added to the down-sampled input before a final PReLU (the residual stage).</li>
 * <li>Decoder stage at level {@code i = depth-1..0}: a 2x2x2 stride-2 transposed convolution to
 *     {@code C_i} channels and PReLU; concatenation with the encoder stage-{@code i} output
 *     ({@code 2 C_i} channels); {@code m} convolutions {@code 2C_i -> 2C_i} with the same residual
 *     pattern, the concatenation being the shortcut.</li>
 * <li>Head: a 1x1x1 convolution {@code 2 C_0 -> K} (the paper's final layer; softmax is left to the
 *     loss or the inferer, so the output is logits).</li>
 * </ul>
 * The paper's figure has 1, 2, 3, 3 convolutions in the encoder stages, 3 at the bottom, and
 * 3, 3, 2, 1 in the decoder; the released prototxt uses 1, 1, 2, 3, 3 and 3, 2, 1, 1, and ends with
 * a 5x5x5 convolution and PReLU before the 1x1x1 one. {@link VNetConfig#paper} follows the figure.
 * Every convolution has a bias; PReLU slopes are per channel (Caffe's default).
 */
@SuppressWarnings("try") // naming scopes are opened and closed, never referenced
public final class VNetBuilder {
    private VNetBuilder() {
    }

    /** The inference graph of {@code config}, with symbolic {@code N, D, H, W}. */
    public static Graph build(VNetConfig config) {
        return build(config, null);
    }

    /**
     * The graph of {@code config} for a fixed input shape {@code [N, C_in, D, H, W]} (a training step
     * needs static sizes to differentiate), or symbolic {@code N, D, H, W} when {@code inputShape} is null.
     */
    public static Graph build(VNetConfig config, long[] inputShape) {
        Graph g = new Graph("vnet");
        Layers l = new Layers(g, config.seed(), config.norm());
        Value x = g.input("image", DType.FLOAT, imageShape(config.inChannels(), inputShape));
        int[] enc = config.encoderConvs();
        int[] dec = config.decoderConvs();
        int depth = config.depth();
        List<Value> skips = new ArrayList<>();
        Value h;
        try (Graph.Scope s = g.scope("enc0")) {
            Value shortcut = l.repeatChannels("repeat", x, config.channels(0));
            h = residualStage(l, x, shortcut, config.channels(0), enc[0], config.kernel());
        }
        skips.add(h);
        for (int s = 1; s <= depth; s++) {
            try (Graph.Scope sc = g.scope("enc" + s)) {
                Value d = l.prelu("down.act", l.down("down", h, config.channels(s)));
                h = residualStage(l, d, d, config.channels(s), enc[s], config.kernel());
            }
            if (s < depth) {
                skips.add(h);
            }
        }
        for (int j = 0; j < depth; j++) {
            int i = depth - 1 - j;
            try (Graph.Scope sc = g.scope("dec" + i)) {
                Value u = l.prelu("up.act", l.up("up", h, config.channels(i)));
                Value cat = g.concat("cat", 1, List.of(u, skips.get(i)));
                h = residualStage(l, cat, cat, 2 * config.channels(i), dec[j], config.kernel());
            }
        }
        Value logits = l.head("head", h, config.classes());
        g.output(logits, "logits");
        return g;
    }

    /** {@code [N, C_in, D, H, W]}: symbolic, or the given static sizes (checked against {@code inChannels}). */
    static Shape imageShape(int inChannels, long[] inputShape) {
        if (inputShape == null) {
            return Shape.symbolic("N", inChannels, "D", "H", "W");
        }
        if (inputShape.length != 5 || inputShape[1] != inChannels) {
            throw new IllegalArgumentException("input shape must be [N, " + inChannels + ", D, H, W], got "
                    + java.util.Arrays.toString(inputShape));
        }
        return Shape.of(inputShape);
    }

    /** {@code n} convolutions with PReLU between them, the shortcut added before the last PReLU. */
    static Value residualStage(Layers l, Value in, Value shortcut, int channels, int n, int kernel) {
        Value h = in;
        for (int c = 0; c < n; c++) {
            h = l.conv("conv" + c, h, channels, kernel);
            if (c < n - 1) {
                h = l.prelu("act" + c, h);
            }
        }
        return l.prelu("act", l.graph().add("res", h, shortcut));
    }
}
