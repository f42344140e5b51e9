package org.lossbench.cli.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.core.io.Json;
import org.lossbench.eval.results.CellFailure;
import org.lossbench.eval.results.SweepLayout;

/**
 * The runner's handle on one cell's folder, {@code <sweep>/cells/<key>/} (its files are named in
 * {@link SweepLayout}; docs/results.md): whether the cell is finished, its failure record, its files. A cell is
 * finished exactly when {@code done} exists and holds its key; every file is written atomically, so a kill at any
 * point leaves either a finished cell or one that is run again. A failed cell has {@code failed.json}
 * ({@link CellFailure}) instead and is retried by the next run.
 */
public record CellFiles(Path dir) {
    public static CellFiles of(Path sweepDir, Cell cell) {
        return new CellFiles(SweepLayout.cellDir(sweepDir, cell.key()));
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    public boolean isDone(Cell cell) {
        Path d = file(SweepLayout.DONE);
        try {
            return Files.isRegularFile(d) && Files.readString(d, StandardCharsets.UTF_8).trim().equals(cell.key());
        } catch (IOException e) {
            return false;
        }
    }

    public void markDone(Cell cell) {
        AtomicFiles.writeString(file(SweepLayout.DONE), cell.key() + "\n");
    }

    public CellFailure failure() {
        Path f = file(SweepLayout.FAILED);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return Json.mapper().readValue(Files.readString(f), CellFailure.class);
        } catch (IOException e) {
            throw new BadInputException("unreadable failure record " + f + ": " + e.getMessage() + "; delete it and rerun the sweep");
        }
    }

    public void recordFailure(CellFailure f) {
        AtomicFiles.writeString(file(SweepLayout.FAILED), Json.pretty(f));
    }

    /** Forgets an earlier failure before a retry. */
    public void clearFailure() {
        try {
            Files.deleteIfExists(file(SweepLayout.FAILED));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
