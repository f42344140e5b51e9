/**
 * The one definition of a sweep's results folder ({@code results/<sweep>/}, docs/results.md): its layout
 * ({@link SweepLayout}: folder and file names), its format tags ({@link FormatTag}), its JSON documents as records
 * ({@link PlanFile} for {@code sweep.json}, {@link ManifestFile} for {@code manifest.json}, {@link CellDocument} for a
 * cell's {@code cell.json}, {@link CellTimings} for its {@code timings.json}, {@link SummaryFile} for {@code summary.json},
 * {@link CellFailure} for {@code failed.json}), its tables as column sets
 * ({@link ResultTables}: {@code cases.csv}, {@code lesions.csv}, {@code separability.csv}; {@link SweepTables}:
 * {@code summary.csv}, {@code seeds.csv}, {@code timings.csv}, {@code case_timings.csv}) and the one CSV codec
 * ({@link CsvCodec}, jackson-dataformat-csv with the project's {@code nan}/{@code inf}/{@code -inf} numbers).
 *
 * <p>Every writer (the sweep, {@code lossbench merge}) and every reader (the HTML report, {@code lossbench compare})
 * uses these declarations, so adding a metric touches the result type, its computation and one column declaration.
 * Depends on {@code org.lossbench.eval} (the result types) and {@code org.lossbench.eval.lesion} only; nothing here
 * knows the runner ({@code cli}): documents hold what the files hold (the spec as a JSON tree, a cell's configuration
 * as a map).
 */
package org.lossbench.eval.results;
