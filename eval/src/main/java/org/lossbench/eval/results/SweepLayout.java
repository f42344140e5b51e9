package org.lossbench.eval.results;

import java.nio.file.Path;
import java.util.List;

/**
 * The names of a sweep folder's files (docs/results.md). The sweep folder holds the plan, the aggregated outputs
 * and {@value #CELLS}{@code /<key>/}, one folder per cell, named by the cell's key.
 */
public final class SweepLayout {
    /** The plan, written before any cell runs ({@link PlanFile}). */
    public static final String PLAN = "sweep.json";
    /** Spec and per cell its status, configuration and provenance ({@link ManifestFile}). */
    public static final String MANIFEST = "manifest.json";
    /** {@link ResultTables#CASES} with the cell's columns in front, all cells in plan order (also a cell's file). */
    public static final String CASES = "cases.csv";
    /** {@link ResultTables#LESIONS} likewise. */
    public static final String LESIONS = "lesions.csv";
    /** {@link ResultTables#SEPARABILITY} likewise. */
    public static final String SEPARABILITY = "separability.csv";
    /** {@link SweepTables#SUMMARY}. */
    public static final String SUMMARY_CSV = "summary.csv";
    /** Per group and loss, the statistics of summary.csv and the seed-level, rank and comparison figures ({@link SummaryFile}). */
    public static final String SUMMARY_JSON = "summary.json";
    public static final String SUMMARY_MD = "summary.md";
    /** {@link SweepTables#SEEDS}. */
    public static final String SEEDS = "seeds.csv";
    /** {@link SweepTables#TIMINGS}: wall-clock seconds per cell. */
    public static final String TIMINGS_CSV = "timings.csv";
    /** {@link SweepTables#CASE_TIMINGS}: inference and evaluation seconds per case. */
    public static final String CASE_TIMINGS = "case_timings.csv";
    /** The self-contained HTML report. */
    public static final String REPORT = "report.html";
    /** The folder of the cells' folders. */
    public static final String CELLS = "cells";

    /** A finished cell's marker, written last; it holds the cell's key. */
    public static final String DONE = "done";
    /** A failed cell's {@link CellFailure}. */
    public static final String FAILED = "failed.json";
    /** A cell's {@link CellDocument}. */
    public static final String CELL = "cell.json";
    /** A cell's wall-clock seconds ({@link CellTimings}; the only cell file whose content changes between runs). */
    public static final String TIMINGS_JSON = "timings.json";
    /** A cell's slice crops for the report's overlay figure ({@link FormatTag#OVERLAYS}). */
    public static final String OVERLAYS = "overlays.json";
    /** A train-mode cell's trainer folder (checkpoint and model). */
    public static final String TRAIN = "train";
    /** The top-level files of a finished cell, which {@code lossbench merge} copies (those present; the done marker after them). */
    public static final List<String> CELL_OUTPUTS = List.of(CASES, LESIONS, SEPARABILITY, CELL, OVERLAYS, TIMINGS_JSON);

    private SweepLayout() {
    }

    /** The folder of the cell with key {@code key} in the sweep folder {@code sweepDir}. */
    public static Path cellDir(Path sweepDir, String key) {
        return sweepDir.resolve(CELLS).resolve(key);
    }
}
