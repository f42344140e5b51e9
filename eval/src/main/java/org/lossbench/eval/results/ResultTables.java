package org.lossbench.eval.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.ClassResult;
import org.lossbench.eval.ClassSeparability;
import org.lossbench.eval.lesion.LesionRow;

/**
 * The evaluator's tables (docs/metrics.md), declared once: {@link #CASES} (one row per case and class),
 * {@link #LESIONS} (one row per reference lesion and per unmatched predicted lesion), {@link #SEPARABILITY} (per case
 * and class, the probability channel's peak in the reference and AUC), and their readers. {@code lossbench evaluate}
 * writes them as they are; a sweep puts {@link CellName#COLUMNS} in front ({@link CellName#inCell}).
 */
public final class ResultTables {
    public static final ColumnSet<ClassResult> CASES = ColumnSet.of(
            Column.text("case", ClassResult::caseId), Column.integer("label", ClassResult::label),
            Column.integer("tp", ClassResult::tp), Column.integer("fp", ClassResult::fp), Column.integer("fn", ClassResult::fn),
            Column.integer("ref_voxels", ClassResult::refVoxels), Column.integer("pred_voxels", ClassResult::predVoxels),
            Column.number("ref_volume_mm3", ClassResult::refVolumeMm3), Column.number("pred_volume_mm3", ClassResult::predVolumeMm3),
            Column.number("dice", ClassResult::dice), Column.number("iou", ClassResult::iou),
            Column.number("precision", ClassResult::precision), Column.number("recall", ClassResult::recall),
            Column.number("rve", ClassResult::relativeVolumeError), Column.number("hd_mm", ClassResult::hd),
            Column.number("hd95_mm", ClassResult::hd95), Column.number("assd_mm", ClassResult::assd), Column.number("nsd", ClassResult::nsd),
            Column.number("nsd_tolerance_mm", ClassResult::nsdToleranceMm),
            Column.integer("ref_lesions", r -> r.lesions().refLesions()), Column.integer("pred_lesions", r -> r.lesions().predLesions()),
            Column.integer("lesion_tp", r -> r.lesions().tp()), Column.integer("lesion_fn", r -> r.lesions().fn()),
            Column.integer("lesion_fp", r -> r.lesions().fp()), Column.number("lesion_precision", r -> r.lesions().precision()),
            Column.number("lesion_recall", r -> r.lesions().recall()), Column.number("lesion_f1", r -> r.lesions().f1()),
            Column.number("lesionwise_dice", r -> r.lesions().lesionwiseDice()),
            Column.number("lesionwise_hd95_mm", r -> r.lesions().lesionwiseHd95()));

    public static final ColumnSet<LesionRow> LESIONS = ColumnSet.of(
            Column.text("case", LesionRow::caseId), Column.integer("label", LesionRow::label), Column.text("source", LesionRow::source),
            Column.integer("id", LesionRow::id), Column.integer("voxels", LesionRow::voxels), Column.number("volume_mm3", LesionRow::volumeMm3),
            Column.number("diameter_mm", LesionRow::diameterMm), Column.text("size_bin", LesionRow::sizeBin),
            Column.integer("i_first", r -> r.first()[0]), Column.integer("i_last", r -> r.last()[0]),
            Column.integer("j_first", r -> r.first()[1]), Column.integer("j_last", r -> r.last()[1]),
            Column.integer("k_first", r -> r.first()[2]), Column.integer("k_last", r -> r.last()[2]),
            Column.number("extent_i_mm", r -> r.extentMm()[0]), Column.number("extent_j_mm", r -> r.extentMm()[1]),
            Column.number("extent_k_mm", r -> r.extentMm()[2]),
            Column.number("centroid_i", r -> r.centroidVoxel()[0]), Column.number("centroid_j", r -> r.centroidVoxel()[1]),
            Column.number("centroid_k", r -> r.centroidVoxel()[2]),
            Column.number("centroid_x_mm", r -> r.centroidMm()[0]), Column.number("centroid_y_mm", r -> r.centroidMm()[1]),
            Column.number("centroid_z_mm", r -> r.centroidMm()[2]),
            Column.integer("matched_id", r -> r.matchedId() == 0 ? null : r.matchedId()),
            Column.integer("overlap_voxels", LesionRow::overlapVoxels), Column.number("dice", LesionRow::dice),
            Column.number("hd95_mm", LesionRow::hd95));

    public static final ColumnSet<ClassSeparability> SEPARABILITY = ColumnSet.of(Column.text("case", ClassSeparability::caseId),
            Column.integer("label", ClassSeparability::label), Column.number("peak_prob_ref", ClassSeparability::peakInRef),
            Column.number("auc", ClassSeparability::auc));

    private ResultTables() {
    }

    /** The {@link #CASES} rows of {@code cases}, case by case, each case's classes in order. */
    public static List<ClassResult> classRows(List<CaseResult> cases) {
        return cases.stream().flatMap(c -> c.classes().stream()).toList();
    }

    /** The {@link #LESIONS} rows of {@code cases}. */
    public static List<LesionRow> lesionRows(List<CaseResult> cases) {
        return cases.stream().flatMap(c -> c.lesions().stream()).toList();
    }

    /**
     * Reads {@link #CASES} and {@link #LESIONS} tables back into case results (to the same bits), whose case ids are
     * {@code caseIdPrefix + case} (the sweep pools seeds, so it names a case {@code s<seed>/<case>}); columns in front
     * of the evaluator's (a sweep's cell columns) are ignored.
     */
    public static List<CaseResult> readCases(CsvTable cases, CsvTable lesions, String caseIdPrefix) {
        cases.requireColumns(CASES.names());
        lesions.requireColumns(LESIONS.names());
        Map<String, List<ClassResult>> classes = new LinkedHashMap<>();
        for (CsvRow r : cases.rows()) {
            String id = caseIdPrefix + r.text("case");
            classes.computeIfAbsent(id, k -> new ArrayList<>()).add(classResult(id, r));
        }
        Map<String, List<LesionRow>> byCase = new HashMap<>();
        for (CsvRow r : lesions.rows()) {
            String id = caseIdPrefix + r.text("case");
            byCase.computeIfAbsent(id, k -> new ArrayList<>()).add(lesionRow(id, r));
        }
        List<CaseResult> out = new ArrayList<>();
        classes.forEach((id, cs) -> out.add(new CaseResult(id, cs, byCase.getOrDefault(id, List.of()))));
        return out;
    }

    /** Reads a {@link #SEPARABILITY} table back; case ids as in {@link #readCases}. */
    public static List<ClassSeparability> readSeparability(CsvTable table, String caseIdPrefix) {
        table.requireColumns(SEPARABILITY.names());
        List<ClassSeparability> out = new ArrayList<>();
        for (CsvRow r : table.rows()) {
            out.add(new ClassSeparability(caseIdPrefix + r.text("case"), r.small("label"), r.number("peak_prob_ref"), r.number("auc")));
        }
        return out;
    }

    private static ClassResult classResult(String id, CsvRow r) {
        ClassResult.LesionCounts l = new ClassResult.LesionCounts(r.small("ref_lesions"), r.small("pred_lesions"), r.small("lesion_tp"),
                r.small("lesion_fn"), r.small("lesion_fp"), r.number("lesion_precision"), r.number("lesion_recall"), r.number("lesion_f1"),
                r.number("lesionwise_dice"), r.number("lesionwise_hd95_mm"));
        return new ClassResult(id, r.small("label"), r.integer("tp"), r.integer("fp"), r.integer("fn"), r.integer("ref_voxels"),
                r.integer("pred_voxels"), r.number("dice"), r.number("iou"), r.number("precision"), r.number("recall"),
                r.number("ref_volume_mm3"), r.number("pred_volume_mm3"), r.number("rve"), r.number("hd_mm"), r.number("hd95_mm"),
                r.number("assd_mm"), r.number("nsd"), r.number("nsd_tolerance_mm"), l);
    }

    private static LesionRow lesionRow(String id, CsvRow r) {
        String matched = r.text("matched_id");
        return new LesionRow(id, r.small("label"), r.text("source"), r.small("id"), r.integer("voxels"), r.number("volume_mm3"),
                r.number("diameter_mm"), new int[] {r.small("i_first"), r.small("j_first"), r.small("k_first")},
                new int[] {r.small("i_last"), r.small("j_last"), r.small("k_last")},
                new double[] {r.number("extent_i_mm"), r.number("extent_j_mm"), r.number("extent_k_mm")},
                new double[] {r.number("centroid_i"), r.number("centroid_j"), r.number("centroid_k")},
                new double[] {r.number("centroid_x_mm"), r.number("centroid_y_mm"), r.number("centroid_z_mm")},
                matched.isEmpty() ? 0 : r.small("matched_id"), r.integer("overlap_voxels"), r.number("dice"), r.number("hd95_mm"),
                r.text("size_bin"));
    }
}
