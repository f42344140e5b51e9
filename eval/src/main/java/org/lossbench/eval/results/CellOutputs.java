package org.lossbench.eval.results;

import java.nio.file.Path;
import java.util.List;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.ClassSeparability;

/**
 * Writes a cell's outputs into its folder, each file atomically: its tables ({@link ResultTables} with
 * {@link CellName#COLUMNS} in front), its {@code overlays.json}, its {@link CellDocument}; its
 * {@code timings.json} is a {@link CellTimings}. The runner writes the {@code done} marker after them.
 */
public final class CellOutputs {
    private CellOutputs() {
    }

    /** {@code cases.csv}, {@code lesions.csv}, {@code separability.csv}, {@code overlays.json} (given as JSON text) and {@code cell.json}. */
    public static void write(Path cellDir, CellName cell, List<CaseResult> cases, List<ClassSeparability> separability,
                             String overlaysJson, CellDocument document) {
        AtomicFiles.writeString(cellDir.resolve(SweepLayout.CASES), casesCsv(cell, cases));
        AtomicFiles.writeString(cellDir.resolve(SweepLayout.LESIONS), lesionsCsv(cell, cases));
        AtomicFiles.writeString(cellDir.resolve(SweepLayout.SEPARABILITY), separabilityCsv(cell, separability));
        AtomicFiles.writeString(cellDir.resolve(SweepLayout.OVERLAYS), overlaysJson);
        document.write(cellDir);
    }

    public static String casesCsv(CellName cell, List<CaseResult> cases) {
        return CsvCodec.write(CellName.inCell(ResultTables.CASES), rows(cell, ResultTables.classRows(cases)));
    }

    public static String lesionsCsv(CellName cell, List<CaseResult> cases) {
        return CsvCodec.write(CellName.inCell(ResultTables.LESIONS), rows(cell, ResultTables.lesionRows(cases)));
    }

    public static String separabilityCsv(CellName cell, List<ClassSeparability> rows) {
        return CsvCodec.write(CellName.inCell(ResultTables.SEPARABILITY), rows(cell, rows));
    }

    private static <R> List<CellName.Row<R>> rows(CellName cell, List<R> rows) {
        return rows.stream().map(r -> new CellName.Row<>(cell, r)).toList();
    }
}
