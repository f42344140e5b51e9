package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.io.nifti.NiftiWriter;
import org.lossbench.core.io.npy.NpyArray;
import org.lossbench.core.io.npy.NpyDtype;
import org.lossbench.core.io.npy.NpyWriter;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;

class LossesCommandTest {
    @TempDir
    Path tmp;

    private static final float LN3 = (float) Math.log(3);
    private static final float LN4 = (float) Math.log(4);

    /**
     * N = 1, K = 2, D = 1, H = 1, W = 4 with softmax p1 = (3/4, 1/2, 1/4, 1/5) and labels (1, 1, 0, 0):
     * cross-entropy = (ln 4/3 + ln 2 + ln 4/3 + ln 5/4) / 4.
     */
    private Path logits(String name, float... override) {
        float[] z = {0, 0, LN3, LN4, LN3, 0, 0, 0};
        if (override.length > 0) {
            z = override;
        }
        Path p = tmp.resolve(name);
        NpyWriter.write(p, NpyArray.ofFloats(new int[] {1, 2, 1, 1, 4}, z));
        return p;
    }

    private Path labels(String name, long... y) {
        Path p = tmp.resolve(name);
        NpyWriter.write(p, new NpyArray(NpyDtype.INT64, new int[] {1, 1, 1, y.length}, y));
        return p;
    }

    private static final double CE = (2 * Math.log(4.0 / 3) + Math.log(2) + Math.log(5.0 / 4)) / 4;

    @Test
    void evalPrintsReferenceGraphAndDifference() throws Exception {
        CliRun run = CliRun.of("losses", "eval", "--logits", logits("z.npy").toString(),
                "--labels", labels("y.npy", 1, 1, 0, 0).toString(), "--loss", "ce", "--loss", "0.5*ce+2*topk:k=25");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("[1,2,1,1,4]", json.get("shape").toString());
        JsonNode ce = json.get("losses").get(0);
        assertEquals("ce", ce.get("spec").asText());
        assertEquals(CE, ce.get("reference").asDouble(), 1e-7);
        assertEquals(CE, ce.get("graph").asDouble(), 1e-6);
        assertEquals(Math.abs(ce.get("graph").asDouble() - ce.get("reference").asDouble()), ce.get("abs_diff").asDouble(), 1e-15);
        // topk k=25 of 4 voxels: m = 1, the largest nll is ln 2
        JsonNode compound = json.get("losses").get(1);
        assertEquals(0.5 * CE + 2 * Math.log(2), compound.get("reference").asDouble(), 1e-7);
        assertEquals("topk", compound.get("terms").get(1).get("name").asText());
        assertEquals(2.0, compound.get("terms").get(1).get("weight").asDouble());
        assertEquals(Math.log(2), compound.get("terms").get(1).get("graph").asDouble(), 1e-6);
    }

    @Test
    void evalDefaultsToEveryLossAndReadsNiftiLabels() throws Exception {
        Path nifti = tmp.resolve("y.nii.gz");
        NiftiWriter.write(nifti, LabelMap.of(Grid.of(1, 1, 4), new int[] {1, 1, 0, 0}));
        CliRun run = CliRun.of("losses", "eval", "--logits", logits("z.npy").toString(), "--labels", nifti.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode losses = new ObjectMapper().readTree(run.out()).get("losses");
        assertEquals(9, losses.size());
        assertEquals("ce", losses.get(0).get("spec").asText());
        assertEquals(CE, losses.get(0).get("reference").asDouble(), 1e-7);
        for (JsonNode l : losses) {
            assertTrue(l.get("rel_diff").asDouble() < 1e-5, l.toString());
        }
    }

    @Test
    void badInputExitsWithThree() {
        Path z = logits("z.npy");
        CliRun outside = CliRun.of("losses", "eval", "--logits", z.toString(), "--labels", labels("y.npy", 1, 2, 0, 0).toString());
        assertEquals(3, outside.exitCode());
        assertTrue(outside.err().contains("label 2 at voxel 1") && outside.err().contains("outside [0, 2)"), outside.err());

        CliRun shape = CliRun.of("losses", "eval", "--logits", z.toString(), "--labels", labels("y3.npy", 1, 1, 0).toString());
        assertEquals(3, shape.exitCode());
        assertTrue(shape.err().contains("labels have shape [N, D, H, W] = [1, 1, 1, 3]") && shape.err().contains("need [1, 1, 1, 4]"),
                shape.err());

        Path nan = logits("nan.npy", 0, 0, LN3, Float.NaN, LN3, 0, 0, 0);
        CliRun nanRun = CliRun.of("losses", "eval", "--logits", nan.toString(), "--labels", labels("y.npy", 1, 1, 0, 0).toString());
        assertEquals(3, nanRun.exitCode());
        assertTrue(nanRun.err().contains("logit 3") && nanRun.err().contains("NaN"), nanRun.err());

        Path floats = tmp.resolve("yf.npy");
        NpyWriter.write(floats, NpyArray.ofFloats(new int[] {1, 1, 1, 4}, new float[] {1, 1, 0, 0}));
        CliRun floatLabels = CliRun.of("losses", "eval", "--logits", z.toString(), "--labels", floats.toString());
        assertEquals(3, floatLabels.exitCode());
        assertTrue(floatLabels.err().contains("labels must have an integer dtype"), floatLabels.err());
        assertTrue(floatLabels.out().isEmpty());
    }

    @Test
    void badSpecIsAUsageError() {
        CliRun run = CliRun.of("losses", "eval", "--logits", logits("z.npy").toString(), "--labels", labels("y.npy", 1, 1, 0, 0).toString(),
                "--loss", "focal:gamma=-2");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("bad loss spec: focal:gamma=-2: out of range"), run.err());
        CliRun mismatch = CliRun.of("losses", "eval", "--logits", logits("z.npy").toString(), "--labels", labels("y.npy", 1, 1, 0, 0).toString(),
                "--loss", "ce:weight=[1,2,3]");
        assertEquals(2, mismatch.exitCode());
        assertTrue(mismatch.err().contains("weight has 3 values but the logits have K = 2"), mismatch.err());
    }

    @Test
    void listShowsFormulaDefaultsAndReference() throws Exception {
        CliRun run = CliRun.of("losses", "list");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("dice  soft Dice (MONAI DiceLoss)"), run.out());
        assertTrue(run.out().contains("defaults:  include_background=true, batch=false, squared_pred=false"), run.out());
        assertTrue(run.out().contains("reference: Wong et al. 2018, MICCAI"), run.out());
        assertTrue(run.out().contains("dice+topk"), run.out());

        CliRun json = CliRun.of("losses", "list", "--json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertEquals(9, doc.get("losses").size());
        JsonNode focal = doc.get("losses").get(5);
        assertEquals("focal", focal.get("name").asText());
        assertEquals(2.0, focal.get("defaults").get("gamma").asDouble());
        assertEquals("softmax", focal.get("defaults").get("activation").asText());
        assertTrue(doc.get("presets").has("dice+ce"));
    }
}
