package org.lossbench.eval.results;

import java.nio.file.Path;
import java.util.Objects;
import org.lossbench.core.BadInputException;

/** The format tags of the results folder's documents, each spelled here once; a tag's number changes with its layout. */
public final class FormatTag {
    /** {@code sweep.json} ({@link PlanFile}). */
    public static final String PLAN = "lossbench-sweep-plan/1";
    /** {@code manifest.json} ({@link ManifestFile}). */
    public static final String MANIFEST = "lossbench-sweep-manifest/1";
    /** A cell's configuration (part of every cell key, so a new layout re-runs every cell). */
    public static final String CELL_CONFIG = "lossbench-sweep-cell/1";
    /** A cell's {@code overlays.json} (the report's slice crops). */
    public static final String OVERLAYS = "lossbench-overlays/1";

    private FormatTag() {
    }

    /** Refuses a document whose {@code format} is not {@code expected}. */
    public static void require(String expected, String actual, Path file) {
        if (!Objects.equals(expected, actual)) {
            throw new BadInputException(file + ": format is '" + actual + "', expected " + expected
                    + "; it was not written by this version of lossbench sweep: rerun the sweep");
        }
    }
}
