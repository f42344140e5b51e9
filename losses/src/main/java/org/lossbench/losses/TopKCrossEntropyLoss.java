package org.lossbench.losses;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.graph.Attribute;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Tensor;
import org.lossbench.core.graph.Value;
import org.lossbench.losses.graph.LossGraphContext;
import org.lossbench.losses.spec.LossParams;
import org.lossbench.losses.spec.ParamDef;

/**
 * TopK cross-entropy: the mean cross-entropy of the k% hardest voxels of the batch, as nnU-Net's
 * {@code TopKLoss} (Wu et al. 2016, "Bridging category-level and instance-level semantic image
 * segmentation", the bootstrapped cross-entropy; Ma et al. 2021 "Loss odyssey").
 *
 * <p>Formula: with {@code l(x) = -ln p_{y(x)}(x)} over all {@code M = N*D*H*W} voxels of the batch,
 * {@code TopK = (1/m) sum of the m largest l(x)}, {@code m = max(1, floor(M * k / 100))}. Activation:
 * softmax (log-softmax). Background: included. Reduction: mean over the selected voxels. Smoothing:
 * none. nnU-Net takes {@code int(M * k / 100)} without the lower bound of 1; the bound only matters
 * for fewer than 100/k voxels. k is a percentage in (0, 100] with at most three decimals, so that m is
 * computed exactly in integers ({@code m = M * round(1000 k) / 100000}) in both forms.
 */
public final class TopKCrossEntropyLoss implements Loss {
    static final List<ParamDef> PARAMS = List.of(
            ParamDef.positive("k", 10, 100, "percentage of the voxels (the hardest) that are averaged"));

    private final LossParams params;
    private final long kMilli;

    public TopKCrossEntropyLoss(LossParams params) {
        this.params = params;
        double k = params.number("k");
        this.kMilli = Math.round(k * 1000);
        if (Math.abs(k * 1000 - kMilli) > 1e-6) {
            throw new LossbenchException(ExitCode.USAGE, "bad loss spec: topk:k=" + k + " has more than three decimals");
        }
    }

    @Override
    public LossKind kind() {
        return LossKind.TOPK;
    }

    @Override
    public LossParams params() {
        return params;
    }

    /** {@code max(1, floor(voxels * k / 100))}, exactly. */
    long selected(long voxels) {
        return Math.max(1, voxels * kMilli / 100_000);
    }

    @Override
    public double reference(LossInput in) {
        double[] l = new double[in.n() * in.voxels()];
        for (int b = 0; b < in.n(); b++) {
            for (int v = 0; v < in.voxels(); v++) {
                l[b * in.voxels() + v] = in.nll(b, v);
            }
        }
        Arrays.sort(l);
        long m = selected(l.length);
        double s = 0;
        for (int i = 0; i < m; i++) {
            s += l[l.length - 1 - i];
        }
        return s / m;
    }

    @Override
    public Value emit(LossGraphContext ctx) {
        Graph g = ctx.graph();
        Value flat = g.reshape("topk_flat", ctx.nll(), -1);
        Value count = g.op("Shape", "topk_voxels", List.of(flat), Map.of());
        Value scaled = g.mul("topk_m_scaled", count, g.constant("topk_k_milli", Tensor.vector(kMilli)));
        Value m = g.div("topk_m_floor", scaled, g.constant("topk_100000", Tensor.vector(100_000)));
        Value mAtLeast1 = g.op("Max", "topk_m", List.of(m, g.constant("topk_one", Tensor.vector(1))), Map.of());
        List<Value> top = g.opTyped("TopK", "topk", List.of(flat, mAtLeast1),
                Map.of("axis", Attribute.of(-1L), "largest", Attribute.of(1L), "sorted", Attribute.of(0L)),
                List.of(new Value("v", DType.FLOAT, Shape.symbolic((Object) null)),
                        new Value("i", DType.INT64, Shape.symbolic((Object) null))));
        return ctx.mean("topk_ce", top.get(0));
    }
}
