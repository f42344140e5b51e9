package org.lossbench.cli.sweep;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The two batch scripts of a sweep on Slurm (docs/sweep.md, "Slurm"): a job array whose task {@code i}
 * runs {@code lossbench sweep --spec SPEC --shard i/N --threads $SLURM_CPUS_PER_TASK --jobs 1} into the shared sweep
 * folder, with {@code --requeue} (a task that is preempted, or requeued after a kill, starts again and skips
 * the cells it finished; its claims, {@link CellClaim}, are its own Slurm task's and are taken over at once),
 * and a merge job, submitted with {@code --dependency=afterany:<array>}, that runs {@code lossbench merge}
 * on the folder, which refuses (exit 3) when a cell has not run and names it.
 *
 * <p>Both run this very program: the Java executable and the absolute class path of the submitting
 * process (the checkout must be on a file system the nodes share, like the results folder), with the
 * job's {@code $LOSSBENCH_JAVA_OPTS}. sbatch passes the submitting environment on ({@code --export=ALL},
 * its default), so {@code LOSSBENCH_ZOO} and the dataset registry's variable reach the tasks.
 *
 * @param sweepDir the shared sweep folder {@code OUT/<name>}, absolute
 * @param program the command that starts lossbench (executable and arguments), each word unquoted
 */
public record SlurmScripts(String name, Path sweepDir, SlurmResources resources, List<String> program, Path registryFile) {
    /** The folder of the scripts, the spec and the logs, inside the sweep folder. */
    public static final String FOLDER = "slurm";

    /** The command of this JVM: its java, its class path with absolute entries, and lossbench's main class. */
    public static List<String> thisProgram() {
        String cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> Path.of(p).toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(File.pathSeparator));
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp, "org.lossbench.cli.Main");
    }

    public Path folder() {
        return sweepDir.resolve(FOLDER);
    }

    public Path specFile() {
        return folder().resolve("spec.json");
    }

    public Path arrayFile() {
        return folder().resolve("shards.sbatch");
    }

    public Path mergeFile() {
        return folder().resolve("merge.sbatch");
    }

    /** The array job: one task per shard. */
    public String array() {
        int n = resources.shards();
        List<String> cmd = new ArrayList<>(List.of("sweep", "--spec", specFile().toString(), "--out", sweepDir.getParent().toString()));
        if (registryFile != null) {
            cmd.addAll(List.of("--registry", registryFile.toString()));
        }
        return "#!/bin/bash\n"
                + "# lossbench sweep " + name + ": array task i runs shard i/" + n + " (written by lossbench sweep --slurm; docs/sweep.md)\n"
                + "#SBATCH --job-name=lossbench-" + name + "\n"
                + "#SBATCH --array=0-" + (n - 1) + "\n"
                + resourceLines()
                + (resources.gpusPerTask() > 0 ? "#SBATCH --gpus-per-task=" + resources.gpusPerTask() + "\n" : "")
                + "#SBATCH --requeue\n"
                + "#SBATCH --open-mode=append\n"
                + "#SBATCH --output=" + folder().resolve("logs").resolve("shard-%a.log") + "\n"
                + "set -euo pipefail\n"
                + "echo \"lossbench: job ${SLURM_JOB_ID} (array ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}, restart ${SLURM_RESTART_COUNT:-0}) on $(hostname)\" >&2\n"
                + "exec " + programLine() + " " + words(cmd) + " \\\n"
                + "    --shard \"${SLURM_ARRAY_TASK_ID}/" + n + "\" --threads \"${SLURM_CPUS_PER_TASK:-" + resources.cpusPerTask() + "}\" --jobs 1\n";
    }

    /** The merge job, submitted to run after every array task has ended. */
    public String merge() {
        return "#!/bin/bash\n"
                + "# lossbench sweep " + name + ": merge of the " + resources.shards() + " shards once every array task has ended "
                + "(written by lossbench sweep --slurm)\n"
                + "#SBATCH --job-name=lossbench-" + name + "-merge\n"
                + resourceLines()
                + "#SBATCH --output=" + folder().resolve("logs").resolve("merge.log") + "\n"
                + "#SBATCH --open-mode=append\n"
                + "set -euo pipefail\n"
                + "exec " + programLine() + " " + words(List.of("merge", sweepDir.toString())) + "\n";
    }

    /** The sbatch command that submits the array. */
    public List<String> submitArray() {
        return List.of("sbatch", "--parsable", arrayFile().toString());
    }

    /** The sbatch command that submits the merge job, to start once every task of {@code arrayJob} has ended. */
    public List<String> submitMerge(String arrayJob) {
        return List.of("sbatch", "--parsable", "--dependency=afterany:" + arrayJob, mergeFile().toString());
    }

    private String resourceLines() {
        StringBuilder b = new StringBuilder("#SBATCH --cpus-per-task=" + resources.cpusPerTask() + "\n");
        if (resources.mem() != null) {
            b.append("#SBATCH --mem=").append(resources.mem()).append('\n');
        }
        if (resources.time() != null) {
            b.append("#SBATCH --time=").append(resources.time()).append('\n');
        }
        if (resources.partition() != null) {
            b.append("#SBATCH --partition=").append(resources.partition()).append('\n');
        }
        return b.toString();
    }

    private String programLine() {
        return quote(program.get(0)) + " ${LOSSBENCH_JAVA_OPTS:-} " + words(program.subList(1, program.size()));
    }

    static String words(List<String> words) {
        return words.stream().map(SlurmScripts::quote).collect(Collectors.joining(" "));
    }

    /** {@code s} as one word of a POSIX shell: bare when it is plain, else in single quotes. */
    static String quote(String s) {
        return s.matches("[A-Za-z0-9_@%+=:,./-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
