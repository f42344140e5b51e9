package org.lossbench.cli.sweep;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.lossbench.core.engine.Device;
import org.lossbench.core.engine.ResolvedDevice;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sweep run on this machine ({@code lossbench sweep} without {@code --slurm}): writes the plan, runs the
 * open cells of its shard ({@link SweepRunner}) and, when every cell of the plan is done or failed,
 * aggregates them ({@link SweepResults}) and prints {@code summary.md}. Counts, the cells other runners
 * still hold and where the time went go to {@code err}.
 */
public final class LocalSweep {
    private static final Logger LOG = LoggerFactory.getLogger(LocalSweep.class);

    private LocalSweep() {
    }

    /**
     * Runs {@code s} (resolved) into {@code outRoot/<name>/} and returns the exit code.
     *
     * @param jobs       {@code --jobs N}, or null for {@code auto} ({@link SweepJobs#resolve})
     * @param startNanos when the command started, for the time split of the last line
     */
    public static int run(SweepSpec s, Path outRoot, Shard shard, Integer jobs, DatasetRegistry registry, PrintWriter out, PrintWriter err,
                          long startNanos) {
        Path dir = outRoot.resolve(s.name());
        AtomicFiles.checkFolder(dir, "--out");
        List<Cell> cells = SweepPlan.cells(s, registry);
        SweepResults.writePlan(dir, s, cells);
        List<Cell> mine = shard.select(cells);
        LOG.info("sweep {}: {} cells{}, results in {}", s.name(), cells.size(),
                shard.isAll() ? "" : ", shard " + shard.index() + "/" + shard.count() + " runs " + mine.size(), dir);
        SweepJobs j = SweepJobs.resolve(jobs, s, Runtime.getRuntime().availableProcessors(), mine.size(),
                () -> onGpu(Device.parse(s.inference().device())));
        LOG.info("sweep {}: {}", s.name(), j.describe());
        SweepRunner.Report r = SweepRunner.run(dir, s, mine, registry, j);
        err.printf("sweep %s: %d cells run, %d already finished, %d failed%n", s.name(), r.ran(), r.skipped(), r.failed());
        err.flush();
        if (!shard.isAll()) {
            LOG.info("shard {}/{} finished; join the shards with: lossbench merge DIR...", shard.index(), shard.count());
            return r.exitCode();
        }
        if (!r.open().isEmpty()) { // other runners share the folder: the one that finishes the last cell aggregates
            err.printf("sweep %s: %d of %d cells are still open; the runner that finishes the last of them "
                    + "aggregates (else, once they are done: lossbench merge %s):%n%s%n", s.name(), r.open().size(), cells.size(), dir,
                    OpenCells.describe(r.open(), ClaimOwner.current(), Instant.now()));
            err.flush();
            return r.exitCode();
        }
        long t0 = System.nanoTime();
        SweepResults.Outcome o = SweepResults.aggregate(dir, s, cells);
        err.printf(Locale.ROOT, "sweep %s: aggregated %d cells in %.2f s%n", s.name(), cells.size(), (System.nanoTime() - t0) / 1e9);
        if (r.ran() > 0) {
            err.println(TimeSplit.line(s.name(), r, (System.nanoTime() - startNanos) / 1e9));
        }
        err.flush();
        out.print(o.markdown());
        out.flush();
        return o.exitCode();
    }

    /**
     * Whether the cells run on a GPU: {@code cuda[:N]} does (a CUDA that does not work fails the cells, as without
     * {@code --jobs}); {@code auto} does when CUDA is usable, which only {@link ResolvedDevice} can tell.
     */
    private static boolean onGpu(Device d) {
        return d.kind() == Device.Kind.CUDA || d.kind() == Device.Kind.AUTO && ResolvedDevice.resolve(d).isCuda();
    }
}
