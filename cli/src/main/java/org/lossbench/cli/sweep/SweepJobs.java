package org.lossbench.cli.sweep;

import java.util.function.BooleanSupplier;

/**
 * How many cells one runner runs at once ({@code lossbench sweep --jobs}) and the ONNX Runtime intra-op
 * threads each cell's session gets.
 *
 * <p>Why cells in parallel: the zoo's sliding windows are small (32^3 and 32x48x32 voxels), and on the 2-core
 * machine ONNX Runtime ran them no faster with two intra-op threads than with one (inference 16.3-16.7 s against
 * 17.9-22.0 s for the same four cells, docs/sweep.md), so one cell per core at one thread each keeps both cores
 * busy. The cells' tables do not depend on it: a sweep gives byte-identical tables at any {@code --jobs}
 * ({@code SweepJobsTest}), and the thread count was measured not to change them either.
 *
 * <p>{@code --jobs auto} (the default): one cell at a time in train mode (each training already uses every
 * core, and its checkpoints resume only at the same thread count) and on a GPU; on the CPU, with the spec's
 * threads left at 0, {@code min(cores, }{@value #AUTO_MAX}{@code )} cells at a time (more sessions than that
 * hold more windows and volumes in memory for little gain), and with threads set, {@code cores / threads} cells.
 * Never more jobs than cells.
 *
 * <p>The threads: the spec's when it sets them (a thread count of the cell's key is honoured exactly); else 0
 * (ONNX Runtime's default, every core) for one job, and {@code max(1, cores / jobs)} for several. The cell's key
 * keeps the spec's 0, which means "the runner's share of the cores".
 *
 * @param jobs    cells run at once, at least 1
 * @param threads each cell's ONNX Runtime intra-op threads, 0 = ONNX Runtime's default
 */
public record SweepJobs(int jobs, int threads) {
    /** The most cells {@code --jobs auto} runs at once. */
    static final int AUTO_MAX = 4;

    /**
     * Resolves {@code --jobs} for the resolved {@code spec}.
     *
     * @param requested {@code --jobs N} (at least 1), or null for {@code auto}
     * @param cores     the processors this runner may use
     * @param cells     the cells this runner has to run (its shard's)
     * @param onGpu     whether the spec's device resolves to a GPU; asked only for {@code auto} outside train mode
     */
    public static SweepJobs resolve(Integer requested, SweepSpec spec, int cores, int cells, BooleanSupplier onGpu) {
        int specThreads = spec.inference().threads();
        int jobs;
        if (requested != null) {
            jobs = requested;
        } else if (SweepMode.of(spec) == SweepMode.TRAIN || onGpu.getAsBoolean()) {
            jobs = 1;
        } else {
            jobs = specThreads > 0 ? cores / specThreads : Math.min(cores, AUTO_MAX);
        }
        jobs = Math.max(1, Math.min(jobs, cells));
        int threads = specThreads > 0 || jobs == 1 ? specThreads : Math.max(1, cores / jobs);
        return new SweepJobs(jobs, threads);
    }

    /** For the log: {@code 2 cells at a time, 1 ONNX Runtime thread each}. */
    public String describe() {
        String t = threads == 0 ? "ONNX Runtime's default threads" : threads + " ONNX Runtime thread" + (threads == 1 ? "" : "s");
        return jobs + (jobs == 1 ? " cell" : " cells") + " at a time, " + t + (jobs == 1 ? "" : " each");
    }
}
