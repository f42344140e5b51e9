package org.lossbench.cli.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.core.io.Json;

/**
 * The files of one cell, in {@code <sweep>/cells/<key>/}: {@code cases.csv}, {@code lesions.csv}, {@code separability.csv} and
 * {@code cell.json} (configuration and provenance), {@code overlays.json} (the report's slice crops), {@code timings.json} (wall-clock seconds, the only
 * file whose content changes between runs), {@code train/} (train mode: the trainer's folder, so an
 * interrupted training resumes from its checkpoint), and last the {@code done} marker, which holds the
 * key. A cell is finished exactly when {@code done} exists and holds its key; every file is written
 * atomically, so a kill at any point leaves either a finished cell or one that is run again.
 * A failed cell has {@code failed.json} (reason and exit code) instead and is retried by the next run.
 */
public record CellFiles(Path dir) {
    public static final String CELLS = "cells";
    public static final String DONE = "done";
    public static final String FAILED = "failed.json";
    public static final String CASES = "cases.csv";
    public static final String LESIONS = "lesions.csv";
    /** Per case and class, peak probability in the reference and AUC of the class channel (eval.ClassSeparability). */
    public static final String SEPARABILITY = "separability.csv";
    public static final String CELL = "cell.json";
    public static final String TIMINGS = "timings.json";
    /** The slice crops of the report's overlay figure (org.lossbench.cli.report.OverlayCapture; docs/report.md). */
    public static final String OVERLAYS = "overlays.json";
    /** The top-level files of a finished cell, which {@code lossbench merge} copies (those present; the done marker after them). */
    public static final java.util.List<String> TOP_LEVEL = java.util.List.of(CASES, LESIONS, SEPARABILITY, CELL, OVERLAYS, TIMINGS);

    /** A failure as recorded. */
    public record Failure(String key, String reason, int exitCode) {
    }

    public static CellFiles of(Path sweepDir, Cell cell) {
        return new CellFiles(sweepDir.resolve(CELLS).resolve(cell.key()));
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    public boolean isDone(Cell cell) {
        Path d = file(DONE);
        try {
            return Files.isRegularFile(d) && Files.readString(d, StandardCharsets.UTF_8).trim().equals(cell.key());
        } catch (IOException e) {
            return false;
        }
    }

    public void markDone(Cell cell) {
        AtomicFiles.writeString(file(DONE), cell.key() + "\n");
    }

    public Failure failure() {
        Path f = file(FAILED);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return Json.mapper().readValue(Files.readString(f), Failure.class);
        } catch (IOException e) {
            throw new BadInputException("unreadable failure record " + f + ": " + e.getMessage() + "; delete it and rerun the sweep");
        }
    }

    public void recordFailure(Failure f) {
        AtomicFiles.writeString(file(FAILED), Json.pretty(f));
    }

    /** Forgets an earlier failure before a retry. */
    public void clearFailure() {
        try {
            Files.deleteIfExists(file(FAILED));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String read(String name) {
        try {
            return Files.readString(file(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("cell folder " + dir + " lacks a readable " + name + " although it is marked done ("
                    + e.getMessage() + "); delete the folder and rerun the sweep");
        }
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> readJson(String name) {
        try {
            return Json.mapper().readValue(read(name), java.util.LinkedHashMap.class);
        } catch (IOException e) {
            throw new BadInputException("cell file " + file(name) + " is not valid JSON: " + e.getMessage()
                    + "; delete the cell folder and rerun the sweep");
        }
    }
}
