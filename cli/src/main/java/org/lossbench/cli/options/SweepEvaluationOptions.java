package org.lossbench.cli.options;

import org.lossbench.cli.sweep.SweepSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code evaluation} section of a sweep spec: {@code lossbench evaluate}'s options and the bootstrap seed. */
public final class SweepEvaluationOptions {
    @Mixin
    private EvaluationOptions evaluation;

    @Option(names = "--bootstrap-seed", defaultValue = "0", description = "seed of the bootstrap confidence intervals (default: ${DEFAULT-VALUE})")
    private long bootstrapSeed;

    public SweepSpec.Evaluation section() {
        return evaluation.sweepSection(bootstrapSeed);
    }
}
