package org.lossbench.cli.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lossbench.core.BadInputException;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.ClassSeparability;
import org.lossbench.eval.results.AggregateTables;
import org.lossbench.eval.results.CellFailure;
import org.lossbench.eval.results.CellId;
import org.lossbench.eval.results.CellTimings;
import org.lossbench.eval.results.CsvTable;
import org.lossbench.eval.results.ManifestFile;

/**
 * What aggregation takes from a sweep folder's cells, gathered in plan order: per finished cell its results (by key, for
 * the statistics), its tables' rows as written (for the concatenated tables), its manifest entry, its timings and its
 * dataset's class names (the first finished cell of a dataset gives them); per failed cell its failure, its manifest
 * entry and a line for the summaries. The finished cells' tables are read and parsed in parallel.
 */
final class GatheredCells {
    private final Map<String, List<CaseResult>> cases = new LinkedHashMap<>();
    private final Map<String, List<ClassSeparability>> separability = new LinkedHashMap<>();
    private final List<CellFailure> failures = new ArrayList<>();
    private final List<String> failureLines = new ArrayList<>();
    private final List<List<String>> casesRows = new ArrayList<>();
    private final List<List<String>> lesionsRows = new ArrayList<>();
    private final List<List<String>> separabilityRows = new ArrayList<>();
    private final List<AggregateTables.CellTiming> timings = new ArrayList<>();
    private final List<AggregateTables.CaseTiming> caseTimings = new ArrayList<>();
    private final List<ManifestFile.Cell> manifestCells = new ArrayList<>();
    private final Map<String, Map<Integer, String>> labelNames = new LinkedHashMap<>();

    private GatheredCells() {
    }

    /** The cells of {@code dir}; a cell neither finished nor failed is a {@link BadInputException} that says to run it. */
    static GatheredCells of(Path dir, List<Cell> cells) {
        List<FinishedCell> finished = cells.parallelStream().map(c -> FinishedCell.read(CellFiles.of(dir, c), c)).toList();
        GatheredCells out = new GatheredCells();
        List<Cell> missing = new ArrayList<>();
        for (int k = 0; k < cells.size(); k++) {
            Cell c = cells.get(k);
            CellFiles f = CellFiles.of(dir, c);
            if (finished.get(k) != null) {
                out.addFinished(c, finished.get(k), CellTimings.read(f.dir()));
            } else if (f.failure() != null) {
                out.addFailed(c, f.failure());
            } else {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(missing.size() + " of " + cells.size() + " cells of " + dir + " have not run (first: "
                    + missing.get(0).label() + ", key " + missing.get(0).key() + "); run the sweep (or the missing shards) and merge again");
        }
        return out;
    }

    private void addFinished(Cell c, FinishedCell fin, CellTimings t) {
        CellId id = id(c);
        cases.put(c.key(), fin.cases());
        rows(fin.casesCsv(), casesRows);
        rows(fin.lesionsCsv(), lesionsRows);
        if (fin.separabilityCsv() != null) {
            separability.put(c.key(), fin.separability());
            rows(fin.separabilityCsv(), separabilityRows);
        }
        manifestCells.add(ManifestFile.Cell.done(id, c.config(), fin.document()));
        if (fin.document().labelNames() != null && !labelNames.containsKey(c.dataset())) {
            Map<Integer, String> byLabel = new TreeMap<>();
            fin.document().labelNames().forEach((k, v) -> byLabel.put(Integer.parseInt(k), v));
            labelNames.put(c.dataset(), byLabel);
        }
        timings.add(new AggregateTables.CellTiming(id, ManifestFile.DONE, t.seconds()));
        t.cases().forEach(k -> caseTimings.add(new AggregateTables.CaseTiming(id, k.caseId(), k.inferenceS(), k.evaluationS())));
    }

    private void addFailed(Cell c, CellFailure fl) {
        failures.add(fl);
        failureLines.add(c.label() + " (key " + c.key().substring(0, 12) + ", exit " + fl.exitCode() + "): " + fl.reason());
        manifestCells.add(ManifestFile.Cell.failed(id(c), c.config(), fl));
        timings.add(new AggregateTables.CellTiming(id(c), ManifestFile.FAILED, Map.of()));
    }

    private static CellId id(Cell c) {
        return new CellId(c.index(), c.key(), c.dataset(), c.model(), c.loss(), c.seed());
    }

    private static void rows(CsvTable table, List<List<String>> into) {
        table.rows().forEach(r -> into.add(r.fields()));
    }

    /** The finished cells' cases by cell key. */
    Map<String, List<CaseResult>> cases() {
        return cases;
    }

    /** The finished cells' separability by cell key (cells that predate it left out). */
    Map<String, List<ClassSeparability>> separability() {
        return separability;
    }

    List<CellFailure> failures() {
        return failures;
    }

    /** Per failed cell: its label, key prefix, exit code and reason. */
    List<String> failureLines() {
        return failureLines;
    }

    List<List<String>> casesRows() {
        return casesRows;
    }

    List<List<String>> lesionsRows() {
        return lesionsRows;
    }

    List<List<String>> separabilityRows() {
        return separabilityRows;
    }

    List<AggregateTables.CellTiming> timings() {
        return timings;
    }

    List<AggregateTables.CaseTiming> caseTimings() {
        return caseTimings;
    }

    List<ManifestFile.Cell> manifestCells() {
        return manifestCells;
    }

    /** Per dataset, class names by label value. */
    Map<String, Map<Integer, String>> labelNames() {
        return labelNames;
    }
}
