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
     */
    public record Report(int ran, int skipped, int failed, int exitCode, Map<String, Double> seconds, double wallSeconds,
                         List<OpenCells.Open> open) {
    }

    private SweepRunner() {
    }

    public static Report run(Path dir, SweepSpec spec, List<Cell> cells, DatasetRegistry registry) {
        return run(dir, spec, cells, registry, ClaimOwner.current());
    }

    static Report run(Path dir, SweepSpec spec, List<Cell> cells, DatasetRegistry registry, ClaimOwner me) {
        long t0 = System.nanoTime();
        Tally tally = new Tally(new CellRunner(spec, registry), Instant.now());
        List<Cell> pending = cells;
        try (Progress progress = Progress.start("sweep", cells.size())) {
            while (!pending.isEmpty()) {
                List<Cell> held = new ArrayList<>();
                int worked = tally.ran + tally.failed;
                for (Cell c : pending) {
                    if (!tally.take(dir, c, me)) {
                        held.add(c);
                        continue;
                    }
                    progress.step();
                }
                if (tally.ran + tally.failed == worked && !anyStale(dir, held, me)) {
                    break;
                }
                pending = held;
            }
        }
        List<OpenCells.Open> open = OpenCells.of(dir, pending);
        return new Report(tally.ran, tally.skipped, tally.failed, tally.code, tally.seconds, (System.nanoTime() - t0) / 1e9, open);
    }

    /** What this run did so far, and the step that takes one cell. */
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

        /**
         * Skips the cell when finished, else runs it under its claim (recording a failure); returns false
         * when another live runner holds it.
         */
        boolean take(Path dir, Cell c, ClaimOwner me) {
            CellFiles files = CellFiles.of(dir, c);
            if (files.isDone(c)) {
                skipped++;
                return true;
            }
            Optional<CellClaim> claim = CellClaim.acquire(files.dir(), me);
            if (claim.isEmpty()) {
                return false;
            }
            CellClaim held = claim.get();
            try (held) {
                if (files.isDone(c) || failedSince(files, started)) {
                    skipped++; // finished (or failed) by another runner while we looked
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
                runner.run(c, files).forEach((k, v) -> seconds.merge(k, v, Double::sum));
                ran++;
            } catch (LossbenchException e) {
                if (e.exitCode() == ExitCode.USAGE) {
                    throw e;
                }
                failed++;
                code = Math.max(code, e.exitCode().code());
                record(files, c, e.getMessage(), e.exitCode().code());
            } catch (RuntimeException e) {
                failed++;
                code = Math.max(code, ExitCode.INTERNAL.code());
                record(files, c, "internal error: " + e, ExitCode.INTERNAL.code());
            }
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
