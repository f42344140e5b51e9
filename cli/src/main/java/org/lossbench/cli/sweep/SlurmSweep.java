package org.lossbench.cli.sweep;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.datasets.registry.DatasetRegistry;

/**
 * A sweep handed to Slurm ({@code lossbench sweep --slurm}, docs/sweep.md): writes the batch scripts and
 * submits them, the shards as a job array and a merge job after it, or with {@code dryRun} prints them.
 */
public final class SlurmSweep {
    private SlurmSweep() {
    }

    /**
     * Submits {@code s} (resolved) and returns the exit code.
     *
     * @param requested the resources asked for (flags over the spec file's section); defaults and checks come here
     * @param registryFile the {@code --registry} given, passed on to the tasks, or null
     */
    public static int submit(SweepSpec s, Path outRoot, SlurmResources requested, Path registryFile, boolean dryRun, PrintWriter out,
                             PrintWriter err) {
        DatasetRegistry registry = DatasetRegistry.locate(registryFile);
        Path dir = outRoot.toAbsolutePath().normalize().resolve(s.name());
        AtomicFiles.checkFolder(dir, "--out");
        List<Cell> cells = SweepPlan.cells(s, registry);
        SlurmResources res = requested.resolved(s, cells.size());
        SlurmScripts scripts = new SlurmScripts(s.name(), dir, res, SlurmScripts.thisProgram(),
                registryFile == null ? null : registryFile.toAbsolutePath().normalize());
        if (dryRun) {
            out.print(SlurmSubmission.dryRun(scripts, s));
            out.flush();
            return 0;
        }
        SlurmSubmission.Jobs jobs = SlurmSubmission.submit(scripts, s);
        err.printf("sweep %s: %d cells in %d array tasks (job %s), merge job %s after them; logs in %s%n", s.name(),
                cells.size(), res.shards(), jobs.array(), jobs.merge(), scripts.folder().resolve("logs"));
        err.flush();
        out.printf("array job %s%nmerge job %s%n", jobs.array(), jobs.merge());
        out.flush();
        return 0;
    }
}
