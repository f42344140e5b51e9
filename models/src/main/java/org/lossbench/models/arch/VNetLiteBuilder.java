package org.lossbench.models.arch;

import java.util.ArrayList;
import java.util.List;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Value;

/**
 * Builds {@code vnet-lite}: the V-Net topology slimmed after Wong et al. 2018.
 *
 * <p>Differences from {@link VNetBuilder}: 3x3x3 instead of 5x5x5 kernels, normalisation after
 * every convolution, residual blocks of two convolutions in the encoder (one at the bottleneck),
 * and a lighter decoder block: after the up-sampling and the concatenation with the skip
 * connection, one convolution {@code 2C_i -> C_i} whose output is added to the up-sampled path
 * (the residual-like block), then PReLU. With the defaults this has 4,816,210 parameters for one
 * input channel and two classes, 1/13.5 of the published V-Net's 65,175,314.
 *
 * <p>Deep supervision: the training graph ({@code training = true}) has, besides {@code logits},
 * one 1x1x1 head per decoder stage below full resolution, {@code logits_ds1 .. logits_ds(depth-1)}
 * at {@code 1/2^i} of the input size (the labels are down-sampled to match, as in nnU-Net). The
 * inference graph has {@code logits} only and meets the model contract.
 */
@SuppressWarnings("try") // naming scopes are opened and closed, never referenced
public final class VNetLiteBuilder {
    private VNetLiteBuilder() {
    }

    /** The inference graph. */
    public static Graph build(VNetLiteConfig config) {
        return build(config, false);
    }

    /** The inference graph, or with {@code training} the graph with deep-supervision heads as extra outputs. */
    public static Graph build(VNetLiteConfig config, boolean training) {
        return build(config, training, null);
    }

    /** As {@link #build(VNetLiteConfig, boolean)} for a fixed input shape {@code [N, C_in, D, H, W]} (null: symbolic). */
    public static Graph build(VNetLiteConfig config, boolean training, long[] inputShape) {
        Graph g = new Graph(training ? "vnet-lite-train" : "vnet-lite");
        Layers l = new Layers(g, config.seed(), config.norm());
        Value x = g.input("image", DType.FLOAT, VNetBuilder.imageShape(config.inChannels(), inputShape));
        int[] enc = config.encoderConvs();
        int depth = config.depth();
        int k = config.kernel();
        List<Value> skips = new ArrayList<>();
        Value h;
        try (Graph.Scope s = g.scope("enc0")) {
            h = VNetBuilder.residualStage(l, x, l.repeatChannels("repeat", x, config.channels(0)), config.channels(0), enc[0], k);
        }
        skips.add(h);
        for (int s = 1; s <= depth; s++) {
            try (Graph.Scope sc = g.scope("enc" + s)) {
                Value d = l.prelu("down.act", l.down("down", h, config.channels(s)));
                h = VNetBuilder.residualStage(l, d, d, config.channels(s), enc[s], k);
            }
            if (s < depth) {
                skips.add(h);
            }
        }
        List<Value> supervision = new ArrayList<>();
        for (int i = depth - 1; i >= 0; i--) {
            try (Graph.Scope sc = g.scope("dec" + i)) {
                Value u = l.prelu("up.act", l.up("up", h, config.channels(i)));
                Value cat = g.concat("cat", 1, List.of(u, skips.get(i)));
                Value c = l.conv("conv0", cat, config.channels(i), k);
                h = l.prelu("act", g.add("res", c, u));
                if (training && i > 0) {
                    supervision.add(l.head("ds_head", h, config.classes()));
                }
            }
        }
        g.output(l.head("head", h, config.classes()), "logits");
        for (int j = supervision.size() - 1; j >= 0; j--) {
            Value ds = supervision.get(j);
            g.output(ds, "logits_ds" + (supervision.size() - j));
        }
        return g;
    }
}
