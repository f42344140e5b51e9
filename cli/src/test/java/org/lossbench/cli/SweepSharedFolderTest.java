package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.cli.sweep.CellFiles;
import org.lossbench.eval.results.CellFailure;
import org.lossbench.eval.results.SweepLayout;

/**
 * Runners sharing one sweep folder share its cells through claims (docs/sweep.md, "Runners sharing a
 * folder"): three real {@code lossbench sweep} processes started together on one folder run every cell
 * exactly once (counted from their logs), the runner that finishes last aggregates and the others say
 * that it will, and the result is byte for byte that of one runner alone; claims a dead runner left (a
 * silent host, a dead process on this host) are taken over, and a live one is left to its runner; a
 * failure recorded while a runner works is another runner's and is not retried, an older one is.
 */
class SweepSharedFolderTest {
    static final String[] SWEEP = {"sweep", "--name", "t", "--train", "--datasets", "phantom-tiny", "--models", "vnet-tiny",
        "--losses", "dice;dice+ce;focal:gamma=2", "--seeds", "0,1", "--steps", "3", "--patch", "16", "--device", "cpu", "--threads", "1"};
    static final Pattern CELL_LOG = Pattern.compile("(?m)^INFO cell (\\d+) \\(");
    static final String LEAVES = "cells are still open; the runner that finishes the last of them aggregates";

    @TempDir
    static Path tmp;
    static Path reference;
    static List<String> keys;

    @BeforeAll
    static void oneRunnerAlone() throws IOException {
        CliRun r = CliRun.of(args(tmp.resolve("ref")));
        assertEquals(0, r.exitCode(), r.err());
        reference = tmp.resolve("ref/t");
        keys = new ArrayList<>();
        new ObjectMapper().readTree(reference.resolve("sweep.json").toFile()).get("cells").forEach(c -> keys.add(c.get("key").asText()));
        assertEquals(6, keys.size());
    }

    @Test
    void threeRunnersOnOneFolderRunEveryCellOnceAndTheLastAggregates() throws Exception {
        Path out = tmp.resolve("three");
        List<Process> runners = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runners.add(runner(out, i));
        }
        for (Process p : runners) {
            // a guard against a hung process only: a loaded machine may take minutes
            assertTrue(p.waitFor(10, TimeUnit.MINUTES), "runner did not finish");
            assertEquals(0, p.exitValue());
        }
        TreeMap<Integer, Integer> runs = new TreeMap<>();
        int runnersThatRan = 0;
        int aggregated = 0;
        for (int i = 0; i < 3; i++) {
            String err = Files.readString(out.resolve("runner" + i + ".err"));
            Matcher m = CELL_LOG.matcher(err);
            int mine = 0;
            while (m.find()) {
                runs.merge(Integer.parseInt(m.group(1)), 1, Integer::sum);
                mine++;
            }
            runnersThatRan += mine > 0 ? 1 : 0;
            boolean aggregates = err.contains("sweep t: aggregated 6 cells");
            assertTrue(aggregates != err.contains(LEAVES), "runner " + i + " either aggregates or names who will:\n" + err);
            if (aggregates) {
                aggregated++;
                assertEquals(Files.readString(reference.resolve("summary.md")), Files.readString(out.resolve("runner" + i + ".out")));
            }
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5), List.copyOf(runs.keySet()), "every cell ran");
        runs.forEach((cell, n) -> assertEquals(1, n, "cell " + cell + " ran " + n + " times"));
        assertTrue(runnersThatRan >= 2, "the runners should have shared the cells, but one ran all six (started too far apart?)");
        assertTrue(aggregated >= 1, "the runner that finished last aggregates");
        assertEquals(List.of(), claimFiles(out.resolve("t")), "every claim was released");
        SweepCommandTest.assertSameOutputs(reference, out.resolve("t"));
    }

    @Test
    void staleClaimsAreTakenOverAndALiveOneIsLeftToItsRunner() throws Exception {
        Path dir = tmp.resolve("stale/t");
        // cell 0: a runner on another host, silent for two hours; cell 1: a dead process on this host, heartbeat fresh
        claim(dir, 0, "node7", 4242, Instant.now().minusSeconds(7200));
        Process dead = new ProcessBuilder("true").start();
        assertEquals(0, dead.waitFor());
        claim(dir, 1, Files.readString(Path.of("/proc/sys/kernel/hostname")).trim(), dead.pid(), Instant.now());
        // cell 2: a live runner on another host (fresh heartbeat)
        claim(dir, 2, "node8", 4343, Instant.now());
        CliRun first = CliRun.of(args(tmp.resolve("stale")));
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.err().contains("5 cells run, 0 already finished, 0 failed"), first.err());
        assertTrue(first.err().contains("1 of 6 " + LEAVES) && first.err().contains("  cell 2 (") && first.err().contains("running on node8 pid 4343"),
                first.err());
        assertFalse(Files.exists(dir.resolve("summary.md")), "not aggregated while a cell is open");
        CliRun merge = CliRun.of("merge", dir.toString());
        assertEquals(3, merge.exitCode());
        assertTrue(merge.err().contains("1 of 6 cells") && merge.err().contains("have not run") && merge.err().contains("running on node8 pid 4343"),
                merge.err());
        assertEquals(List.of(dir.resolve("cells").resolve(keys.get(2)).resolve("claim.0")), claimFiles(dir));
        // the runner on node8 is gone: once its heartbeat is older than the timeout, the cell is taken over
        claim(dir, 2, "node8", 4343, Instant.now().minusSeconds(3600));
        CliRun second = CliRun.of(args(tmp.resolve("stale")));
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.err().contains("1 cells run, 5 already finished"), second.err());
        assertEquals(List.of(), claimFiles(dir));
        SweepCommandTest.assertSameOutputs(reference, dir);
    }

    @Test
    void aFailureRecordedDuringTheRunIsAnotherRunnersAndNotRetried() throws Exception {
        Path out = tmp.resolve("failed");
        Path cell0 = out.resolve("t/cells").resolve(keys.get(0));
        // as if a runner beside this one had just failed cell 0 (its record is newer than this run's start)
        new CellFiles(cell0).recordFailure(new CellFailure(keys.get(0), "planted failure", 3));
        Files.setLastModifiedTime(cell0.resolve(SweepLayout.FAILED), FileTime.from(Instant.now().plusSeconds(3600)));
        CliRun r = CliRun.of(args(out));
        assertEquals(3, r.exitCode(), "the aggregate reports the other runner's failure: " + r.err());
        assertTrue(r.err().contains("5 cells run, 1 already finished, 0 failed"), r.err());
        assertTrue(Files.readString(out.resolve("t/summary.md")).contains("planted failure"));
        // recorded before the run started: a failure of an earlier run, retried
        Files.setLastModifiedTime(cell0.resolve(SweepLayout.FAILED), FileTime.from(Instant.now().minusSeconds(60)));
        CliRun again = CliRun.of(args(out));
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.err().contains("1 cells run, 5 already finished, 0 failed"), again.err());
        SweepCommandTest.assertSameOutputs(reference, out.resolve("t"));
    }

    static String[] args(Path out) {
        List<String> a = new ArrayList<>(List.of(SWEEP));
        a.addAll(List.of("--out", out.toString()));
        return a.toArray(String[]::new);
    }

    /** Writes a claim of cell {@code index} as a runner {@code host}/{@code pid} would have left it. */
    static void claim(Path dir, int index, String host, long pid, Instant heartbeat) throws IOException {
        Path cell = dir.resolve("cells").resolve(keys.get(index));
        Files.createDirectories(cell);
        Files.writeString(cell.resolve("claim.0"), "{\"host\": \"" + host + "\", \"pid\": " + pid + ", \"started\": \"2026-01-01T00:00:00Z\", "
                + "\"slurm_task\": null, \"heartbeat\": \"" + heartbeat + "\"}\n");
    }

    static List<Path> claimFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir.resolve("cells"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("claim.")).sorted().toList();
        }
    }

    /** {@code lossbench sweep} in a new JVM, its stdout and stderr in {@code OUT/runnerI.out} and {@code .err}. */
    static Process runner(Path out, int i) throws IOException {
        Files.createDirectories(out);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args(out)));
        return new ProcessBuilder(cmd).redirectOutput(out.resolve("runner" + i + ".out").toFile())
                .redirectError(out.resolve("runner" + i + ".err").toFile()).start();
    }
}
