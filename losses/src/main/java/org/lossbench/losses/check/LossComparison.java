package org.lossbench.losses.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.losses.LossInput;
import org.lossbench.losses.check.GraphLossEvaluator;

/**
 * One loss evaluated in both forms on one input, for {@code lossbench losses eval}: the reference
 * (double), the graph (float32 through ONNX Runtime) and their absolute and relative difference, for
 * the total and each term.
 *
 * @param spec the spec as given
 * @param resolved the spec with every parameter written out
 * @param device the device the graph ran on
 */
public record LossComparison(String spec, String resolved, String device, double reference, double graph, double absDiff,
                             double relDiff, List<TermComparison> terms) {
    /** One term's unweighted values. */
    public record TermComparison(String name, double weight, double reference, double graph, double absDiff, double relDiff) {
    }

    public static LossComparison of(String spec, LossInput in, SessionConfig config) {
        CompoundLoss loss = CompoundLoss.parse(spec);
        CompoundLoss.Evaluation ref = loss.reference(in);
        try (GraphLossEvaluator ev = new GraphLossEvaluator(loss, in.k(), config)) {
            Map<String, Double> graph = ev.evaluate(in);
            List<TermComparison> terms = new ArrayList<>();
            for (CompoundLoss.Term t : loss.terms()) {
                double r = ref.terms().get(t.name());
                double g = loss.isCompound() ? graph.get(CompoundLoss.termOutput(t.name())) : graph.get(CompoundLoss.OUTPUT);
                terms.add(new TermComparison(t.name(), t.weight(), r, g, Math.abs(g - r), relative(r, g)));
            }
            double g = graph.get(CompoundLoss.OUTPUT);
            return new LossComparison(spec, loss.spec(), ev.device(), ref.total(), g, Math.abs(g - ref.total()),
                    relative(ref.total(), g), terms);
        }
    }

    /** {@code |g - r| / |r|}, or {@code |g - r|} when r is 0. */
    static double relative(double r, double g) {
        return r == 0 ? Math.abs(g) : Math.abs(g - r) / Math.abs(r);
    }
}
