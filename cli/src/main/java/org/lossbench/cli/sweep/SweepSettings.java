package org.lossbench.cli.sweep;

import java.util.List;
import java.util.stream.IntStream;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.eval.EmptyPolicy;
import org.lossbench.eval.EvalConfig;
import org.lossbench.eval.Tolerances;
import org.lossbench.eval.lesion.Connectivity;
import org.lossbench.eval.lesion.Matching;
import org.lossbench.eval.lesion.SizeBins;

/** The eval module's configuration from a resolved spec's evaluation settings. */
public final class SweepSettings {
    private SweepSettings() {
    }

    /**
     * The evaluation configuration; without explicit labels every foreground class of the dataset
     * ({@code 1..classes-1}) is evaluated, so every case and loss has a row for every class.
     */
    public static EvalConfig evalConfig(SweepSpec.Evaluation e, int classes) {
        try {
            List<Integer> labels = e.labels() != null ? e.labels() : IntStream.range(1, classes).boxed().toList();
            return EvalConfig.defaults()
                    .withLabels(labels)
                    .withTolerances(Tolerances.parse(e.toleranceMm()))
                    .withConnectivity(Connectivity.of(e.connectivity()))
                    .withMatching(Matching.parse(e.match()))
                    .withSizeBins(SizeBins.parse(e.sizeBins()))
                    .withEmptyPolicy(EmptyPolicy.parse(e.empty()));
        } catch (IllegalArgumentException ex) {
            throw new LossbenchException(ExitCode.USAGE, "sweep: evaluation settings: " + ex.getMessage());
        }
    }

    /** Checks the evaluation settings before any cell runs. */
    public static void check(SweepSpec spec) {
        if (spec.evaluation().labels() != null && spec.evaluation().labels().contains(0)) {
            throw new LossbenchException(ExitCode.USAGE, "sweep: evaluation labels must not contain 0 (background is not evaluated)");
        }
        evalConfig(spec.evaluation(), 2);
    }
}
