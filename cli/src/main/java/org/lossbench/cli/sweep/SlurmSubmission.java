package org.lossbench.cli.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.core.io.Json;

/**
 * Submits a sweep to Slurm: writes the resolved spec and the two scripts of {@link SlurmScripts} into
 * {@code OUT/<name>/slurm/}, then {@code sbatch}es the array and the merge job that depends on it
 * ({@code afterany}); or, for {@code --dry-run}, only prints them.
 */
public final class SlurmSubmission {
    /** The job ids of a submission. */
    public record Jobs(String array, String merge) {
    }

    private SlurmSubmission() {
    }

    /** What a submission would write and run, for {@code --dry-run}. */
    public static String dryRun(SlurmScripts s, SweepSpec spec) {
        return "# " + s.specFile() + "\n" + Json.pretty(spec).strip() + "\n\n# " + s.arrayFile() + "\n" + s.array() + "\n# " + s.mergeFile() + "\n"
                + s.merge() + "\n# submitted with\n" + SlurmScripts.words(s.submitArray()) + "   # prints the array's job id, ARRAY\n"
                + SlurmScripts.words(s.submitMerge("ARRAY")) + "\n";
    }

    /** Writes the spec and the scripts, submits the array, then the merge job after it. */
    public static Jobs submit(SlurmScripts s, SweepSpec spec) {
        AtomicFiles.writeString(s.specFile(), Json.pretty(spec).strip() + "\n");
        AtomicFiles.writeString(s.arrayFile(), s.array());
        AtomicFiles.writeString(s.mergeFile(), s.merge());
        try {
            Files.createDirectories(s.folder().resolve("logs"));
        } catch (IOException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "cannot create " + s.folder().resolve("logs") + ": " + e.getMessage(), e);
        }
        String array = sbatch(s.submitArray());
        String merge = sbatch(s.submitMerge(array));
        return new Jobs(array, merge);
    }

    /** Runs one sbatch command and returns the job id it prints ({@code --parsable}: {@code id} or {@code id;cluster}). */
    private static String sbatch(List<String> cmd) {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "sweep --slurm: cannot run sbatch (" + e.getMessage()
                    + "); run it on a Slurm login node, or use --dry-run to see the scripts");
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int code = p.waitFor();
            String id = out.lines().reduce((a, b) -> b).orElse("").split(";")[0].trim();
            if (code != 0 || !id.matches("[0-9]+")) {
                throw new LossbenchException(ExitCode.INTERNAL, "sweep --slurm: " + SlurmScripts.words(cmd) + " failed (exit " + code + "): " + out);
            }
            return id;
        } catch (IOException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "sweep --slurm: reading sbatch's answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LossbenchException(ExitCode.INTERNAL, "sweep --slurm: interrupted while sbatch ran");
        }
    }
}
