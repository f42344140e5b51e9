package org.lossbench.cli.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossbench.core.BadInputException;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.ClassResult;
import org.lossbench.eval.ClassSeparability;
import org.lossbench.eval.lesion.LesionRow;
import org.lossbench.eval.report.Csv;
import org.lossbench.eval.report.ResultWriter;
import org.lossbench.eval.report.SeparabilityTable;

/**
 * A cell's {@code cases.csv}, {@code lesions.csv} and {@code separability.csv}: the evaluator's columns (docs/metrics.md)
 * preceded by {@code dataset, model, loss, seed}, and the reverse (the aggregation reads the cells'
 * files back, so a resumed or merged sweep aggregates exactly what an uninterrupted one does). Numbers
 * are written in Java's shortest round-trip form and read back to the same bits.
 */
public final class CellTables {
    public static final List<String> CELL_COLUMNS = List.of("dataset", "model", "loss", "seed");

    private CellTables() {
    }

    public static String casesCsv(Cell cell, List<CaseResult> cases) {
        return prefixed(cell, ResultWriter.casesCsv(cases));
    }

    public static String lesionsCsv(Cell cell, List<CaseResult> cases) {
        return prefixed(cell, ResultWriter.lesionsCsv(cases));
    }

    public static String separabilityCsv(Cell cell, List<ClassSeparability> rows) {
        return prefixed(cell, SeparabilityTable.csv(rows));
    }

    /** Reads a cell's {@code separability.csv} back; case ids as in {@link #read}. */
    public static List<ClassSeparability> readSeparability(String csv, String caseIdPrefix, String where) {
        List<ClassSeparability> out = new ArrayList<>();
        for (Row r : rows(csv, where + "/" + CellFiles.SEPARABILITY)) {
            out.add(new ClassSeparability(caseIdPrefix + r.get("case"), i(r, "label"), d(r, "peak_prob_ref"), d(r, "auc")));
        }
        return out;
    }

    /** The header line of a sweep's cases.csv / lesions.csv. */
    public static String header(List<String> evalColumns) {
        List<String> all = new ArrayList<>(CELL_COLUMNS);
        all.addAll(evalColumns);
        return String.join(",", all) + "\n";
    }

    private static String prefixed(Cell cell, String csv) {
        String prefix = Csv.cell(cell.dataset()) + "," + Csv.cell(cell.model()) + "," + Csv.cell(cell.loss()) + "," + cell.seed() + ",";
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (String line : csv.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            sb.append(first ? String.join(",", CELL_COLUMNS) + "," : prefix).append(line).append('\n');
            first = false;
        }
        return sb.toString();
    }

    /** The data lines of a cell's CSV (without its header). */
    public static List<String> body(String csv) {
        List<String> lines = new ArrayList<>(List.of(csv.split("\n")));
        lines.removeIf(String::isEmpty);
        return lines.isEmpty() ? lines : lines.subList(1, lines.size());
    }

    /**
     * Reads a cell's tables back into case results, whose case ids are {@code caseIdPrefix + case}
     * (the aggregation pools seeds, so it names a case {@code s<seed>/<case>}).
     */
    public static List<CaseResult> read(String casesCsv, String lesionsCsv, String caseIdPrefix, String where) {
        Map<String, List<ClassResult>> classes = new LinkedHashMap<>();
        for (Row r : rows(casesCsv, where + "/cases.csv")) {
            String id = caseIdPrefix + r.get("case");
            ClassResult.LesionCounts l = new ClassResult.LesionCounts(i(r, "ref_lesions"), i(r, "pred_lesions"), i(r, "lesion_tp"),
                    i(r, "lesion_fn"), i(r, "lesion_fp"), d(r, "lesion_precision"), d(r, "lesion_recall"), d(r, "lesion_f1"),
                    d(r, "lesionwise_dice"), d(r, "lesionwise_hd95_mm"));
            classes.computeIfAbsent(id, k -> new ArrayList<>()).add(new ClassResult(id, i(r, "label"), n(r, "tp"), n(r, "fp"), n(r, "fn"),
                    n(r, "ref_voxels"), n(r, "pred_voxels"), d(r, "dice"), d(r, "iou"), d(r, "precision"), d(r, "recall"),
                    d(r, "ref_volume_mm3"), d(r, "pred_volume_mm3"), d(r, "rve"), d(r, "hd_mm"), d(r, "hd95_mm"), d(r, "assd_mm"),
                    d(r, "nsd"), d(r, "nsd_tolerance_mm"), l));
        }
        Map<String, List<LesionRow>> lesions = new HashMap<>();
        for (Row r : rows(lesionsCsv, where + "/lesions.csv")) {
            String id = caseIdPrefix + r.get("case");
            String matched = r.get("matched_id");
            lesions.computeIfAbsent(id, k -> new ArrayList<>()).add(new LesionRow(id, i(r, "label"), r.get("source"), i(r, "id"),
                    n(r, "voxels"), d(r, "volume_mm3"), d(r, "diameter_mm"),
                    new int[] {i(r, "i_first"), i(r, "j_first"), i(r, "k_first")}, new int[] {i(r, "i_last"), i(r, "j_last"), i(r, "k_last")},
                    new double[] {d(r, "extent_i_mm"), d(r, "extent_j_mm"), d(r, "extent_k_mm")},
                    new double[] {d(r, "centroid_i"), d(r, "centroid_j"), d(r, "centroid_k")},
                    new double[] {d(r, "centroid_x_mm"), d(r, "centroid_y_mm"), d(r, "centroid_z_mm")},
                    matched.isEmpty() ? 0 : Integer.parseInt(matched), n(r, "overlap_voxels"), d(r, "dice"), d(r, "hd95_mm"),
                    r.get("size_bin")));
        }
        List<CaseResult> out = new ArrayList<>();
        classes.forEach((id, cs) -> out.add(new CaseResult(id, cs, lesions.getOrDefault(id, List.of()))));
        return out;
    }

    /** One data line, its fields looked up by column name through the header's index. */
    private record Row(Map<String, Integer> columns, List<String> fields) {
        String get(String column) {
            return fields.get(columns.get(column));
        }
    }

    private static List<Row> rows(String csv, String where) {
        List<String> lines = new ArrayList<>(List.of(csv.split("\n")));
        lines.removeIf(String::isEmpty);
        if (lines.isEmpty()) {
            throw new BadInputException(where + " is empty; delete the cell folder and rerun the sweep");
        }
        List<String> header = split(lines.get(0));
        Map<String, Integer> columns = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            columns.put(header.get(c), c);
        }
        List<Row> out = new ArrayList<>(lines.size() - 1);
        for (int k = 1; k < lines.size(); k++) {
            List<String> cells = split(lines.get(k));
            if (cells.size() != header.size()) {
                throw new BadInputException(where + " line " + (k + 1) + " has " + cells.size() + " fields, the header " + header.size()
                        + "; delete the cell folder and rerun the sweep");
            }
            out.add(new Row(columns, cells));
        }
        return out;
    }

    /** Splits one RFC 4180 line (quoted fields with doubled quotes; no line breaks inside fields). */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }

    static double d(Row r, String col) {
        return Csv.parseNumber(r.get(col));
    }

    private static long n(Row r, String col) {
        return Long.parseLong(r.get(col));
    }

    private static int i(Row r, String col) {
        return Integer.parseInt(r.get(col));
    }
}
