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
}
