package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lossbench sweep --slurm} on a real Slurm: the single-node cluster of
 * tools/slurm/start-local-slurm.sh (ClusterName {@code lossbench-local}; the test is skipped, saying why,
 * where no such cluster answers). A sweep of phantom-tiny, vnet-tiny, three losses and two seeds (3 training
 * steps, patch 16) runs as a 3-task array and a merge job, and its merged folder is byte for byte that of the
 * same sweep run on this machine in one process (every file SweepCommandTest compares); then again with
 * task 1 cancelled ({@code scancel}) while it works on its first cell and requeued ({@code scontrol requeue}):
 * it takes over its own claim, resumes its shard, and the result is the same.
 */
class SweepSlurmTest {
    static final String[] SWEEP = {"sweep", "--name", "t", "--train", "--datasets", "phantom-tiny", "--models", "vnet-tiny",
        "--losses", "dice;dice+ce;focal:gamma=2", "--seeds", "0,1", "--steps", "3", "--patch", "16", "--device", "cpu"};
    static final String CLUSTER = "lossbench-local";
    /** Terminal job states (squeue(1), JOB STATE CODES). */
    static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "PREEMPTED",
            "BOOT_FAIL", "DEADLINE");
    static final long WAIT_MINUTES = 10;

    @TempDir
    static Path tmp;
    static Path reference;
    static List<String> keys;

    /** Why the tests cannot run here, or null when the local test cluster answers. */
    static String unavailable;

    @BeforeAll
    static void aLocalSlurmAndTheSweepOnThisMachine() throws IOException {
        unavailable = whySlurmIsUnavailable();
        if (unavailable != null) {
            return;
        }
        long t0 = System.nanoTime();
        CliRun r = CliRun.of(args(tmp.resolve("local"), "--threads", "1"));
        assertEquals(0, r.exitCode(), r.err());
        reference = tmp.resolve("local/t");
        keys = new ArrayList<>();
        new ObjectMapper().readTree(reference.resolve("sweep.json").toFile()).get("cells").forEach(c -> keys.add(c.get("key").asText()));
        System.out.printf("the sweep on this machine: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** Each test is reported as skipped, with the reason, where the cluster is missing. */
    @BeforeEach
    void needsTheLocalSlurm() {
        assumeTrue(unavailable == null, unavailable);
    }

    static String whySlurmIsUnavailable() throws IOException {
        Cmd config = Cmd.run("scontrol", "show", "config");
        if (config.code() != 0) {
            return "Slurm is not running here (scontrol show config: " + config.out().strip()
                    + "); start the local test cluster with tools/slurm/start-local-slurm.sh (as root)";
        }
        Matcher name = Pattern.compile("(?m)^ClusterName\\s*=\\s*(\\S+)").matcher(config.out());
        if (!name.find() || !name.group(1).equals(CLUSTER)) {
            return "the Slurm here is not the local test cluster " + CLUSTER + " of tools/slurm/start-local-slurm.sh; the test submits jobs "
                    + "only to that one";
        }
        Cmd nodes = Cmd.run("sinfo", "-h", "-o", "%t");
        if (nodes.code() != 0 || !nodes.out().matches("(?s).*\\b(idle|mix|alloc)\\b.*")) {
            return "the node of " + CLUSTER + " is not up (sinfo: " + nodes.out().strip() + "); restart tools/slurm/start-local-slurm.sh";
        }
        return null;
    }

    @Test
    void anArrayOfThreeShardsAndItsMergeEqualTheSweepOnOneMachine() throws Exception {
        long t0 = System.nanoTime();
        Path out = tmp.resolve("slurm");
        Jobs jobs = submit(out);
        String merge = awaitEnd(jobs.merge(), out);
        assertEquals("COMPLETED 0:0", merge, "merge job; logs:\n" + logs(out));
        for (int task = 0; task < 3; task++) {
            assertEquals("COMPLETED 0:0", state(jobs.array() + "_" + task), "array task " + task + "; logs:\n" + logs(out));
        }
        SweepCommandTest.assertSameOutputs(reference, out.resolve("t"));
        assertEquals(List.of(), SweepSharedFolderTest.claimFiles(out.resolve("t")));
        String shard0 = Files.readString(out.resolve("t/slurm/logs/shard-0.log"));
        assertTrue(shard0.contains("shard 0/3 runs 2"), shard0);
        System.out.printf("array and merge: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void aTaskCancelledMidRunAndRequeuedResumesItsShard() throws Exception {
        long t0 = System.nanoTime();
        Path out = tmp.resolve("requeue");
        Jobs jobs = submit(out);
        String task1 = jobs.array() + "_1";
        // the merge waits for the array; hold it while task 1 is cancelled and requeued, so that it cannot start in between
        assertEquals(0, Cmd.run("scontrol", "hold", jobs.merge()).code());
        Path cell1 = out.resolve("t/cells").resolve(keys.get(1));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(WAIT_MINUTES);
        while (!claimed(cell1) && !Files.exists(cell1.resolve("done")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(claimed(cell1), "task 1 should be at work on cell 1 (its first); logs:\n" + logs(out));
        assertEquals(0, Cmd.run("scancel", task1).code());
        while (!ENDED.contains(state(task1).split(" ")[0]) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(state(task1).startsWith("CANCELLED"), state(task1));
        boolean shardFinished = Files.exists(cell1.resolve("done")) && Files.exists(out.resolve("t/cells").resolve(keys.get(4)).resolve("done"));
        assertFalse(shardFinished, "the cancel should land before task 1 finished its cells 1 and 4");
        Cmd requeue = Cmd.run("scontrol", "requeue", task1);
        assertEquals(0, requeue.code(), requeue.out());
        assertEquals(0, Cmd.run("scontrol", "release", jobs.merge()).code());
        String merge = awaitEnd(jobs.merge(), out);
        assertEquals("COMPLETED 0:0", merge, "merge job; logs:\n" + logs(out));
        assertEquals("COMPLETED 0:0", state(task1), "the requeued task");
        String log1 = Files.readString(out.resolve("t/slurm/logs/shard-1.log"));
        int again = log1.indexOf("restart 1)");
        assertTrue(again > 0, "the requeued task ran again:\n" + log1);
        String requeued = log1.substring(again);
        assertTrue(requeued.contains("took over the stale claim of " + keys.get(1)) && requeued.contains("INFO cell 1 ("),
                "the requeued task took over its own claim on cell 1 at once and ran the cell:\n" + log1);
        SweepCommandTest.assertSameOutputs(reference, out.resolve("t"));
        assertEquals(List.of(), SweepSharedFolderTest.claimFiles(out.resolve("t")));
        System.out.printf("array with a cancelled and requeued task, and merge: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    record Jobs(String array, String merge) {
    }

    static Jobs submit(Path out) {
        CliRun r = CliRun.of(args(out, "--slurm", "--shards", "3", "--cpus-per-task", "1", "--time", "20:00"));
        assertEquals(0, r.exitCode(), r.err());
        Matcher m = Pattern.compile("array job (\\d+)\\nmerge job (\\d+)\\n").matcher(r.out());
        assertTrue(m.find(), r.out());
        return new Jobs(m.group(1), m.group(2));
    }

    static boolean claimed(Path cell) throws IOException {
        if (!Files.isDirectory(cell)) {
            return false;
        }
        try (Stream<Path> s = Files.list(cell)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("claim."));
        }
    }

    /** Waits (bounded) until the job has ended; its {@code STATE EXITCODE}. */
    static String awaitEnd(String job, Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(WAIT_MINUTES);
        String s = state(job);
        while (!ENDED.contains(s.split(" ")[0])) {
            assertTrue(System.nanoTime() < deadline, "job " + job + " still " + s + " after " + WAIT_MINUTES + " min; logs:\n" + logs(out));
            Thread.sleep(500);
            s = state(job);
        }
        return s;
    }

    /** {@code STATE EXITCODE} of one job (or array task), e.g. {@code COMPLETED 0:0}, from scontrol. */
    static String state(String job) throws IOException {
        Cmd c = Cmd.run("scontrol", "-o", "show", "job", job);
        Matcher st = Pattern.compile("\\bJobState=(\\S+)").matcher(c.out());
        Matcher ex = Pattern.compile("\\bExitCode=(\\S+)").matcher(c.out());
        assertTrue(c.code() == 0 && st.find() && ex.find(), "scontrol show job " + job + ": " + c.out());
        return st.group(1) + " " + ex.group(1);
    }

    static String logs(Path out) throws IOException {
        Path dir = out.resolve("t/slurm/logs");
        if (!Files.isDirectory(dir)) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.sorted().toList()) {
                b.append("== ").append(f.getFileName()).append('\n').append(Files.readString(f));
            }
        }
        return b.toString();
    }

    static String[] args(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of(SWEEP));
        a.addAll(List.of("--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /** A command's exit code and output (stdout and stderr together); 127 when it cannot be started. */
    record Cmd(int code, String out) {
        static Cmd run(String... cmd) throws IOException {
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            } catch (IOException notInstalled) {
                return new Cmd(127, notInstalled.getMessage());
            }
            try {
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Cmd(124, out + " (no answer in 60 s)");
                }
                return new Cmd(p.exitValue(), out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }
}
