package org.lossbench.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.Json;
import org.lossbench.eval.lesion.SizeBins;
import org.lossbench.eval.results.AggregateTables;
import org.lossbench.eval.results.CellName;
import org.lossbench.eval.results.Column;
import org.lossbench.eval.results.ColumnSet;
import org.lossbench.eval.results.ColumnType;
import org.lossbench.eval.results.CsvCodec;
import org.lossbench.eval.results.CsvTable;
import org.lossbench.eval.results.ManifestFile;
import org.lossbench.eval.results.ResultTables;
import org.lossbench.eval.results.SummaryFile;
import org.lossbench.eval.results.SweepLayout;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.table.TableSlice;

/**
 * What the report is made from, read from a sweep folder's files only (never from a running sweep's
 * memory, so {@code lossbench report DIR} regenerates the same page): {@code manifest.json} (spec,
 * cells, provenance, failures; {@link ManifestFile}), {@code summary.json} (class names, rank stability, collapse;
 * {@link SummaryFile}),
 * {@code summary.md} (the tables), {@code cases.csv}, {@code lesions.csv} and {@code case_timings.csv} read with the
 * results schema's codec ({@link CsvCodec}) into Tablesaw tables of the columns the charts need, typed as the schema
 * declares them ({@code nan} and empty fields are missing values, NaN in a double column), and the cells'
 * {@code overlays.json}. Its file names and columns all come from org.lossbench.eval.results; the report does not
 * know the runner.
 */
public final class ReportData {
    /** One cell as the manifest lists it; {@code provenance} is empty for a failed cell. */
    public record CellInfo(int index, String key, String dataset, String model, String loss, long seed, String status, String failure,
                           Integer exitCode, Map<String, String> provenance) {
        public boolean done() {
            return "done".equals(status);
        }

        public String label() {
            return dataset + " / " + model + " / " + loss + " / seed " + seed;
        }
    }

    /** A (dataset, model) group of cells, its losses in sweep order, and the dataset's class names. */
    public record Group(int index, String dataset, String model, List<String> losses, Map<Integer, String> labelNames) {
        public String className(int label) {
            String n = labelNames.get(label);
            return n == null ? "class " + label : "class " + label + " (" + n + ")";
        }
    }

    private final Path dir;
    private final JsonNode spec;
    private final String name;
    private final String specSha256;
    private final List<CellInfo> cells;
    private final List<Group> groups;
    private final Table cases;
    private final Table lesions;
    private final Table caseTimings;
    private final String summaryMarkdown;
    private final SummaryFile summary;

    private ReportData(Path dir, ManifestFile manifest, SummaryFile summary, Table cases, Table lesions, Table caseTimings,
                       String summaryMarkdown) {
        this.dir = dir;
        this.spec = manifest.spec() == null ? Json.mapper().missingNode() : manifest.spec();
        this.name = manifest.sweep() == null ? "" : manifest.sweep();
        this.specSha256 = manifest.specSha256() == null ? "" : manifest.specSha256();
        this.cells = new ArrayList<>();
        for (ManifestFile.Cell c : manifest.cells() == null ? List.<ManifestFile.Cell>of() : manifest.cells()) {
            Map<String, String> prov = new TreeMap<>();
            if (c.provenance() != null) {
                c.provenance().forEach((k, v) -> prov.put(k, String.valueOf(v)));
            }
            cells.add(new CellInfo(c.index(), c.key(), c.dataset(), c.model(), c.loss(), c.seed(), c.status(), c.failure(), c.exitCode(), prov));
        }
        Map<String, Map<Integer, String>> names = new LinkedHashMap<>();
        for (SummaryFile.Group g : summary.groups()) {
            names.putIfAbsent(g.dataset(), new TreeMap<>(g.labelNames()));
        }
        Map<List<String>, List<String>> byGroup = new LinkedHashMap<>();
        for (CellInfo c : cells) {
            List<String> ls = byGroup.computeIfAbsent(List.of(c.dataset(), c.model()), k -> new ArrayList<>());
            if (!ls.contains(c.loss())) {
                ls.add(c.loss());
            }
        }
        this.groups = new ArrayList<>();
        byGroup.forEach((k, ls) -> groups.add(new Group(groups.size(), k.get(0), k.get(1), List.copyOf(ls),
                names.getOrDefault(k.get(0), Map.of()))));
        this.cases = cases;
        this.lesions = lesions;
        this.caseTimings = caseTimings;
        this.summaryMarkdown = summaryMarkdown;
        this.summary = summary;
    }

    /** Reads the aggregated outputs of {@code dir}; missing ones are a {@link BadInputException} that says how to make them. */
    public static ReportData load(Path dir) {
        Path manifestFile = dir.resolve(SweepLayout.MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw missing(manifestFile);
        }
        ManifestFile manifest = ManifestFile.read(dir);
        if (!Files.isRegularFile(dir.resolve(SweepLayout.SUMMARY_JSON))) {
            throw missing(dir.resolve(SweepLayout.SUMMARY_JSON));
        }
        SummaryFile summary = SummaryFile.read(dir);
        Table cases = table(dir.resolve(SweepLayout.CASES), CellName.inCell(ResultTables.CASES), "dataset", "model", "loss", "label", "dice");
        // matched_id stays text: empty for an unmatched lesion
        Table lesions = table(dir.resolve(SweepLayout.LESIONS), CellName.inCell(ResultTables.LESIONS), "dataset", "model", "loss", "case",
                "label", "source", "id", "size_bin", "matched_id");
        Table timings = table(dir.resolve(SweepLayout.CASE_TIMINGS), AggregateTables.CASE_TIMINGS, "dataset", "model", "loss", "inference_s");
        return new ReportData(dir, manifest, summary, cases, lesions, timings, text(dir.resolve(SweepLayout.SUMMARY_MD)));
    }

    public Path dir() {
        return dir;
    }

    public String name() {
        return name;
    }

    public String specSha256() {
        return specSha256;
    }

    /** The resolved spec as written in the manifest (snake_case JSON). */
    public JsonNode spec() {
        return spec;
    }

    public List<CellInfo> cells() {
        return cells;
    }

    public List<Group> groups() {
        return groups;
    }

    public String summaryMarkdown() {
        return summaryMarkdown;
    }

    /** The group in {@code summary.json} (its losses' statistics, ranks and comparison); an empty one when absent. */
    public SummaryFile.Group summaryGroup(Group g) {
        return summary.groups().stream().filter(n -> g.dataset().equals(n.dataset()) && g.model().equals(n.model())).findFirst()
                .orElse(new SummaryFile.Group(g.dataset(), g.model(), null, null, null, null, null));
    }

    /**
     * The colour of a loss: its position among the spec's losses in the {@link Palette}, so a loss has the
     * same colour in every chart and group.
     */
    public String colour(String loss) {
        List<String> ls = new ArrayList<>();
        spec.path("losses").forEach(n -> ls.add(n.asText()));
        groups.forEach(g -> g.losses().stream().filter(l -> !ls.contains(l)).forEach(ls::add));
        return Palette.colour(ls.indexOf(loss));
    }

    /** The size bins' names in order, from the spec's {@code evaluation.size_bins}. */
    public List<String> sizeBins() {
        SizeBins b = SizeBins.parse(spec.path("evaluation").path("size_bins").asText("3,6,12,24"));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < b.count(); i++) {
            out.add(b.name(i));
        }
        return out;
    }

    /** The finished cells of a group, in plan order. */
    public List<CellInfo> doneCells(Group g) {
        return cells.stream().filter(c -> c.done() && c.dataset().equals(g.dataset()) && c.model().equals(g.model())).toList();
    }

    /** The distinct values of one provenance field over the finished cells (of a group, or all when {@code g} is null), in plan order. */
    public List<String> provenance(Group g, String field) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (CellInfo c : g == null ? cells.stream().filter(CellInfo::done).toList() : doneCells(g)) {
            String v = c.provenance().get(field);
            if (v != null) {
                out.add(v);
            }
        }
        return List.copyOf(out);
    }

    /** {@code cases.csv}: dataset, model, loss, label, dice. */
    public Table cases() {
        return cases;
    }

    /** {@code lesions.csv}: dataset, model, loss, case, label, source, id, size_bin, matched_id. */
    public Table lesions() {
        return lesions;
    }

    /** {@code case_timings.csv}: dataset, model, loss, inference_s. */
    public Table caseTimings() {
        return caseTimings;
    }

    /** The cell's overlays, or null when the cell has no {@code overlays.json} (it ran before overlays were captured). */
    public OverlayFile overlays(CellInfo c) {
        Path f = SweepLayout.cellDir(dir, c.key()).resolve(SweepLayout.OVERLAYS);
        return Files.isRegularFile(f) ? OverlayFile.read(f) : null;
    }

    /**
     * Splits {@code t} on the values of {@code columns} (Tablesaw's {@code splitOn}); the key is the columns'
     * values as text, in the order given.
     */
    public static Map<List<String>, Table> split(Table t, String... columns) {
        Map<List<String>, Table> out = new LinkedHashMap<>();
        if (t.rowCount() == 0) {
            return out;
        }
        for (TableSlice s : t.splitOn(columns)) {
            Table part = s.asTable();
            List<String> key = new ArrayList<>();
            for (String c : columns) {
                key.add(part.column(c).getString(0));
            }
            out.put(List.copyOf(key), part);
        }
        return out;
    }

    /**
     * The {@code columns} of a table written with {@code schema}, as a Tablesaw table: text columns as strings, integer
     * columns as ints, number columns as doubles ({@code nan} and empty fields NaN); {@code matched_id} as text.
     */
    private static Table table(Path file, ColumnSet<?> schema, String... columns) {
        if (!Files.isRegularFile(file)) {
            throw missing(file);
        }
        CsvTable t;
        try {
            t = CsvCodec.read(file).requireColumns(List.of(columns));
        } catch (BadInputException e) {
            throw new BadInputException(e.getMessage() + "; regenerate it with lossbench merge " + file.getParent());
        }
        Table out = Table.create(file.getFileName().toString());
        for (String name : columns) {
            Column<?> c = schema.columns().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
            out.addColumns(switch (name.equals("matched_id") ? ColumnType.TEXT : c.type()) {
                case TEXT -> StringColumn.create(name, t.rows().stream().map(r -> r.text(name)));
                case INTEGER -> IntColumn.create(name, t.rows().stream().mapToInt(r -> r.small(name)).toArray());
                case NUMBER, SECONDS -> DoubleColumn.create(name, t.rows().stream().mapToDouble(r -> r.text(name).isEmpty() ? Double.NaN
                        : r.number(name)).toArray());
            });
        }
        return out;
    }

    private static String text(Path file) {
        if (!Files.isRegularFile(file)) {
            throw missing(file);
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static BadInputException missing(Path file) {
        return new BadInputException(file.getParent() + " lacks " + file.getFileName() + ", an aggregated output of the sweep; "
                + "run the sweep to its end (or lossbench merge " + file.getParent() + ") before making the report");
    }
}
