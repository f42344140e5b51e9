package org.lossbench.models.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Tensor;
import org.lossbench.core.graph.Value;

/**
 * Adam (Kingma and Ba 2015) in PyTorch's form ({@code torch.optim.Adam}, not AMSGrad): with
 * {@code d = g + lambda p} (L2 weight decay added to the gradient),
 * <pre>
 *   m' = beta1 m + (1 - beta1) d
 *   v' = beta2 v + (1 - beta2) d^2
 *   p' = p - (lr / (1 - beta1^t)) m' / (sqrt(v') / sqrt(1 - beta2^t) + eps)
 * </pre>
 * with {@code t} the 1-based step, a graph input, and {@code m = v = 0} before step 1. Defaults: Wong
 * et al. 2018 trained with Adam at learning rate 1e-3; betas 0.9, 0.999 and eps 1e-8 are the
 * paper's and PyTorch's.
 */
public record Adam(double beta1, double beta2, double eps, double weightDecay) implements Optimizer {
    /** Wong et al. 2018's settings (the Adam defaults). */
    public static final Adam WONG = new Adam(0.9, 0.999, 1e-8, 0);

    public Adam {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0) || !(weightDecay >= 0)
                || Double.isInfinite(eps) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("Adam needs betas in [0, 1), eps > 0 and weight decay >= 0, got "
                    + beta1 + ", " + beta2 + ", " + eps + ", " + weightDecay);
        }
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public String spec() {
        return "adam:beta1=" + beta1 + ",beta2=" + beta2 + ",eps=" + eps + ",weight_decay=" + weightDecay;
    }

    @Override
    public List<String> slots() {
        return List.of("m", "v");
    }

    @Override
    public double defaultLearningRate() {
        return 1e-3;
    }

    @Override
    public Map<String, Value> update(Graph g, Value p, Value grad, Map<String, Value> state, Value lr, Value step, Map<String, String> outputNames) {
        Value d = weightDecay == 0 ? grad : g.add("decayed", grad, g.mul("decay", p, g.constant("lambda", Tensor.scalar((float) weightDecay))));
        Value m = g.opExact("Add", outputNames.get("m"),
                List.of(g.mul("b1_m", state.get("m"), c(g, "beta1", beta1)), g.mul("g1", d, c(g, "one_minus_beta1", 1 - beta1))), Map.of());
        Value v = g.opExact("Add", outputNames.get("v"), List.of(g.mul("b2_v", state.get("v"), c(g, "beta2", beta2)),
                g.mul("g2", g.mul("d2", d, d), c(g, "one_minus_beta2", 1 - beta2))), Map.of());
        Value one = c(g, "one", 1);
        Value bc1 = g.sub("bc1", one, g.op("Pow", "beta1_t", List.of(c(g, "beta1_base", beta1), step), Map.of()));
        Value bc2 = g.sub("bc2", one, g.op("Pow", "beta2_t", List.of(c(g, "beta2_base", beta2), step), Map.of()));
        Value stepSize = g.div("step_size", lr, bc1);
        Value denom = g.add("denom", g.div("v_hat_sqrt", g.op("Sqrt", "v_sqrt", List.of(v), Map.of()),
                g.op("Sqrt", "bc2_sqrt", List.of(bc2), Map.of())), c(g, "eps", eps));
        Value np = g.opExact("Sub", outputNames.get(""), List.of(p, g.mul("delta", g.div("ratio", m, denom), stepSize)), Map.of());
        Map<String, Value> out = new LinkedHashMap<>();
        out.put("", np);
        out.put("m", m);
        out.put("v", v);
        return out;
    }

    private static Value c(Graph g, String name, double v) {
        return g.constant(name, Tensor.scalar((float) v));
    }
}
