package org.lossbench.models.train;

import java.util.List;
import java.util.Map;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Value;
import org.lossbench.core.spec.NamedSpec;

/**
 * An optimiser written as graph nodes: given a parameter, its gradient and its state slots, it
 * appends the nodes of one update. The learning rate and the step count are graph inputs, so one
 * training-step graph serves every step of a schedule. The formulas are PyTorch 1.13's
 * ({@code torch.optim.SGD}, {@code torch.optim.Adam}), so that one step matches PyTorch's to float
 * rounding ({@code tools/train_step_torch.py}).
 */
public sealed interface Optimizer permits Sgd, Adam {
    /** Name as used on the command line and in checkpoints ({@code sgd}, {@code adam}). */
    String name();

    /** State slots per parameter, each of the parameter's shape, zero at step 1 (e.g. {@code momentum}). */
    List<String> slots();

    /** The fully resolved spec, which {@link #parse} reads back to an equal optimiser. */
    String spec();

    /** Default learning rate of the method's reference (V-Net: 1e-4 for SGD; Wong et al. 2018: 1e-3 for Adam). */
    double defaultLearningRate();

    /**
     * Appends the update of {@code param}.
     *
     * @param state the current value of each slot, by slot name
     * @param lr the learning rate, a float scalar input
     * @param step the 1-based step number as a float scalar input
     * @param outputNames the exact name the new parameter (key {@code ""}) and each slot's new value (key:
     *        the slot) must have ({@link Graph#opExact}), so that they become graph outputs without a copy
     * @return the new parameter under key {@code ""} and the new value of each slot under its name
     */
    Map<String, Value> update(Graph g, Value param, Value grad, Map<String, Value> state, Value lr, Value step, Map<String, String> outputNames);

    /** {@code sgd}, {@code sgd:momentum=0.9,weight_decay=1e-5}, {@code adam}, {@code adam:beta2=0.99}... ({@link NamedSpec}'s grammar) */
    static Optimizer parse(String spec) {
        NamedSpec s = NamedSpec.parse(spec, why -> usage(spec, why));
        String name = s.name();
        Map<String, Double> p = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> e : s.params().entrySet()) {
            try {
                p.put(e.getKey(), Double.parseDouble(e.getValue()));
            } catch (NumberFormatException ex) {
                throw usage(spec, "value of '" + e.getKey() + "' is not a number");
            }
        }
        Optimizer o = switch (name) {
            case "sgd" -> new Sgd(take(p, "momentum", Sgd.V_NET.momentum()), take(p, "weight_decay", Sgd.V_NET.weightDecay()));
            case "adam" -> new Adam(take(p, "beta1", Adam.WONG.beta1()), take(p, "beta2", Adam.WONG.beta2()),
                    take(p, "eps", Adam.WONG.eps()), take(p, "weight_decay", Adam.WONG.weightDecay()));
            default -> throw usage(spec, "unknown optimiser '" + name + "'");
        };
        if (!p.isEmpty()) {
            throw usage(spec, "unknown parameter(s) " + p.keySet() + " for " + name);
        }
        return o;
    }

    private static double take(Map<String, Double> p, String key, double dflt) {
        Double v = p.remove(key);
        return v == null ? dflt : v;
    }

    private static LossbenchException usage(String spec, String what) {
        return new LossbenchException(ExitCode.USAGE, "optimiser '" + spec + "': " + what
                + "; known: sgd[:momentum=M,weight_decay=W] (default 0.99, 0), adam[:beta1=B1,beta2=B2,eps=E,weight_decay=W] (default 0.9, 0.999, 1e-8, 0)");
    }
}
