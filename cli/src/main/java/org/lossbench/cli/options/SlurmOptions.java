package org.lossbench.cli.options;

import org.lossbench.cli.sweep.SlurmResources;
import picocli.CommandLine.Option;

/** What {@code lossbench sweep --slurm} asks of Slurm: the spec's {@code slurm} section (docs/sweep.md, Slurm). */
public final class SlurmOptions {
    @Option(names = "--shards", paramLabel = "N", description = "with --slurm: array tasks, each running shard i/N (default: one per cell)")
    private Integer shards;
    @Option(names = "--cpus-per-task", paramLabel = "N", description = "with --slurm: CPUs per task, also its ONNX Runtime threads (default: 1)")
    private Integer cpusPerTask;
    @Option(names = "--mem", paramLabel = "SIZE", description = "with --slurm: memory per task, as sbatch --mem (e.g. 8G; default: the cluster's)")
    private String mem;
    @Option(names = "--time", paramLabel = "LIMIT", description = "with --slurm: time limit per task, as sbatch --time (e.g. 12:00:00)")
    private String time;
    @Option(names = "--partition", paramLabel = "NAME", description = "with --slurm: partition (default: the cluster's)")
    private String partition;
    @Option(names = "--gpus-per-task", paramLabel = "N", description = "with --slurm: GPUs per task for --device cuda (default: 0)")
    private Integer gpusPerTask;

    /** The resources asked for, from the flags and, with --slurm, the spec file's {@code slurm} section ({@link SpecFileDefaults}). */
    public SlurmResources resources() {
        return new SlurmResources(shards, cpusPerTask, mem, time, partition, gpusPerTask);
    }

    /** Whether any of them is set, which without --slurm is a usage error. */
    public boolean anyGiven() {
        return shards != null || cpusPerTask != null || mem != null || time != null || partition != null || gpusPerTask != null;
    }
}
