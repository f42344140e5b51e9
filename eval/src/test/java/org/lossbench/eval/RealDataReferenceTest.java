package org.lossbench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lossbench.core.io.nifti.NiftiReader;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.eval.lesion.Components;
import org.lossbench.eval.lesion.Connectivity;
import org.lossbench.eval.lesion.LesionRow;

/**
 * The real reference/prediction pairs of {@code ../shared/realdata} against the values that
 * {@code tools/eval_reference.py} (scipy.ndimage + nibabel, written independently) computed and that
 * are committed as {@code realdata_reference.json}: voxel counts, Dice and IoU exactly; HD, HD95,
 * ASSD, NSD within 1e-6 mm; component counts and sizes, greedy lesion matching, matched lesion
 * Dice (exact) and HD95 (1e-6 mm), at 26- and 6-connectivity. Skipped when the folder is absent.
 */
class RealDataReferenceTest {
    private static final double MM = 1e-6;

    static Stream<Arguments> pairs() throws Exception {
        try (InputStream in = RealDataReferenceTest.class.getResourceAsStream("realdata_reference.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Arguments> out = new ArrayList<>();
            for (JsonNode p : root.get("pairs")) {
                out.add(Arguments.of(p.get("folder").asText(), p));
            }
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void agreesWithScipy(String folder, JsonNode expected) {
        String shared = System.getProperty("lossbench.shared");
        assumeTrue(shared != null, "system property lossbench.shared not set");
        Path dir = Path.of(shared, "realdata", folder);
        assumeTrue(Files.isDirectory(dir), dir + " is absent");
        LabelMap ref = NiftiReader.readLabels(dir.resolve(expected.get("ref").asText()));
        LabelMap pred = NiftiReader.readLabels(dir.resolve(expected.get("pred").asText()));
        for (int conn : new int[] {26, 6}) {
            EvalConfig cfg = EvalConfig.defaults().withConnectivity(Connectivity.of(conn));
            CaseResult r = new CaseEvaluator(cfg).evaluate(folder, ref, pred, "ref", "pred");
            List<Integer> labels = new ArrayList<>();
            expected.get("labels").forEach(l -> labels.add(l.asInt()));
            assertEquals(labels, r.classes().stream().map(ClassResult::label).toList());
            for (ClassResult c : r.classes()) {
                JsonNode e = expected.get("classes").get(Integer.toString(c.label()));
                String where = folder + " class " + c.label() + " connectivity " + conn;
                assertEquals(e.get("tp").asLong(), c.tp(), where);
                assertEquals(e.get("fp").asLong(), c.fp(), where);
                assertEquals(e.get("fn").asLong(), c.fn(), where);
                if (e.has("dice")) {
                    assertEquals(e.get("dice").asDouble(), c.dice(), 0.0, where);
                    assertEquals(e.get("iou").asDouble(), c.iou(), 0.0, where);
                    assertEquals(e.get("hd_mm").asDouble(), c.hd(), MM, where);
                    assertEquals(e.get("hd95_mm").asDouble(), c.hd95(), MM, where);
                    assertEquals(e.get("assd_mm").asDouble(), c.assd(), MM, where);
                    assertEquals(e.get("nsd").asDouble(), c.nsd(), 0.0, where);
                }
                JsonNode l = e.get("lesions_" + conn);
                assertEquals(l.get("ref_components").asInt(), c.lesions().refLesions(), where);
                assertEquals(l.get("pred_components").asInt(), c.lesions().predLesions(), where);
                assertEquals(l.get("lesion_tp").asInt(), c.lesions().tp(), where);
                assertEquals(l.get("lesion_fn").asInt(), c.lesions().fn(), where);
                assertEquals(l.get("lesion_fp").asInt(), c.lesions().fp(), where);
                assertEquals(longs(l.get("ref_component_voxels")), sizes(ref, c.label(), conn), where);
                assertEquals(longs(l.get("pred_component_voxels")), sizes(pred, c.label(), conn), where);
                List<LesionRow> matched = r.lesions().stream()
                        .filter(x -> x.label() == c.label() && x.source().equals("ref") && x.matchedId() > 0).toList();
                JsonNode dices = l.get("matched_dice");
                JsonNode hd95s = l.get("matched_hd95_mm");
                assertEquals(dices.size(), matched.size(), where);
                for (int i = 0; i < matched.size(); i++) {
                    assertEquals(dices.get(i).asDouble(), matched.get(i).dice(), 0.0, where + " lesion " + matched.get(i).id());
                    assertEquals(hd95s.get(i).asDouble(), matched.get(i).hd95(), MM, where + " lesion " + matched.get(i).id());
                }
            }
        }
    }

    private static List<Long> longs(JsonNode a) {
        List<Long> out = new ArrayList<>();
        a.forEach(v -> out.add(v.asLong()));
        return out;
    }

    private static List<Long> sizes(LabelMap m, int label, int conn) {
        LabelScan scan = LabelScan.of(m, m, "x");
        Components c = Components.of(m, label, scan.refBox(label), Connectivity.of(conn));
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < c.count(); i++) {
            out.add(c.voxels(i));
        }
        return out;
    }
}
