package org.lossbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lossbench.cli.options.Converters;
import org.lossbench.cli.options.SlurmOptions;
import org.lossbench.cli.options.SpecFile;
import org.lossbench.cli.options.SpecFileDefaults;
import org.lossbench.cli.options.SweepEvaluationOptions;
import org.lossbench.cli.options.SweepGridOptions;
import org.lossbench.cli.options.SweepInferenceOptions;
import org.lossbench.cli.options.TrainingOptions;
import org.lossbench.cli.report.ReportWarmup;
import org.lossbench.cli.sweep.LocalSweep;
import org.lossbench.cli.sweep.Shard;
import org.lossbench.cli.sweep.SlurmSweep;
import org.lossbench.cli.sweep.SweepSettings;
import org.lossbench.cli.sweep.SweepSpec;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.datasets.registry.DatasetRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lossbench sweep}: runs a grid of cells (dataset x model x loss x seed) and writes the
 * comparison tables under {@code OUT/<name>/} (docs/sweep.md). Every field of the spec file is also a
 * flag, in groups that map onto the file's sections; the file gives the flags' defaults
 * ({@link SpecFileDefaults}), so flags override it.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = SpecFileDefaults.class,
        description = {"Run a sweep: every cell (dataset x model x loss x seed) takes its model from the model zoo (the default: "
                + "models/zoo-v2, swept whole as its protocol says: vnet-lite on msd-hippocampus and phantom-lesions, 11 losses, "
                + "3 seeds), trains it (--train) or takes an ONNX file (--mode external), runs it over "
                + "the split's cases with sliding windows and evaluates it; the tables go to OUT/<name>/ and summary.md is printed. "
                + "Finished cells are skipped, so an interrupted sweep resumes. See docs/sweep.md."},
        footer = {"", "Exit codes: 0 every cell finished; 2 usage error; 3 a cell failed on bad input (a bad model or data), "
                + "4 a cell failed otherwise (e.g. training diverged); failed cells are listed in summary.md and manifest.json."})
public final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--spec", paramLabel = "FILE.json", converter = SpecFile.Reader.class, description = "sweep spec; flags override its fields")
    SpecFile specFile;
    @Mixin(name = SpecFileDefaults.TOP_LEVEL)
    SweepGridOptions grid;
    @Mixin(name = "training")
    TrainingOptions training = new TrainingOptions(200);
    @Mixin(name = "evaluation")
    SweepEvaluationOptions evaluation;
    @Mixin(name = "inference")
    SweepInferenceOptions inference;

    @Option(names = "--out", defaultValue = "results", paramLabel = "DIR", description = "results root; the sweep writes DIR/<name>/ (default: ${DEFAULT-VALUE})")
    Path out;
    @Option(names = "--shard", paramLabel = "i/N", description = "run only cells k with k mod N = i (0 <= i < N); join the shards with lossbench merge")
    String shard;
    @Option(names = "--jobs", paramLabel = "N|auto", converter = Converters.JobCount.class,
            description = "cells this runner runs at once (default: auto: on the CPU up to 4, one per core, each at cores/jobs ONNX Runtime "
                    + "threads unless --threads is set; one in train mode and on a GPU). The tables do not depend on it (docs/sweep.md)")
    Integer jobs;
    @Option(names = "--registry", paramLabel = "FILE", description = "registry of user datasets (default: $" + DatasetRegistry.ENV + ", else ~/.lossbench/registry.json)")
    Path registryFile;

    @Option(names = "--slurm", description = "submit the sweep to Slurm instead: a job array, one task per shard, and a merge job after it "
            + "(docs/sweep.md, Slurm); the resources below may also come from the spec's \"slurm\" section")
    boolean slurm;
    @Option(names = "--dry-run", description = "with --slurm: print the spec and the batch scripts, submit nothing")
    boolean dryRun;
    @Mixin(name = "slurm")
    SlurmOptions slurmResources;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        SweepSpec s = requested().resolved();
        SweepSettings.check(s);
        if (slurm) {
            if (shard != null) {
                throw new LossbenchException(ExitCode.USAGE,
                        "sweep --slurm runs every shard as a task of the job array; drop --shard (set their number with --shards)");
            }
            return SlurmSweep.submit(s, out, slurmResources.resources(), registryFile, dryRun, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
        if (dryRun || slurmResources.anyGiven()) {
            throw new LossbenchException(ExitCode.USAGE, "--dry-run, --shards, --cpus-per-task, --mem, --time, --partition and --gpus-per-task "
                    + "go with --slurm; to run one shard here use --shard i/N");
        }
        Shard sh = shard == null ? Shard.ALL : Shard.parse(shard);
        if (sh.isAll()) {
            Warmup.start("report-warmup", ReportWarmup::run); // a shard does not aggregate; merge does
        }
        return LocalSweep.run(s, out, sh, jobs, DatasetRegistry.locate(registryFile), spec.commandLine().getOut(), spec.commandLine().getErr(), start);
    }

    /** The sweep as given: the flags, over the spec file's fields, over the options' defaults; not yet resolved. */
    SweepSpec requested() {
        return grid.spec(specFile, training.sweepSection(), evaluation.section(), inference.section());
    }
}
