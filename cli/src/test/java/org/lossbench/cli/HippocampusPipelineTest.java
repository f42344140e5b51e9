package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.io.nifti.NiftiReader;

/**
 * Issue 14: a model trained on the built-in real dataset, run by {@code lossbench infer} on the raw
 * msd-hippocampus files of two test cases (one image stored as uint8 on 0-255, one as float32 in the
 * thousands: the intensity scales found in the data), then scored by {@code lossbench evaluate}, gives
 * exactly the Dice the sweep reports for those cases (zoo mode, the model and its card in a temporary
 * zoo). The model's preprocessing record (per-case z-score) travels in the ONNX file.
 */
class HippocampusPipelineTest {
    private static final Path DATA = Path.of(System.getProperty("lossbench.root", "..")).resolve("builtin-data/msd-hippocampus");
    private static final List<String> CASES = List.of("hippocampus_033", "hippocampus_007");

    @TempDir
    Path tmp;


    @Test
    void inferOnRawFilesThenEvaluateGivesTheSweepsDice() throws Exception {
        // the two test cases really are of the two storage types
        assertEquals("uint8", NiftiReader.readHeader(DATA.resolve("imagesTr/hippocampus_033.nii.gz")).datatype().label());
        assertEquals("float32", NiftiReader.readHeader(DATA.resolve("imagesTr/hippocampus_007.nii.gz")).datatype().label());
        String registry = tmp.resolve("registry.json").toString();
        Path run = tmp.resolve("run");
        CliRun.ok("train", "--dataset", "msd-hippocampus", "--model", "vnet-tiny", "--loss", "dice+ce", "--steps", "40", "--lr", "0.01", "--patch", "16",
                "--no-augment", "--device", "cpu", "--threads", "1", "--registry", registry, "--out", run.toString());
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path ref = Files.createDirectories(tmp.resolve("ref"));
        for (String c : CASES) {
            Files.copy(DATA.resolve("imagesTr/" + c + ".nii.gz"), in.resolve(c + ".nii.gz"));
            Files.copy(DATA.resolve("labelsTr/" + c + ".nii.gz"), ref.resolve(c + ".nii.gz"));
        }
        CliRun.ok("infer", "--model", run.resolve("model.onnx").toString(), "--input", in.toString(), "--out", tmp.resolve("pred").toString(),
                "--roi", "16", "--device", "cpu", "--threads", "1");
        CliRun.ok("evaluate", "--ref", ref.toString(), "--pred", tmp.resolve("pred").toString(), "--out", tmp.resolve("eval").toString());

        Path zoo = Files.createDirectories(tmp.resolve("zoo"));
        Files.copy(run.resolve("model.onnx"), zoo.resolve("m.onnx"));
        Files.copy(run.resolve("model.card.json"), zoo.resolve("m.card.json"));
        CliRun.ok("sweep", "--name", "s", "--zoo", zoo.toString(), "--models", "vnet-tiny", "--roi", "16", "--device", "cpu", "--threads", "1",
                "--registry", registry, "--out", tmp.resolve("r").toString());

        Map<String, Double> sweep = CliRun.diceByCaseAndLabel(tmp.resolve("r/s/cases.csv"));
        Map<String, Double> pipeline = CliRun.diceByCaseAndLabel(tmp.resolve("eval/cases.csv"));
        assertEquals(40 * 2, sweep.size(), "the sweep scores the 40 test cases, 2 classes each");
        assertEquals(CASES.size() * 2, pipeline.size());
        for (var e : pipeline.entrySet()) {
            assertEquals(sweep.get(e.getKey()), e.getValue(), "Dice of " + e.getKey());
        }
        // 40 steps of a tiny model: well above nothing, far from a trained one (the point is equality, not quality)
        assertTrue(pipeline.values().stream().allMatch(d -> d > 0.1), "the model segments something: " + pipeline);
    }
}
