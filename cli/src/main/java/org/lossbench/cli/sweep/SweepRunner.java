package org.lossbench.cli.sweep;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.progress.Progress;
import org.lossbench.datasets.spec.DatasetRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the cells of a sweep (or of one shard) that are not finished yet, each through
 * {@link CellRunner}; a failing cell is recorded ({@link CellFiles#recordFailure}) and the others go
 * on. Usage errors (bad settings, which every cell would hit) stop the sweep instead.
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
     */
    public record Report(int ran, int skipped, int failed, int exitCode, Map<String, Double> seconds, double wallSeconds) {
    }

    private SweepRunner() {
    }

    public static Report run(Path dir, SweepSpec spec, List<Cell> cells, DatasetRegistry registry) {
        long t0 = System.nanoTime();
        Map<String, Double> seconds = new LinkedHashMap<>();
        CellRunner runner = new CellRunner(spec, registry);
        int ran = 0;
        int skipped = 0;
        int failed = 0;
        int code = 0;
        try (Progress progress = Progress.start("sweep", cells.size())) {
            for (Cell c : cells) {
                CellFiles files = CellFiles.of(dir, c);
                if (files.isDone(c)) {
                    skipped++;
                    progress.step();
                    continue;
                }
                files.clearFailure();
                LOG.info("cell {} ({}): {}", c.index(), c.key().substring(0, 12), c.label());
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
                progress.step();
            }
        }
        return new Report(ran, skipped, failed, code, seconds, (System.nanoTime() - t0) / 1e9);
    }

    private static void record(CellFiles files, Cell c, String reason, int code) {
        LOG.warn("cell {} failed ({}): {}", c.label(), code, reason);
        files.recordFailure(new CellFiles.Failure(c.key(), reason, code));
    }
}
