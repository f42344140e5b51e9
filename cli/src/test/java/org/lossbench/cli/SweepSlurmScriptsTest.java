package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lossbench sweep --slurm --dry-run}: the scripts it prints (resources from flags and from the
 * spec's {@code "slurm"} section, the task's shard and threads from Slurm's variables, requeue, the merge),
 * checked by bash for syntax, and the usage errors that stop a submission before anything is written.
 */
class SweepSlurmScriptsTest {
    static final String[] SWEEP = {"sweep", "--name", "t", "--train", "--datasets", "phantom-tiny", "--models", "vnet-tiny",
        "--losses", "dice;dice+ce;focal:gamma=2", "--seeds", "0,1", "--steps", "3", "--patch", "16"};

    @TempDir
    Path tmp;

    CliRun sweep(String... more) {
        List<String> a = new ArrayList<>(List.of(SWEEP));
        a.addAll(List.of("--out", tmp.resolve("out").toString(), "--slurm", "--dry-run"));
        a.addAll(List.of(more));
        return CliRun.of(a.toArray(String[]::new));
    }

    @Test
    void theDryRunPrintsAnArrayWithItsResourcesAndAMergeAfterIt() throws Exception {
        Path spec = tmp.resolve("spec.json");
        Files.writeString(spec, "{\"evaluation\": {\"bootstrap_seed\": 3}, \"inference\": {\"device\": \"cuda\"},\n"
                + " \"slurm\": {\"shards\": 2, \"cpus_per_task\": 4, \"mem\": \"8G\", \"time\": \"12:00:00\", \"partition\": \"gpu\", \"gpus_per_task\": 1}}");
        CliRun r = sweep("--spec", spec.toString(), "--shards", "3");
        assertEquals(0, r.exitCode(), r.err());
        Path dir = tmp.resolve("out/t").toAbsolutePath();
        String out = r.out();
        String array = section(out, "# " + dir.resolve("slurm/shards.sbatch"));
        String merge = section(out, "# " + dir.resolve("slurm/merge.sbatch"));
        for (String line : List.of("#SBATCH --array=0-2", "#SBATCH --cpus-per-task=4", "#SBATCH --mem=8G", "#SBATCH --time=12:00:00",
                "#SBATCH --partition=gpu", "#SBATCH --gpus-per-task=1", "#SBATCH --requeue", "#SBATCH --open-mode=append",
                "#SBATCH --output=" + dir.resolve("slurm/logs/shard-%a.log"))) {
            assertTrue(array.lines().anyMatch(line::equals), line + " in\n" + array);
        }
        assertTrue(array.contains(" sweep --spec " + dir.resolve("slurm/spec.json") + " --out " + dir.getParent() + " \\\n"
                + "    --shard \"${SLURM_ARRAY_TASK_ID}/3\" --threads \"${SLURM_CPUS_PER_TASK:-4}\" --jobs 1\n"), array);
        assertTrue(merge.contains(" merge " + dir + "\n") && merge.contains("#SBATCH --cpus-per-task=4") && !merge.contains("--array")
                && !merge.contains("--gpus"), merge);
        assertTrue(out.contains("sbatch --parsable " + dir.resolve("slurm/shards.sbatch") + "   # prints the array's job id, ARRAY\n"
                + "sbatch --parsable --dependency=afterany:ARRAY " + dir.resolve("slurm/merge.sbatch")), out);
        // the spec the tasks read: the resolved sweep, with the spec file's values and without the Slurm section
        String specJson = section(out, "# " + dir.resolve("slurm/spec.json"));
        assertTrue(specJson.contains("\"bootstrap_seed\" : 3") && specJson.contains("\"device\" : \"cuda\"") && !specJson.contains("slurm"), specJson);
        // bash reads both scripts
        for (String script : List.of(array, merge)) {
            Path f = tmp.resolve("s.sh");
            Files.writeString(f, script);
            Process p = new ProcessBuilder("bash", "-n", f.toString()).redirectErrorStream(true).start();
            assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
        }
        assertFalse(Files.exists(tmp.resolve("out")), "a dry run writes nothing");
    }

    @Test
    void withoutResourcesEachCellIsATaskOfOneCpu() {
        CliRun r = sweep();
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("#SBATCH --array=0-5\n#SBATCH --cpus-per-task=1\n#SBATCH --requeue\n"), r.out());
        assertTrue(r.out().contains("--threads \"${SLURM_CPUS_PER_TASK:-1}\""), r.out());
    }

    @Test
    void contradictionsAreUsageErrors() throws IOException {
        assertUsage(sweep("--threads", "4", "--cpus-per-task", "2"), "--threads 4 and --cpus-per-task 2 differ");
        assertUsage(sweep("--device", "cuda"), "needs a GPU per task");
        assertUsage(sweep("--device", "cpu", "--gpus-per-task", "1"), "with --device cpu");
        assertUsage(sweep("--shards", "7"), "between 1 and the sweep's 6 cells");
        assertUsage(sweep("--mem", "8G\n#SBATCH --x"), "--mem must be one word");
        assertUsage(sweep("--shard", "0/2"), "drop --shard");
        List<String> noSlurm = new ArrayList<>(List.of(SWEEP));
        noSlurm.addAll(List.of("--out", tmp.resolve("out").toString(), "--shards", "3"));
        assertUsage(CliRun.of(noSlurm.toArray(String[]::new)), "go with --slurm");
        Path spec = tmp.resolve("bad.json");
        Files.writeString(spec, "{\"slurm\": {\"cpus\": 4}}");
        CliRun r = sweep("--spec", spec.toString());
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().contains("section slurm") && r.err().contains("cpus"), r.err());
    }

    static void assertUsage(CliRun r, String message) {
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(message), r.err());
    }

    /** The text after the line {@code header} up to the next file's header {@code "# /..."} or the sbatch lines. */
    static String section(String out, String header) {
        int i = out.indexOf(header + "\n");
        assertTrue(i >= 0, header + " in\n" + out);
        String rest = out.substring(i + header.length() + 1);
        int file = rest.indexOf("\n# /");
        int end = file >= 0 ? file : rest.indexOf("\n# submitted with");
        return rest.substring(0, end + 1);
    }
}
