package org.lossbench.cli.sweep;

import java.nio.file.Files;
import java.util.List;
import org.lossbench.core.BadInputException;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.ClassSeparability;
import org.lossbench.eval.results.CellDocument;
import org.lossbench.eval.results.CellName;
import org.lossbench.eval.results.ColumnSet;
import org.lossbench.eval.results.CsvCodec;
import org.lossbench.eval.results.CsvTable;
import org.lossbench.eval.results.ResultTables;
import org.lossbench.eval.results.SweepLayout;

/**
 * A finished cell's tables as read (their fields, which the aggregated tables copy) and as results (which the statistics
 * take), and its {@code cell.json}; no separability for a cell that predates it.
 */
record FinishedCell(CsvTable casesCsv, CsvTable lesionsCsv, List<CaseResult> cases, CsvTable separabilityCsv,
                    List<ClassSeparability> separability, CellDocument document) {

    /** The tables of the cell {@code c} of {@code files}, or null when it is not finished; unreadable ones are bad input. */
    static FinishedCell read(CellFiles files, Cell c) {
        if (!files.isDone(c)) {
            return null;
        }
        try {
            CsvTable cc = table(files, SweepLayout.CASES, CellName.inCell(ResultTables.CASES));
            CsvTable lc = table(files, SweepLayout.LESIONS, CellName.inCell(ResultTables.LESIONS));
            CsvTable sc = Files.isRegularFile(files.file(SweepLayout.SEPARABILITY))
                    ? table(files, SweepLayout.SEPARABILITY, CellName.inCell(ResultTables.SEPARABILITY)) : null;
            return new FinishedCell(cc, lc, ResultTables.readCases(cc, lc, ""), sc, sc == null ? null : ResultTables.readSeparability(sc, ""),
                    CellDocument.read(files.dir()));
        } catch (BadInputException e) {
            throw new BadInputException("cell " + files.dir() + " has unreadable files (" + e.getMessage()
                    + "); delete the folder and rerun the sweep");
        }
    }

    private static CsvTable table(CellFiles f, String name, ColumnSet<?> columns) {
        if (!Files.isRegularFile(f.file(name))) {
            throw new BadInputException(f.file(name) + " is missing although the cell is marked done");
        }
        return CsvCodec.read(f.file(name)).requireHeader(columns);
    }
}
