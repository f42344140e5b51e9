package org.lossbench.cli.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossbench.core.io.Json;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.eval.CaseEvaluator;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.EvalConfig;
import org.lossbench.eval.results.SweepLayout;

/**
 * A sweep folder written by hand, with values chosen so the report's numbers can be worked out on
 * paper: dataset "phantom-x", model "m", losses "dice", "focal<&>é" (a name that needs escaping, not ASCII) and
 * "ce" (its cell failed), one seed, size bins 3,6 mm.
 *
 * <ul>
 *   <li>cases.csv, class 1: dice 0.1 .. 0.5; focal<&> 0.8 (five times). Class 2: dice nan, 0.9, 0, 0.9,
 *       0.9; focal<&> nan, nan, 0.5, 0.6, 0.7.</li>
 *   <li>lesions.csv, class 2 reference lesions: c1#1 [0,3), c1#2 [3,6), c2#1 [0,3), c3#1 [6,inf); dice
 *       detects c1#1 and c3#1 (recall 0.5, 0, 1), focal<&> detects c1#2, c2#1, c3#1 (0.5, 1, 1). Class 1
 *       has no reference lesion; one false-positive row must be ignored.</li>
 *   <li>case_timings.csv: dice 0.1, 0.2, 0.3 s; focal<&> 0.5, 0.6, 0.7 s.</li>
 *   <li>overlays.json for both finished cells from {@link OverlayCaptureTest}'s hand-built case: the same
 *       three lesions, different predictions.</li>
 * </ul>
 */
final class ReportFixture {
    /** A loss name that HTML must escape and that is not ASCII (the tables are UTF-8). */
    static final String ESCAPED = "focal<&>é";
    static final List<String> LOSSES = List.of("dice", ESCAPED, "ce");
    static final String[] KEYS = {"a".repeat(64), "b".repeat(64), "c".repeat(64)};

    private ReportFixture() {
    }

    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", "fx");
        spec.put("datasets", List.of("phantom-x"));
        spec.put("split", "test");
        spec.put("split_seed", 0);
        spec.put("models", List.of("m"));
        spec.put("losses", LOSSES);
        spec.put("seeds", List.of(0));
        spec.put("mode", "external");
        spec.put("reference_loss", "dice");
        spec.put("evaluation", Map.of("tolerance_mm", "2", "connectivity", 26, "match", "overlap", "empty", "monai", "size_bins", "3,6"));
        spec.put("inference", Map.of("device", "cpu", "threads", 2));
        List<Map<String, Object>> cells = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("index", i);
            c.put("key", KEYS[i]);
            c.put("dataset", "phantom-x");
            c.put("model", "m");
            c.put("loss", LOSSES.get(i));
            c.put("seed", 0);
            if (i < 2) {
                c.put("status", "done");
                c.put("provenance", Map.of("onnxruntime_version", "1.24.2", "execution_provider", "CPU", "device", "cpu", "java_version", "17.0.15",
                        "git_commit", "0123456789abcdef", "lossbench_version", "0.1.0-SNAPSHOT"));
            } else {
                c.put("status", "failed");
                c.put("failure", "model <ce.onnx> gives 3 classes");
                c.put("exit_code", 3);
            }
            cells.add(c);
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", "lossbench-sweep-manifest/1");
        manifest.put("sweep", "fx");
        manifest.put("spec_sha256", "5".repeat(64));
        manifest.put("spec", spec);
        manifest.put("cells", cells);
        Files.writeString(dir.resolve("manifest.json"), Json.pretty(manifest));
        Files.writeString(dir.resolve("summary.json"), Json.pretty(Map.of("groups",
                List.of(Map.of("dataset", "phantom-x", "model", "m", "label_names", Map.of("1", "organ", "2", "lesion"))))));
        Files.writeString(dir.resolve("summary.md"), "# Sweep fx\n\n3 cells; reference loss `dice`. **1 failed.**\n\n## phantom-x / m\n\n"
                + "| class | loss | n |\n|---|---|---|\n| 1 organ | dice | 5 |\n| 1 organ | focal<&>é | **5** |\n\n## Failed cells\n\n"
                + "- phantom-x / m / ce / seed 0: model <ce.onnx> gives 3 classes\n");
        StringBuilder cases = new StringBuilder("dataset,model,loss,seed,case,label,dice,hd95_mm\n");
        String[][] dice = {{"0.1", "0.2", "0.3", "0.4", "0.5"}, {"nan", "0.9", "0.0", "0.9", "0.9"}};
        String[][] focal = {{"0.8", "0.8", "0.8", "0.8", "0.8"}, {"nan", "nan", "0.5", "0.6", "0.7"}};
        for (String loss : List.of("dice", ESCAPED)) {
            String[][] v = loss.equals("dice") ? dice : focal;
            for (int c = 0; c < 5; c++) {
                for (int label = 1; label <= 2; label++) {
                    cases.append("phantom-x,m,").append(loss).append(",0,c").append(c + 1).append(',').append(label).append(',')
                            .append(v[label - 1][c]).append(",inf\n");
                }
            }
        }
        Files.writeString(dir.resolve("cases.csv"), cases.toString());
        StringBuilder lesions = new StringBuilder("dataset,model,loss,seed,case,label,source,id,voxels,size_bin,matched_id,dice\n");
        String[][] refs = {{"c1", "1", "[0,3)"}, {"c1", "2", "[3,6)"}, {"c2", "1", "[0,3)"}, {"c3", "1", "[6,inf)"}};
        boolean[][] found = {{true, false, false, true}, {false, true, true, true}};
        for (int l = 0; l < 2; l++) {
            String loss = l == 0 ? "dice" : ESCAPED;
            for (int r = 0; r < refs.length; r++) {
                lesions.append("phantom-x,m,").append(loss).append(",0,").append(refs[r][0]).append(",2,ref,").append(refs[r][1])
                        .append(",5,\"").append(refs[r][2]).append("\",").append(found[l][r] ? "1" : "").append(found[l][r] ? ",0.5\n" : ",0.0\n");
            }
            lesions.append("phantom-x,m,").append(loss).append(",0,c1,1,pred,7,3,\"[0,3)\",,0.0\n");
        }
        Files.writeString(dir.resolve("lesions.csv"), lesions.toString());
        Files.writeString(dir.resolve("case_timings.csv"), "index,key,dataset,model,loss,seed,case,inference_s,evaluation_s\n"
                + "0," + KEYS[0] + ",phantom-x,m,dice,0,c1,0.1000,0.0100\n0," + KEYS[0] + ",phantom-x,m,dice,0,c2,0.2000,0.0100\n"
                + "0," + KEYS[0] + ",phantom-x,m,dice,0,c3,0.3000,0.0100\n1," + KEYS[1] + ",phantom-x,m,focal<&>é,0,c1,0.5000,0.0100\n"
                + "1," + KEYS[1] + ",phantom-x,m,focal<&>é,0,c2,0.6000,0.0100\n1," + KEYS[1] + ",phantom-x,m,focal<&>é,0,c3,0.7000,0.0100\n");
        for (int i = 0; i < 2; i++) {
            LabelMap ref = LabelMap.zeros(OverlayCaptureTest.GRID, 2);
            LabelMap pred = LabelMap.zeros(OverlayCaptureTest.GRID, 2);
            CaseResult a = OverlayCaptureTest.caseA(ref, pred);
            if (i == 1) {
                // the second loss predicts the reference exactly
                pred = ref;
                a = new CaseEvaluator(EvalConfig.defaults()).evaluate("a", ref, pred, "ref", "pred");
            }
            OverlayCapture cap = new OverlayCapture();
            cap.add(OverlayCaptureTest.ramp(OverlayCaptureTest.GRID), ref, pred, a);
            Path cell = SweepLayout.cellDir(dir, KEYS[i]);
            Files.createDirectories(cell);
            Files.writeString(cell.resolve(SweepLayout.OVERLAYS), cap.file().json());
        }
        return dir;
    }
}
