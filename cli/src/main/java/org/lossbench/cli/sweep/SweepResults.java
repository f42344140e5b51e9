package org.lossbench.cli.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lossbench.cli.report.HtmlReport;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.core.io.Json;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.ClassSeparability;
import org.lossbench.eval.lesion.SizeBins;
import org.lossbench.eval.panel.LossPanel;
import org.lossbench.eval.results.AggregateTables;
import org.lossbench.eval.results.CellDocument;
import org.lossbench.eval.results.CellFailure;
import org.lossbench.eval.results.CellId;
import org.lossbench.eval.results.CellName;
import org.lossbench.eval.results.CellTimings;
import org.lossbench.eval.results.ColumnSet;
import org.lossbench.eval.results.CsvCodec;
import org.lossbench.eval.results.CsvTable;
import org.lossbench.eval.results.ManifestFile;
import org.lossbench.eval.results.PlanFile;
import org.lossbench.eval.results.ResultTables;
import org.lossbench.eval.results.SweepLayout;

/**
 * A sweep's folder {@code results/<sweep>/} (its schema: org.lossbench.eval.results, docs/results.md): the plan
 * ({@code sweep.json}, written before any cell runs) and, once every cell is finished or failed, the aggregated
 * outputs, all computed from the cells' files so that a resumed, a repeated and a sharded-then-merged sweep write the
 * same bytes:
 *
 * <ul>
 *   <li>{@code cases.csv}, {@code lesions.csv}, {@code separability.csv}: the cells' tables concatenated in plan order;</li>
 *   <li>{@code summary.csv}: per dataset, model, loss, class and metric, the statistics of
 *       {@link org.lossbench.eval.Aggregation} over the cases of all seeds; {@code seeds.csv}: {@link PanelFiles};</li>
 *   <li>{@code summary.json}: {@link SummaryJson}; {@code summary.md}: {@link SummaryMarkdown};</li>
 *   <li>{@code manifest.json}: the spec and, per cell, its key, configuration, status and provenance;</li>
 *   <li>{@code timings.csv}: wall-clock seconds per cell, and {@code case_timings.csv}: inference and evaluation
 *       seconds per case (the only outputs that differ between runs).</li>
 *   <li>{@code report.html}: {@link HtmlReport}, made from the files above (its timing figure differs between runs).</li>
 * </ul>
 */
public final class SweepResults {
    /** The plan of a sweep folder. */
    public record Plan(SweepSpec spec, String specSha256, List<Cell> cells) {
    }

    /** What aggregation wrote: the Markdown summary and the exit code (0, or the worst failure's). */
    public record Outcome(String markdown, int exitCode, int failed) {
    }

    private SweepResults() {
    }

    public static String specSha256(SweepSpec spec) {
        return CanonicalJson.sha256(Json.mapper().convertValue(spec, Map.class));
    }

    public static void writePlan(Path dir, SweepSpec spec, List<Cell> cells) {
        new PlanFile(specSha256(spec), Json.mapper().valueToTree(spec), cells.stream().map(c -> new PlanFile.Cell(c.index(), c.key(),
                c.dataset(), c.model(), c.loss(), c.seed(), c.modelFile(), c.config())).toList()).write(dir);
    }

    public static Plan readPlan(Path dir) {
        PlanFile p = PlanFile.read(dir);
        try {
            return new Plan(Json.mapper().treeToValue(p.spec(), SweepSpec.class), p.specSha256(), p.cells().stream()
                    .map(c -> new Cell(c.index(), c.dataset(), c.model(), c.loss(), c.seed(), c.modelFile(), c.config(), c.key())).toList());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new BadInputException("unreadable sweep plan " + dir.resolve(SweepLayout.PLAN) + ": " + e.getMessage());
        }
    }

    /** Aggregates the cells of {@code dir} (every cell must be finished or failed) and writes the outputs. */
    public static Outcome aggregate(Path dir, SweepSpec spec, List<Cell> cells) {
        List<Cell> missing = new ArrayList<>();
        Map<String, List<CaseResult>> cases = new LinkedHashMap<>();
        Map<String, List<ClassSeparability>> separability = new LinkedHashMap<>();
        Map<String, CellFailure> failures = new LinkedHashMap<>();
        List<List<String>> casesRows = new ArrayList<>();
        List<List<String>> lesionsRows = new ArrayList<>();
        List<List<String>> separabilityRows = new ArrayList<>();
        List<AggregateTables.CellTiming> timings = new ArrayList<>();
        List<AggregateTables.CaseTiming> caseTimings = new ArrayList<>();
        List<ManifestFile.Cell> manifestCells = new ArrayList<>();
        // the finished cells' tables are read and parsed in parallel (order kept), the rest in plan order
        List<Finished> read = cells.parallelStream().map(c -> readCell(dir, c)).toList();
        Map<Integer, Finished> finished = new HashMap<>();
        for (int k = 0; k < cells.size(); k++) {
            if (read.get(k) != null) {
                finished.put(cells.get(k).index(), read.get(k));
            }
        }
        Map<String, Map<Integer, String>> labelNames = new LinkedHashMap<>();
        for (Cell c : cells) {
            CellFiles f = CellFiles.of(dir, c);
            CellId id = new CellId(c.index(), c.key(), c.dataset(), c.model(), c.loss(), c.seed());
            Finished fin = finished.get(c.index());
            if (fin != null) {
                cases.put(c.key(), fin.cases());
                fin.casesCsv().rows().forEach(r -> casesRows.add(r.fields()));
                fin.lesionsCsv().rows().forEach(r -> lesionsRows.add(r.fields()));
                if (fin.separabilityCsv() != null) {
                    separability.put(c.key(), fin.separability());
                    fin.separabilityCsv().rows().forEach(r -> separabilityRows.add(r.fields()));
                }
                manifestCells.add(ManifestFile.Cell.done(id, c.config(), fin.document()));
                if (fin.document().labelNames() != null && !labelNames.containsKey(c.dataset())) {
                    Map<Integer, String> byLabel = new TreeMap<>();
                    fin.document().labelNames().forEach((k, v) -> byLabel.put(Integer.parseInt(k), v));
                    labelNames.put(c.dataset(), byLabel);
                }
                CellTimings t = CellTimings.read(f.dir());
                timings.add(new AggregateTables.CellTiming(id, ManifestFile.DONE, t.seconds()));
                t.cases().forEach(k -> caseTimings.add(new AggregateTables.CaseTiming(id, k.caseId(), k.inferenceS(), k.evaluationS())));
            } else if (f.failure() != null) {
                CellFailure fl = f.failure();
                failures.put(c.key(), fl);
                manifestCells.add(ManifestFile.Cell.failed(id, c.config(), fl));
                timings.add(new AggregateTables.CellTiming(id, ManifestFile.FAILED, Map.of()));
            } else {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(missing.size() + " of " + cells.size() + " cells of " + dir + " have not run (first: "
                    + missing.get(0).label() + ", key " + missing.get(0).key() + "); run the sweep (or the missing shards) and merge again");
        }
        SizeBins bins = SizeBins.parse(spec.evaluation().sizeBins());
        List<SweepTables.Group> groups = SweepTables.of(cells, cases, separability, spec.referenceLoss(), bins,
                spec.evaluation().bootstrapSeed());
        List<String> failureLines = new ArrayList<>();
        for (Cell c : cells) {
            CellFailure fl = failures.get(c.key());
            if (fl != null) {
                failureLines.add(c.label() + " (key " + c.key().substring(0, 12) + ", exit " + fl.exitCode() + "): " + fl.reason());
            }
        }
        String md = SummaryMarkdown.of(spec, groups, failureLines, cells.size(), labelNames);
        write(dir, SweepLayout.CASES, CsvCodec.write(CellName.inCell(ResultTables.CASES).names(), casesRows));
        write(dir, SweepLayout.LESIONS, CsvCodec.write(CellName.inCell(ResultTables.LESIONS).names(), lesionsRows));
        write(dir, SweepLayout.SEPARABILITY, CsvCodec.write(CellName.inCell(ResultTables.SEPARABILITY).names(), separabilityRows));
        write(dir, SweepLayout.SUMMARY_CSV, CsvCodec.write(AggregateTables.SUMMARY, summaryRows(groups)));
        write(dir, SweepLayout.SEEDS, CsvCodec.write(AggregateTables.SEEDS, PanelFiles.seedRows(groups)));
        SummaryJson.of(spec, groups, cells.size(), failureLines, labelNames).write(dir);
        write(dir, SweepLayout.SUMMARY_MD, md);
        new ManifestFile(spec.name(), specSha256(spec), Json.mapper().valueToTree(spec), manifestCells).write(dir);
        write(dir, SweepLayout.TIMINGS_CSV, CsvCodec.write(AggregateTables.TIMINGS, timings));
        write(dir, SweepLayout.CASE_TIMINGS, CsvCodec.write(AggregateTables.CASE_TIMINGS, caseTimings));
        HtmlReport.write(dir); // from the files above (docs/report.md)
        int code = failures.values().stream().mapToInt(CellFailure::exitCode).max().orElse(0);
        return new Outcome(md, code == 0 ? 0 : Math.max(code, ExitCode.BAD_INPUT.code()), failures.size());
    }

    private static void write(Path dir, String name, String text) {
        AtomicFiles.writeString(dir.resolve(name), text);
    }

    /** A finished cell's tables as read and as results, and its document; no separability for a cell that predates it. */
    private record Finished(CsvTable casesCsv, CsvTable lesionsCsv, List<CaseResult> cases, CsvTable separabilityCsv,
                            List<ClassSeparability> separability, CellDocument document) {
    }

    /** The tables of a finished cell, or null when it is not finished. */
    private static Finished readCell(Path dir, Cell c) {
        CellFiles f = CellFiles.of(dir, c);
        if (!f.isDone(c)) {
            return null;
        }
        try {
            CsvTable cc = table(f, SweepLayout.CASES, CellName.inCell(ResultTables.CASES));
            CsvTable lc = table(f, SweepLayout.LESIONS, CellName.inCell(ResultTables.LESIONS));
            CsvTable sc = Files.isRegularFile(f.file(SweepLayout.SEPARABILITY))
                    ? table(f, SweepLayout.SEPARABILITY, CellName.inCell(ResultTables.SEPARABILITY)) : null;
            return new Finished(cc, lc, ResultTables.readCases(cc, lc, ""), sc, sc == null ? null : ResultTables.readSeparability(sc, ""),
                    CellDocument.read(f.dir()));
        } catch (BadInputException e) {
            throw new BadInputException("cell " + f.dir() + " has unreadable files (" + e.getMessage() + "); delete the folder and rerun the sweep");
        }
    }

    private static CsvTable table(CellFiles f, String name, ColumnSet<?> columns) {
        if (!Files.isRegularFile(f.file(name))) {
            throw new BadInputException(f.file(name) + " is missing although the cell is marked done");
        }
        return CsvCodec.read(f.file(name)).requireHeader(columns);
    }

    private static List<AggregateTables.SummaryRow> summaryRows(List<SweepTables.Group> groups) {
        List<AggregateTables.SummaryRow> out = new ArrayList<>();
        for (SweepTables.Group g : groups) {
            for (LossPanel.LossStats r : g.panel().losses()) {
                r.pooled().metrics().forEach(m -> out.add(new AggregateTables.SummaryRow(g.dataset(), g.model(), r.loss(), m)));
            }
        }
        return out;
    }
}
