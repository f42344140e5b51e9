package org.lossbench.cli.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.progress.Progress;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.eval.results.CellFailure;
import org.lossbench.eval.results.SweepLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the cells of a sweep (or of one shard) that are not finished yet, each through
 * {@link CellRunner}; a failing cell is recorded ({@link CellFiles#recordFailure}) and the others go
 * on. Usage errors (bad settings, which every cell would hit) stop the sweep instead.
 *
 * <p>Runners may share a sweep folder (docs/sweep.md, "Runners sharing a folder"): a cell is run only
 * under its {@link CellClaim}; a cell another live runner holds is passed over, and the cells passed
 * over are looked at again after each pass that ran something (their runner may have died meanwhile),
 * until a pass runs nothing. A cell whose failure was recorded after this run started failed in
 * another runner during this run and is not retried (an earlier failure is: the next run retries it).
 * The cells still open at the end (held by other runners) are in the report.
 *
 * <p>A runner may run several cells at once ({@link SweepJobs}): its jobs take the cells of a pass from one
 * queue, in plan order, each cell under its claim as above. A usage error in one job stops the others from
 * taking more cells and is rethrown once they have finished theirs.
 */
public final class SweepRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);

    /**
     * What a run did; {@code exitCode} is 0, or the worst failure's code (3 bad input or model, 4 internal).
     *
     * @param seconds the cells' wall-clock seconds summed by stage ({@code dataset_load_s}, {@code train_s},
     *                {@code model_load_s}, {@code inference_s}, {@code evaluation_s}, {@code write_s}, {@code total_s})
     *                over the cells this run finished
     * @param wallSeconds the run's own wall-clock time, so that {@code wallSeconds - seconds.total_s} is what the
     *                    runner spent outside the cells (planning, skipping, recording failures)
     * @param open the cells of this run that were neither finished nor failed at its end: other runners held them
     * @param jobs the cells run at once
     */
    public record Report(int ran, int skipped, int failed, int exitCode, Map<String, Double> seconds, double wallSeconds,
                         List<OpenCells.Open> open, int jobs) {
    }

    private SweepRunner() {
    }

    public static Report run(Path dir, SweepSpec spec, List<Cell> cells, DatasetRegistry registry, SweepJobs jobs) {
        return run(dir, spec, cells, registry, ClaimOwner.current(), jobs);
    }

    static Report run(Path dir, SweepSpec spec, List<Cell> cells, DatasetRegistry registry, ClaimOwner me, SweepJobs jobs) {
        long t0 = System.nanoTime();
        Tally tally = new Tally(new CellRunner(spec, registry, jobs.threads()), Instant.now());
        List<Cell> pending = cells;
        try (Progress progress = Progress.start("sweep", cells.size())) {
            while (!pending.isEmpty()) {
                int worked = tally.worked();
                List<Cell> held = pass(dir, pending, me, tally, progress, jobs.jobs());
                if (tally.worked() == worked && !anyStale(dir, held, me)) {
                    break;
                }
                pending = held;
            }
        }
        List<OpenCells.Open> open = OpenCells.of(dir, pending);
        return new Report(tally.ran, tally.skipped, tally.failed, tally.code, tally.seconds, (System.nanoTime() - t0) / 1e9, open, jobs.jobs());
    }

    /**
     * One pass over {@code pending}: {@code jobs} workers (this thread and {@code jobs - 1} more) take the cells
     * from one queue; returns the cells other runners held, in plan order.
     */
    private static List<Cell> pass(Path dir, List<Cell> pending, ClaimOwner me, Tally tally, Progress progress, int jobs) {
        Queue<Cell> queue = new ConcurrentLinkedQueue<>(pending);
        Set<Cell> held = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        Runnable worker = () -> {
            Cell c;
            while (!stop.get() && (c = queue.poll()) != null) {
                try {
                    if (tally.take(dir, c, me)) {
                        progress.step();
                    } else {
                        held.add(c);
                    }
                } catch (RuntimeException | Error e) {
                    stop.set(true);
                    throw e;
                }
            }
        };
        if (jobs == 1) {
            worker.run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(jobs - 1, SweepRunner::jobThread);
            try {
                List<Future<?>> others = new ArrayList<>();
                for (int i = 1; i < jobs; i++) {
                    others.add(pool.submit(worker));
                }
                Throwable mine = null;
                try {
                    worker.run();
                } catch (RuntimeException | Error e) {
                    mine = e;
                }
                awaitAll(others, mine);
            } finally {
                pool.shutdown();
            }
        }
        return pending.stream().filter(held::contains).toList();
    }

    /** Waits for every other job; rethrows the first failure (this thread's first), after all have stopped. */
    private static void awaitAll(List<Future<?>> others, Throwable mine) {
        Throwable first = mine;
        for (Future<?> f : others) {
            try {
                f.get();
            } catch (ExecutionException e) {
                first = first == null ? e.getCause() : first;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                first = first == null ? new IllegalStateException("interrupted while the sweep's jobs ran", e) : first;
            }
        }
        if (first instanceof RuntimeException r) {
            throw r;
        }
        if (first instanceof Error err) {
            throw err;
        }
    }

    private static final AtomicInteger JOB_THREADS = new AtomicInteger();

    private static Thread jobThread(Runnable r) {
        Thread t = new Thread(r, "sweep-job-" + JOB_THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    /** What this run did so far, and the step that takes one cell; its counts are updated under its lock, by every job. */
    private static final class Tally {
        private final CellRunner runner;
        private final Instant started;
        private final Map<String, Double> seconds = new LinkedHashMap<>();
        private int ran;
        private int skipped;
        private int failed;
        private int code;

        Tally(CellRunner runner, Instant started) {
            this.runner = runner;
            this.started = started;
        }

        /** Cells run or failed so far. */
        synchronized int worked() {
            return ran + failed;
        }

        /**
         * Skips the cell when finished, else runs it under its claim (recording a failure); returns false
         * when another live runner holds it.
         */
        boolean take(Path dir, Cell c, ClaimOwner me) {
            CellFiles files = CellFiles.of(dir, c);
            if (files.isDone(c)) {
                count(() -> skipped++);
                return true;
            }
            Optional<CellClaim> claim = CellClaim.acquire(files.dir(), me);
            if (claim.isEmpty()) {
                return false;
            }
            CellClaim held = claim.get();
            try (held) {
                if (files.isDone(c) || failedSince(files, started)) {
                    count(() -> skipped++); // finished (or failed) by another runner while we looked
                } else {
                    files.clearFailure();
                    LOG.info("cell {} ({}): {}", c.index(), c.key().substring(0, 12), c.label());
                    runClaimed(files, c);
                }
            }
            return true;
        }

        /** Runs a claimed cell; a failure is recorded and counted, a usage error (every cell would hit it) stops the sweep. */
        private void runClaimed(CellFiles files, Cell c) {
            try {
                Map<String, Double> took = runner.run(c, files);
                count(() -> {
                    took.forEach((k, v) -> seconds.merge(k, v, Double::sum));
                    ran++;
                });
            } catch (LossbenchException e) {
                if (e.exitCode() == ExitCode.USAGE) {
                    throw e;
                }
                fail(e.exitCode().code());
                record(files, c, e.getMessage(), e.exitCode().code());
            } catch (RuntimeException e) {
                fail(ExitCode.INTERNAL.code());
                record(files, c, "internal error: " + e, ExitCode.INTERNAL.code());
            }
        }

        private synchronized void count(Runnable update) {
            update.run();
        }

        private synchronized void fail(int exitCode) {
            failed++;
            code = Math.max(code, exitCode);
        }
    }

    /** Whether a cell held by another runner may now be taken over (its runner died while we worked). */
    private static boolean anyStale(Path dir, List<Cell> held, ClaimOwner me) {
        Instant now = Instant.now();
        return held.stream().anyMatch(c -> CellClaim.holder(CellFiles.of(dir, c).dir()).map(h -> h.isStale(me, now)).orElse(true));
    }

    /** Whether the cell's failure was recorded after {@code since} (by a runner working beside this one). */
    private static boolean failedSince(CellFiles files, Instant since) {
        try {
            Path f = files.file(SweepLayout.FAILED);
            return Files.isRegularFile(f) && !Files.getLastModifiedTime(f).toInstant().isBefore(since);
        } catch (IOException e) {
            return false;
        }
    }

    private static void record(CellFiles files, Cell c, String reason, int code) {
        LOG.warn("cell {} failed ({}): {}", c.label(), code, reason);
        files.recordFailure(new CellFailure(c.key(), reason, code));
    }
}
