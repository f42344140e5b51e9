package org.lossbench.cli.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.core.io.Json;
import org.lossbench.eval.Aggregation;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.ClassSeparability;
import org.lossbench.eval.panel.LossPanel;
import org.lossbench.eval.lesion.SizeBins;
import org.lossbench.eval.report.Csv;
import org.lossbench.eval.report.ResultWriter;
import org.lossbench.eval.report.SeparabilityTable;

/**
 * A sweep's folder {@code results/<sweep>/}: the plan ({@code sweep.json}, written before any cell
 * runs) and, once every cell is finished or failed, the aggregated outputs, all computed from the
 * cells' files so that a resumed, a repeated and a sharded-then-merged sweep write the same bytes:
 *
 * <ul>
 *   <li>{@code cases.csv}, {@code lesions.csv}: the cells' tables concatenated in plan order;</li>
 *   <li>{@code summary.csv}: per dataset, model, loss, class and metric, the statistics of
 *       {@link Aggregation} over the cases of all seeds;</li>
 *   <li>{@code summary.json}: the same, the size-bin tables, the paired comparisons and the failures;</li>
 *   <li>{@code summary.md}: {@link SummaryMarkdown};</li>
 *   <li>{@code manifest.json}: the spec and, per cell, its key, configuration, status and provenance;</li>
 *   <li>{@code timings.csv}: wall-clock seconds per cell, and {@code case_timings.csv}: inference and evaluation
 *       seconds per case (the only outputs that differ between runs).</li>
 *   <li>{@code report.html}: org.lossbench.cli.report.HtmlReport, made from the files above (its timing figure differs between runs).</li>
 * </ul>
 */
public final class SweepResults {
    public static final String PLAN = "sweep.json";
    public static final String PLAN_FORMAT = "lossbench-sweep-plan/1";

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
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("format", PLAN_FORMAT);
        plan.put("spec_sha256", specSha256(spec));
        plan.put("spec", spec);
        List<Map<String, Object>> cs = new ArrayList<>();
        for (Cell c : cells) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", c.index());
            m.put("key", c.key());
            m.put("dataset", c.dataset());
            m.put("model", c.model());
            m.put("loss", c.loss());
            m.put("seed", c.seed());
            m.put("model_file", c.modelFile());
            m.put("config", c.config());
            cs.add(m);
        }
        plan.put("cells", cs);
        AtomicFiles.writeString(dir.resolve(PLAN), Json.pretty(plan));
    }

    @SuppressWarnings("unchecked")
    public static Plan readPlan(Path dir) {
        Path f = dir.resolve(PLAN);
        if (!Files.isRegularFile(f)) {
            throw new BadInputException(dir + " is not a sweep folder (no " + PLAN + "); give the results/<sweep> folders the sweep wrote");
        }
        try {
            Map<String, Object> m = Json.mapper().readValue(Files.readString(f), LinkedHashMap.class);
            if (!PLAN_FORMAT.equals(m.get("format"))) {
                throw new BadInputException(f + ": format is " + m.get("format") + ", expected " + PLAN_FORMAT);
            }
            SweepSpec spec = Json.mapper().convertValue(m.get("spec"), SweepSpec.class);
            List<Cell> cells = new ArrayList<>();
            for (Map<String, Object> c : (List<Map<String, Object>>) m.get("cells")) {
                cells.add(new Cell(((Number) c.get("index")).intValue(), (String) c.get("dataset"), (String) c.get("model"),
                        (String) c.get("loss"), ((Number) c.get("seed")).longValue(), (String) c.get("model_file"),
                        (Map<String, Object>) c.get("config"), (String) c.get("key")));
            }
            return new Plan(spec, (String) m.get("spec_sha256"), cells);
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadInputException b) {
                throw b;
            }
            throw new BadInputException("unreadable sweep plan " + f + ": " + e.getMessage());
        }
    }

    /** Aggregates the cells of {@code dir} (every cell must be finished or failed) and writes the outputs. */
    public static Outcome aggregate(Path dir, SweepSpec spec, List<Cell> cells) {
        List<Cell> missing = new ArrayList<>();
        Map<String, List<CaseResult>> cases = new LinkedHashMap<>();
        Map<String, List<ClassSeparability>> separability = new LinkedHashMap<>();
        Map<String, CellFiles.Failure> failures = new LinkedHashMap<>();
        StringBuilder casesCsv = new StringBuilder(CellTables.header(ResultWriter.CASE_COLUMNS));
        StringBuilder lesionsCsv = new StringBuilder(CellTables.header(ResultWriter.LESION_COLUMNS));
        StringBuilder separabilityCsv = new StringBuilder(CellTables.header(SeparabilityTable.COLUMNS));
        StringBuilder timings = new StringBuilder("index,key,dataset,model,loss,seed,status,dataset_load_s,train_s,model_load_s,"
                + "inference_s,evaluation_s,write_s,total_s\n");
        StringBuilder caseTimings = new StringBuilder("index,key,dataset,model,loss,seed,case,inference_s,evaluation_s\n");
        List<Map<String, Object>> manifestCells = new ArrayList<>();
        // the finished cells' tables are read and parsed in parallel (order kept), the rest in plan order
        List<Finished> read = cells.parallelStream().map(c -> readCell(dir, c)).toList();
        Map<Integer, Finished> finished = new java.util.HashMap<>();
        for (int k = 0; k < cells.size(); k++) {
            if (read.get(k) != null) {
                finished.put(cells.get(k).index(), read.get(k));
            }
        }
        Map<String, Map<Integer, String>> labelNames = new LinkedHashMap<>();
        for (Cell c : cells) {
            CellFiles f = CellFiles.of(dir, c);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("index", c.index());
            entry.put("key", c.key());
            entry.put("dataset", c.dataset());
            entry.put("model", c.model());
            entry.put("loss", c.loss());
            entry.put("seed", c.seed());
            Finished fin = finished.get(c.index());
            if (fin != null) {
                cases.put(c.key(), fin.cases());
                CellTables.body(fin.casesCsv()).forEach(l -> casesCsv.append(l).append('\n'));
                CellTables.body(fin.lesionsCsv()).forEach(l -> lesionsCsv.append(l).append('\n'));
                if (fin.separabilityCsv() != null) {
                    separability.put(c.key(), fin.separability());
                    CellTables.body(fin.separabilityCsv()).forEach(l -> separabilityCsv.append(l).append('\n'));
                }
                Map<String, Object> cellJson = f.readJson(CellFiles.CELL);
                entry.put("status", "done");
                entry.put("config", c.config());
                entry.put("cases", cellJson.get("cases"));
                entry.put("provenance", cellJson.get("provenance"));
                if (cellJson.get("label_names") instanceof Map<?, ?> names && !labelNames.containsKey(c.dataset())) {
                    Map<Integer, String> byLabel = new java.util.TreeMap<>();
                    names.forEach((k, v) -> byLabel.put(Integer.parseInt(k.toString()), v.toString()));
                    labelNames.put(c.dataset(), byLabel);
                }
                Map<String, Object> cellTimings = timings(f);
                timings.append(timingRow(c, "done", cellTimings));
                caseTimings.append(caseTimingRows(c, cellTimings));
            } else if (f.failure() != null) {
                CellFiles.Failure fl = f.failure();
                failures.put(c.key(), fl);
                entry.put("status", "failed");
                entry.put("config", c.config());
                entry.put("failure", fl.reason());
                entry.put("exit_code", fl.exitCode());
                timings.append(timingRow(c, "failed", Map.of()));
            } else {
                missing.add(c);
            }
            manifestCells.add(entry);
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
            CellFiles.Failure fl = failures.get(c.key());
            if (fl != null) {
                failureLines.add(c.label() + " (key " + c.key().substring(0, 12) + ", exit " + fl.exitCode() + "): " + fl.reason());
            }
        }
        String md = SummaryMarkdown.of(spec, groups, failureLines, cells.size(), labelNames);
        AtomicFiles.writeString(dir.resolve("cases.csv"), casesCsv.toString());
        AtomicFiles.writeString(dir.resolve("lesions.csv"), lesionsCsv.toString());
        AtomicFiles.writeString(dir.resolve(CellFiles.SEPARABILITY), separabilityCsv.toString());
        AtomicFiles.writeString(dir.resolve("summary.csv"), summaryCsv(groups));
        AtomicFiles.writeString(dir.resolve(PanelFiles.SEEDS), PanelFiles.seedsCsv(groups));
        AtomicFiles.writeString(dir.resolve("summary.json"), SummaryJson.of(spec, groups, cells.size(), failureLines, labelNames));
        AtomicFiles.writeString(dir.resolve("summary.md"), md);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", "lossbench-sweep-manifest/1");
        manifest.put("sweep", spec.name());
        manifest.put("spec_sha256", specSha256(spec));
        manifest.put("spec", spec);
        manifest.put("cells", manifestCells);
        AtomicFiles.writeString(dir.resolve("manifest.json"), Json.pretty(manifest));
        AtomicFiles.writeString(dir.resolve("timings.csv"), timings.toString());
        AtomicFiles.writeString(dir.resolve("case_timings.csv"), caseTimings.toString());
        org.lossbench.cli.report.HtmlReport.write(dir); // from the files above (docs/report.md)
        int code = failures.values().stream().mapToInt(CellFiles.Failure::exitCode).max().orElse(0);
        return new Outcome(md, code == 0 ? 0 : Math.max(code, ExitCode.BAD_INPUT.code()), failures.size());
    }

    /** A finished cell's tables as text and as case results; no separability for a cell that predates it. */
    private record Finished(String casesCsv, String lesionsCsv, List<CaseResult> cases, String separabilityCsv,
                            List<ClassSeparability> separability) {
    }

    /** The tables of a finished cell, or null when it is not finished. */
    private static Finished readCell(Path dir, Cell c) {
        CellFiles f = CellFiles.of(dir, c);
        if (!f.isDone(c)) {
            return null;
        }
        String cc = f.read(CellFiles.CASES);
        String lc = f.read(CellFiles.LESIONS);
        String sc = Files.isRegularFile(f.file(CellFiles.SEPARABILITY)) ? f.read(CellFiles.SEPARABILITY) : null;
        try {
            return new Finished(cc, lc, CellTables.read(cc, lc, "", f.dir().toString()), sc,
                    sc == null ? null : CellTables.readSeparability(sc, "", f.dir().toString()));
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadInputException("cell " + f.dir() + " has unreadable tables (" + e + "); delete the folder and rerun the sweep");
        }
    }

    /** A finished cell's {@code timings.json}, or an empty map when the cell has none. */
    private static Map<String, Object> timings(CellFiles f) {
        return Files.isRegularFile(f.file(CellFiles.TIMINGS)) ? f.readJson(CellFiles.TIMINGS) : Map.of();
    }

    /** {@code index,key,dataset,model,loss,seed}: the columns that name a cell in the timing tables. */
    private static StringBuilder cellColumns(Cell c) {
        return new StringBuilder().append(c.index()).append(',').append(c.key()).append(',').append(Csv.cell(c.dataset())).append(',')
                .append(Csv.cell(c.model())).append(',').append(Csv.cell(c.loss())).append(',').append(c.seed());
    }

    private static String timingRow(Cell c, String status, Map<String, Object> timings) {
        Map<?, ?> seconds = timings.get("seconds") instanceof Map<?, ?> m ? m : Map.of();
        StringBuilder sb = cellColumns(c).append(',').append(status);
        for (String k : List.of("dataset_load_s", "train_s", "model_load_s", "inference_s", "evaluation_s", "write_s", "total_s")) {
            Object v = seconds.get(k);
            sb.append(',').append(v == null ? "" : String.format(Locale.ROOT, "%.4f", ((Number) v).doubleValue()));
        }
        return sb.append('\n').toString();
    }

    /** One row per case of a finished cell: its inference and evaluation seconds (none when timings.json predates them). */
    private static String caseTimingRows(Cell c, Map<String, Object> timings) {
        if (!(timings.get("cases") instanceof List<?> list)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Object o : list) {
            Map<?, ?> m = (Map<?, ?>) o;
            sb.append(cellColumns(c)).append(',').append(Csv.cell(m.get("case").toString()));
            for (String k : List.of("inference_s", "evaluation_s")) {
                sb.append(',').append(String.format(Locale.ROOT, "%.4f", ((Number) m.get(k)).doubleValue()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String summaryCsv(List<SweepTables.Group> groups) {
        Csv csv = new Csv();
        List<String> header = new ArrayList<>(List.of("dataset", "model", "loss"));
        header.addAll(ResultWriter.SUMMARY_COLUMNS);
        csv.header(header);
        for (SweepTables.Group g : groups) {
            for (LossPanel.LossStats r : g.panel().losses()) {
                for (Aggregation.MetricSummary m : r.pooled().metrics()) {
                    var s = m.summary();
                    csv.row(g.dataset(), g.model(), r.loss(), m.label(), m.metric().column(), m.cases(), s.n(), s.nUndefined(), m.nEmptyRef(),
                            s.mean(), s.sd(), s.median(), s.q1(), s.q3(), s.iqr(), s.min(), s.max(), s.ciLow(), s.ciHigh());
                }
            }
        }
        return csv.toString();
    }
}
