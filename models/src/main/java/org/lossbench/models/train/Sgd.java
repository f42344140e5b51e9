package org.lossbench.models.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Tensor;
import org.lossbench.core.graph.Value;

/**
 * Stochastic gradient descent with momentum, PyTorch's form ({@code torch.optim.SGD}, dampening 0,
 * no Nesterov): {@code d = g + lambda p}, {@code v' = mu v + d}, {@code p' = p - lr v'}, with the
 * momentum buffer {@code v} zero before the first step (PyTorch's first step sets {@code v = d},
 * the same value). Weight decay {@code lambda} is the L2 term added to the gradient.
 * Defaults: Milletari et al. 2016 (V-Net) trained with momentum 0.99 and learning rate 1e-4.
 *
 * @param momentum {@code mu} in [0, 1)
 * @param weightDecay {@code lambda} >= 0
 */
public record Sgd(double momentum, double weightDecay) implements Optimizer {
    /** V-Net's settings: momentum 0.99, no weight decay. */
    public static final Sgd V_NET = new Sgd(0.99, 0);

    public Sgd {
        if (!(momentum >= 0 && momentum < 1) || !(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("SGD needs momentum in [0, 1) and a finite weight decay >= 0, got "
                    + momentum + ", " + weightDecay);
        }
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public String spec() {
        return "sgd:momentum=" + momentum + ",weight_decay=" + weightDecay;
    }

    @Override
    public List<String> slots() {
        return List.of("momentum");
    }

    @Override
    public double defaultLearningRate() {
        return 1e-4;
    }

    @Override
    public Map<String, Value> update(Graph g, Value p, Value grad, Map<String, Value> state, Value lr, Value step, Map<String, String> outputNames) {
        Value d = weightDecay == 0 ? grad : g.add("decayed", grad, g.mul("decay", p, g.constant("lambda", Tensor.scalar((float) weightDecay))));
        Value v = g.opExact("Add", outputNames.get("momentum"),
                List.of(g.mul("mu_v", state.get("momentum"), g.constant("mu", Tensor.scalar((float) momentum))), d), Map.of());
        Value np = g.opExact("Sub", outputNames.get(""), List.of(p, g.mul("lr_v", v, lr)), Map.of());
        Map<String, Value> out = new LinkedHashMap<>();
        out.put("", np);
        out.put("momentum", v);
        return out;
    }
}
