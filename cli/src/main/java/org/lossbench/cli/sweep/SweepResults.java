package org.lossbench.cli.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lossbench.cli.report.HtmlReport;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.core.io.Json;
import org.lossbench.eval.lesion.SizeBins;
import org.lossbench.eval.panel.LossPanel;
import org.lossbench.eval.results.AggregateTables;
import org.lossbench.eval.results.CellFailure;
import org.lossbench.eval.results.CellName;
import org.lossbench.eval.results.CsvCodec;
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
        GatheredCells in = GatheredCells.of(dir, cells);
        List<SweepTables.Group> groups = SweepTables.of(cells, in.cases(), in.separability(), spec.referenceLoss(),
                SizeBins.parse(spec.evaluation().sizeBins()), spec.evaluation().bootstrapSeed());
        String md = SummaryMarkdown.of(spec, groups, in.failureLines(), cells.size(), in.labelNames());
        writeTables(dir, in, groups);
        SummaryJson.of(spec, groups, cells.size(), in.failureLines(), in.labelNames()).write(dir);
        write(dir, SweepLayout.SUMMARY_MD, md);
        new ManifestFile(spec.name(), specSha256(spec), Json.mapper().valueToTree(spec), in.manifestCells()).write(dir);
        write(dir, SweepLayout.TIMINGS_CSV, CsvCodec.write(AggregateTables.TIMINGS, in.timings()));
        write(dir, SweepLayout.CASE_TIMINGS, CsvCodec.write(AggregateTables.CASE_TIMINGS, in.caseTimings()));
        HtmlReport.write(dir); // from the files above (docs/report.md)
        int code = in.failures().stream().mapToInt(CellFailure::exitCode).max().orElse(0);
        return new Outcome(md, code == 0 ? 0 : Math.max(code, ExitCode.BAD_INPUT.code()), in.failures().size());
    }

    /** The cells' tables concatenated in plan order, {@code summary.csv} and {@code seeds.csv}. */
    private static void writeTables(Path dir, GatheredCells in, List<SweepTables.Group> groups) {
        write(dir, SweepLayout.CASES, CsvCodec.write(CellName.inCell(ResultTables.CASES).names(), in.casesRows()));
        write(dir, SweepLayout.LESIONS, CsvCodec.write(CellName.inCell(ResultTables.LESIONS).names(), in.lesionsRows()));
        write(dir, SweepLayout.SEPARABILITY, CsvCodec.write(CellName.inCell(ResultTables.SEPARABILITY).names(), in.separabilityRows()));
        write(dir, SweepLayout.SUMMARY_CSV, CsvCodec.write(AggregateTables.SUMMARY, summaryRows(groups)));
        write(dir, SweepLayout.SEEDS, CsvCodec.write(AggregateTables.SEEDS, PanelFiles.seedRows(groups)));
    }

    private static void write(Path dir, String name, String text) {
        AtomicFiles.writeString(dir.resolve(name), text);
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
