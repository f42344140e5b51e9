package org.lossbench.cli.options;

import java.util.List;
import org.lossbench.cli.sweep.SweepSpec;
import org.lossbench.eval.EmptyPolicy;
import org.lossbench.eval.EvalConfig;
import org.lossbench.eval.Tolerances;
import org.lossbench.eval.lesion.Connectivity;
import org.lossbench.eval.lesion.Matching;
import org.lossbench.eval.lesion.SizeBins;
import picocli.CommandLine.Option;

/**
 * What is evaluated and how (docs/metrics.md): {@code lossbench evaluate}'s options, and with
 * {@code --bootstrap-seed} a sweep's {@code evaluation} section. The values stay text until
 * {@link #config} (or, in a sweep, {@code SweepSettings}) reads them, because a sweep's cell key records
 * them as written.
 */
public final class EvaluationOptions {
    @Option(names = "--labels", split = ",", paramLabel = "L",
            description = "classes to evaluate (default: every non-zero label present; in a sweep every foreground class of the dataset); "
                    + "any other label is an error")
    private List<Integer> labels;

    @Option(names = "--tolerance-mm", defaultValue = "2", paramLabel = "T[,L=T...]",
            description = "NSD tolerance in mm for every class, and optionally per class as L=T (default: ${DEFAULT-VALUE})")
    private String tolerance;

    @Option(names = "--connectivity", defaultValue = "26", paramLabel = "6|18|26", description = "lesion connectivity (default: ${DEFAULT-VALUE})")
    private int connectivity;

    @Option(names = "--match", defaultValue = "overlap", paramLabel = "overlap|iou:T",
            description = "lesion matching: greedy one-to-one by overlap, or maximum bipartite IoU matching at IoU >= T (default: ${DEFAULT-VALUE})")
    private String match;

    @Option(names = "--size-bins", defaultValue = "3,6,12,24", paramLabel = "E1,E2,...",
            description = "lesion size-bin edges, equivalent diameter in mm (default: ${DEFAULT-VALUE})")
    private String sizeBins;

    @Option(names = "--empty", defaultValue = "monai", paramLabel = "monai|nnunet|worst",
            description = "empty-case policy, see the empty-case table (lossbench evaluate --help, docs/metrics.md) (default: ${DEFAULT-VALUE})")
    private String empty;

    /**
     * The evaluation configuration.
     *
     * @throws IllegalArgumentException naming the option whose value is wrong
     */
    public EvalConfig config() {
        if (labels != null && labels.contains(0)) {
            throw new IllegalArgumentException("--labels must not contain 0: label 0 is background and is not evaluated");
        }
        return EvalConfig.defaults()
                .withLabels(labels)
                .withTolerances(Tolerances.parse(tolerance))
                .withConnectivity(Connectivity.of(connectivity))
                .withMatching(Matching.parse(match))
                .withSizeBins(SizeBins.parse(sizeBins))
                .withEmptyPolicy(EmptyPolicy.parse(empty));
    }

    /** The sweep spec's {@code evaluation} section, checked later by {@code SweepSettings}. */
    public SweepSpec.Evaluation sweepSection(long bootstrapSeed) {
        return new SweepSpec.Evaluation(labels, tolerance, connectivity, match, empty, sizeBins, bootstrapSeed);
    }
}
