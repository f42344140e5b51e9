package org.lossbench.cli.sweep;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.io.Json;

/**
 * What a sweep asks of Slurm ({@code lossbench sweep --slurm}): the number of array tasks (one shard each)
 * and each task's resources, from the flags or the {@code "slurm"} section of the spec file (snake_case
 * fields {@code shards, cpus_per_task, mem, time, partition, gpus_per_task}; a flag overrides the file, as the spec
 * file gives the flags' defaults: {@code cli.options.SpecFileDefaults}).
 * None of these decides a cell's numbers except through the ONNX Runtime thread count, which follows
 * {@code cpus_per_task}; so they are not part of the sweep's spec or of any cell's key.
 *
 * @param shards array tasks, each running shard {@code i/shards} (default: one per cell)
 * @param cpusPerTask {@code --cpus-per-task}, also each task's ONNX Runtime threads (default 1)
 * @param mem {@code --mem} as sbatch takes it (e.g. {@code 8G}); null: the cluster's default
 * @param time {@code --time} as sbatch takes it (e.g. {@code 12:00:00}); null: the partition's default
 * @param partition {@code --partition}; null: the cluster's default
 * @param gpusPerTask {@code --gpus-per-task} for the CUDA path (device {@code cuda}); 0: none
 */
public record SlurmResources(Integer shards, Integer cpusPerTask, String mem, String time, String partition, Integer gpusPerTask) {

    public static SlurmResources none() {
        return new SlurmResources(null, null, null, null, null, null);
    }

    /** The {@code "slurm"} section of a spec file, or {@link #none} when it has none. */
    public static SlurmResources read(Path specFile) {
        try {
            JsonNode section = Json.mapper().readTree(Files.readString(specFile)).get("slurm");
            if (section == null || section.isNull()) {
                return none();
            }
            return Json.mapper().readerFor(SlurmResources.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).treeToValue(section, SlurmResources.class);
        } catch (IOException e) {
            throw new BadInputException("sweep spec " + specFile + ", section slurm: " + e.getMessage().lines().findFirst().orElse("")
                    + "; its fields are shards, cpus_per_task, mem, time, partition, gpus_per_task (docs/sweep.md)");
        }
    }

    /**
     * The resources with their defaults, checked against the resolved sweep: at most one shard per cell;
     * the spec's ONNX Runtime threads, when set, equal to the CPUs per task (the threads follow
     * {@code SLURM_CPUS_PER_TASK}); GPUs exactly when the device is CUDA (or {@code auto}, which takes a GPU if there is one).
     */
    public SlurmResources resolved(SweepSpec spec, int cells) {
        int n = shards == null ? cells : shards;
        if (n < 1 || n > cells) {
            throw usage("--shards must be between 1 and the sweep's " + cells + " cells, got " + n);
        }
        int cpus = cpusPerTask == null ? 1 : cpusPerTask;
        if (cpus < 1) {
            throw usage("--cpus-per-task must be at least 1, got " + cpus);
        }
        int threads = spec.inference().threads();
        if (threads != 0 && threads != cpus) {
            throw usage("a Slurm task's ONNX Runtime threads follow its CPUs (SLURM_CPUS_PER_TASK), but --threads " + threads
                    + " and --cpus-per-task " + cpus + " differ; drop --threads or make them equal");
        }
        int gpus = gpusPerTask == null ? 0 : gpusPerTask;
        String device = spec.inference().device();
        if (gpus < 0) {
            throw usage("--gpus-per-task must be at least 0, got " + gpus);
        }
        if (gpus > 0 && device.equals("cpu")) {
            throw usage("--gpus-per-task " + gpus + " with --device cpu would hold GPUs the sweep never uses; use --device cuda");
        }
        if (gpus == 0 && device.startsWith("cuda")) {
            throw usage("--device " + device + " needs a GPU per task: add --gpus-per-task 1");
        }
        plain("--mem", mem);
        plain("--time", time);
        plain("--partition", partition);
        return new SlurmResources(n, cpus, mem, time, partition, gpus);
    }

    /** A value that goes into an {@code #SBATCH} line verbatim must be one plain word. */
    private static void plain(String flag, String value) {
        if (value != null && !value.matches("[A-Za-z0-9_.:,+-]+")) {
            throw usage(flag + " must be one word of letters, digits and _.:,+- as sbatch takes it (e.g. 8G, 12:00:00, gpu), got '" + value + "'");
        }
    }

    private static LossbenchException usage(String message) {
        return new LossbenchException(ExitCode.USAGE, "sweep --slurm: " + message);
    }
}
