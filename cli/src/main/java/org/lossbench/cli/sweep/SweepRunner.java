package org.lossbench.cli.sweep;

import java.nio.file.Path;
import java.util.List;
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

    /** What a run did; {@code exitCode} is 0, or the worst failure's code (3 bad input or model, 4 internal). */
    public record Report(int ran, int skipped, int failed, int exitCode) {
    }

    private SweepRunner() {
    }

    public static Report run(Path dir, SweepSpec spec, List<Cell> cells, DatasetRegistry registry) {
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
                    runner.run(c, files);
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
        return new Report(ran, skipped, failed, code);
    }

    private static void record(CellFiles files, Cell c, String reason, int code) {
        LOG.warn("cell {} failed ({}): {}", c.label(), code, reason);
        files.recordFailure(new CellFiles.Failure(c.key(), reason, code));
    }
}
