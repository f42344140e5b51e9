package org.lossbench.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claim protocol of {@link CellClaim}: one holder at a time, live claims respected, stale ones (old
 * heartbeat, dead process on this host, a reused pid, an earlier incarnation of the same Slurm task, an
 * unreadable file left long ago) taken over by exactly one of several racing runners, the heartbeat
 * rewritten while held, and a claim that was taken over neither refreshed nor deleted by its former owner.
 */
class CellClaimTest {
    @TempDir
    Path tmp;

    final ClaimOwner me = ClaimOwner.current();

    static ClaimOwner elsewhere(String host, String slurmTask) {
        return new ClaimOwner(host, 4242, Instant.parse("2026-01-01T00:00:00Z"), slurmTask);
    }

    /** A claim file as another runner would have written it. */
    static void claimedBy(Path cell, int generation, ClaimOwner o, Instant heartbeat) throws IOException {
        Files.createDirectories(cell);
        Files.writeString(cell.resolve("claim." + generation), CellClaim.content(o, heartbeat));
    }

    static List<String> claimFiles(Path cell) throws IOException {
        try (Stream<Path> s = Files.list(cell)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("claim")).sorted().toList();
        }
    }

    @Test
    void aFreeCellIsClaimedOnceAndReleasedOnClose() throws IOException {
        Path cell = tmp.resolve("cell");
        Optional<CellClaim> c = CellClaim.acquire(cell, me);
        assertTrue(c.isPresent());
        assertEquals(List.of("claim.0"), claimFiles(cell));
        CellClaim.Holder h = CellClaim.holder(cell).orElseThrow();
        assertEquals(me, h.owner(), "the file names this process: host, pid, start time, Slurm task");
        assertTrue(Duration.between(h.heartbeat(), Instant.now()).abs().toSeconds() < 60, h.heartbeat().toString());
        // the same process does not take its own live claim twice, and nobody else does either
        assertTrue(CellClaim.acquire(cell, me).isEmpty());
        assertTrue(CellClaim.acquire(cell, elsewhere("other-host", null)).isEmpty());
        c.get().close();
        assertEquals(List.of(), claimFiles(cell));
        assertTrue(CellClaim.holder(cell).isEmpty());
        CellClaim again = CellClaim.acquire(cell, elsewhere("other-host", null)).orElseThrow();
        again.close();
    }

    @Test
    void aLiveClaimOfAnotherHostIsRespectedUntilItsHeartbeatIsOlderThanTheTimeout() throws IOException {
        Path cell = tmp.resolve("cell");
        Instant now = Instant.now();
        claimedBy(cell, 0, elsewhere("node7", null), now.minus(CellClaim.STALE).plusSeconds(5));
        assertTrue(CellClaim.acquire(cell, me).isEmpty(), "heartbeat 4 min 55 s old: alive");
        claimedBy(cell, 0, elsewhere("node7", null), now.minus(CellClaim.STALE).minusSeconds(5));
        CellClaim c = CellClaim.acquire(cell, me).orElseThrow();
        try (c) {
            assertEquals(List.of("claim.1"), claimFiles(cell), "taken over as the next generation, the stale one deleted");
            assertEquals(me, CellClaim.holder(cell).orElseThrow().owner());
        }
    }

    @Test
    void aClaimOfADeadProcessOnThisHostIsTakenOverAtOnce() throws Exception {
        Process p = new ProcessBuilder("true").start();
        long pid = p.pid();
        assertEquals(0, p.waitFor());
        Path cell = tmp.resolve("cell");
        claimedBy(cell, 0, new ClaimOwner(me.host(), pid, Instant.now().minusSeconds(1), null), Instant.now());
        CellClaim c = CellClaim.acquire(cell, me).orElseThrow();
        try (c) {
            assertEquals(List.of("claim.1"), claimFiles(cell));
        }
        // the same claim on another host is not known dead here: its fresh heartbeat keeps it
        claimedBy(cell, 0, new ClaimOwner("node7", pid, Instant.now().minusSeconds(1), null), Instant.now());
        assertTrue(CellClaim.acquire(cell, me).isEmpty());
    }

    @Test
    void aLiveProcessKeepsItsClaimButAReusedPidDoesNot() throws Exception {
        Process p = new ProcessBuilder("sleep", "60").start();
        try {
            Instant started = p.toHandle().info().startInstant().orElseThrow();
            Path cell = tmp.resolve("live");
            claimedBy(cell, 0, new ClaimOwner(me.host(), p.pid(), started, null), Instant.now());
            assertTrue(CellClaim.acquire(cell, me).isEmpty(), "the sleeping process holds it");
            // a claim of an earlier process that had the same pid: the start time tells them apart
            Path reused = tmp.resolve("reused");
            claimedBy(reused, 0, new ClaimOwner(me.host(), p.pid(), started.minusSeconds(3600), null), Instant.now());
            CellClaim c = CellClaim.acquire(reused, me).orElseThrow();
            try (c) {
                assertEquals(List.of("claim.1"), claimFiles(reused));
            }
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void anEarlierIncarnationOfTheSameSlurmTaskIsTakenOver() throws IOException {
        Path cell = tmp.resolve("cell");
        claimedBy(cell, 3, elsewhere("node7", "812_1"), Instant.now());
        ClaimOwner requeued = new ClaimOwner("node9", 77, Instant.now(), "812_1");
        ClaimOwner sibling = new ClaimOwner("node9", 78, Instant.now(), "812_2");
        assertTrue(CellClaim.acquire(cell, sibling).isEmpty(), "another task of the array respects the live claim");
        CellClaim c = CellClaim.acquire(cell, requeued).orElseThrow();
        try (c) {
            assertEquals(List.of("claim.4"), claimFiles(cell));
        }
    }

    @Test
    void anUnreadableClaimCountsByItsFileTime() throws IOException {
        Path cell = tmp.resolve("cell");
        Files.createDirectories(cell);
        Files.writeString(cell.resolve("claim.0"), ""); // created, not yet written (or damaged)
        assertTrue(CellClaim.acquire(cell, me).isEmpty(), "a claim being written is respected");
        Files.setLastModifiedTime(cell.resolve("claim.0"), FileTime.from(Instant.now().minus(CellClaim.STALE).minusSeconds(5)));
        CellClaim c = CellClaim.acquire(cell, me).orElseThrow();
        try (c) {
            assertEquals(List.of("claim.1"), claimFiles(cell));
        }
    }

    @Test
    void ofManyRunnersRacingForAStaleClaimExactlyOneWins() throws Exception {
        for (int round = 0; round < 20; round++) {
            Path cell = tmp.resolve("cell" + round);
            claimedBy(cell, 0, elsewhere("node7", null), Instant.now().minus(Duration.ofHours(1)));
            int n = 8;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(n);
            List<Future<Optional<CellClaim>>> tries = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ClaimOwner o = new ClaimOwner("racer" + i, 1000 + i, Instant.now(), null);
                tries.add(pool.submit(() -> {
                    go.await();
                    return CellClaim.acquire(cell, o);
                }));
            }
            go.countDown();
            List<CellClaim> won = new ArrayList<>();
            for (Future<Optional<CellClaim>> f : tries) {
                f.get().ifPresent(won::add);
            }
            pool.shutdown();
            assertEquals(1, won.size(), "round " + round + ": winners");
            assertEquals(List.of("claim.1"), claimFiles(cell));
            won.get(0).close();
        }
    }

    @Test
    void theHeartbeatIsRewrittenWhileHeldAndStopsWhenTakenOver() throws Exception {
        Path cell = tmp.resolve("cell");
        CellClaim c = CellClaim.acquire(cell, me, Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMillis(50)).orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (CellClaim.holder(cell).orElseThrow().heartbeat().equals(Instant.parse("2026-01-01T00:00:00Z")) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Instant beat = CellClaim.holder(cell).orElseThrow().heartbeat();
        assertTrue(Duration.between(beat, Instant.now()).abs().toSeconds() < 60, "refreshed to now: " + beat);
        c.close();
        assertEquals(List.of(), claimFiles(cell));
        // a claim without scheduled beats in this test: another runner judged it stale (say this one was frozen) and took it over
        CellClaim frozen = CellClaim.acquire(cell, me, Instant.now(), Duration.ofHours(1)).orElseThrow();
        claimedBy(cell, 1, elsewhere("node7", null), Instant.now());
        Files.delete(cell.resolve("claim.0"));
        frozen.refresh(Instant.now());
        assertEquals(List.of("claim.1"), claimFiles(cell), "the lost claim is not written again");
        frozen.close();
        assertEquals(List.of("claim.1"), claimFiles(cell), "nor is the new owner's claim deleted");
        assertEquals("node7", CellClaim.holder(cell).orElseThrow().owner().host());
    }

    @Test
    void onlyClaimFilesCount() {
        assertEquals(0, CellClaim.generationOf("claim.0"));
        assertEquals(12, CellClaim.generationOf("claim.12"));
        assertEquals(-1, CellClaim.generationOf(".claim.3.12345.tmp"), "a heartbeat's temporary file");
        assertEquals(-1, CellClaim.generationOf("claim."));
        assertEquals(-1, CellClaim.generationOf("claim.x"));
        assertEquals(-1, CellClaim.generationOf("done"));
        assertFalse(CellClaim.generationOf("claim.1") < 0);
    }
}
