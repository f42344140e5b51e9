package org.lossbench.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.BadInputException;

class AtomicFilesTest {
    @TempDir
    Path tmp;

    @Test
    void anOutputFolderWithAFileInItsWayIsBadInputAndNothingIsCreated() throws IOException {
        Path file = tmp.resolve("results.txt");
        Files.writeString(file, "not a folder");
        BadInputException e = assertThrows(BadInputException.class, () -> AtomicFiles.checkFolder(file, "--out"));
        assertEquals("--out " + file + ": " + file + " is a file, not a folder; name a folder (it is created if missing)", e.getMessage());
        Path below = file.resolve("run/x");
        e = assertThrows(BadInputException.class, () -> AtomicFiles.checkFolder(below, "--out"));
        assertTrue(e.getMessage().startsWith("--out " + below + ": " + file + " is a file"), e.getMessage());
        AtomicFiles.checkFolder(tmp.resolve("new/deeper"), "--out");
        AtomicFiles.checkFolder(tmp, "--out");
        assertFalse(Files.exists(tmp.resolve("new")), "checking creates nothing");
    }

    @Test
    void writesContentIntoNewFoldersReadableByOthers() throws IOException {
        Path target = tmp.resolve("a/b/out.txt");
        AtomicFiles.writeString(target, "hello");
        assertEquals("hello", Files.readString(target));
        var perms = Files.getPosixFilePermissions(target);
        assertTrue(perms.contains(PosixFilePermission.OWNER_READ) && perms.contains(PosixFilePermission.OTHERS_READ),
                "a result file is readable like any other file: " + perms);
    }

    @Test
    void aFailureKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
        Path target = tmp.resolve("out.txt");
        AtomicFiles.writeString(target, "old");
        assertThrows(BadInputException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half of the new".getBytes());
            throw new BadInputException("boom");
        }));
        assertEquals("old", Files.readString(target));
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count());
        }
        assertFalse(Files.exists(tmp.resolve(".out.txt.tmp")));
    }

    @Test
    void createNewWritesOnceAndNeverReplaces() throws IOException {
        Path target = tmp.resolve("c/claim.0");
        assertTrue(AtomicFiles.createNew(target, "first"));
        assertFalse(AtomicFiles.createNew(target, "second"), "a second creation must lose");
        assertEquals("first", Files.readString(target));
        try (var s = Files.list(target.getParent())) {
            assertEquals(java.util.List.of(target), s.toList(), "no temporary file is left beside the target");
        }
        assertEquals(1, ((Number) Files.getAttribute(target, "unix:nlink")).intValue(), "the temporary link is gone");
    }

    @Test
    void concurrentCreatorsHaveExactlyOneWinnerAndReadersNeverSeeAnEmptyFile() throws Exception {
        for (int round = 0; round < 50; round++) {
            Path target = tmp.resolve("race/claim." + round);
            var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            var wins = new java.util.concurrent.atomic.AtomicInteger();
            var empty = new java.util.concurrent.atomic.AtomicInteger();
            var start = new java.util.concurrent.CountDownLatch(1);
            for (int t = 0; t < 3; t++) {
                String text = "runner " + t;
                pool.submit(() -> {
                    start.await();
                    if (AtomicFiles.createNew(target, text)) {
                        wins.incrementAndGet();
                    }
                    return null;
                });
            }
            pool.submit(() -> {
                start.await();
                for (int i = 0; i < 200; i++) {
                    try {
                        if (Files.readString(target).isEmpty()) {
                            empty.incrementAndGet();
                        }
                    } catch (java.nio.file.NoSuchFileException notYet) {
                        // not created yet
                    }
                }
                return null;
            });
            start.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(1, wins.get(), "exactly one creator wins round " + round);
            assertEquals(0, empty.get(), "a reader saw the file empty in round " + round);
            assertTrue(Files.readString(target).startsWith("runner "));
        }
    }
}
