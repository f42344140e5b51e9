package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.io.Json;
import org.lossbench.datasets.preprocess.PreprocessingRecord;

/**
 * Issue 16: the README's pipeline, {@code datasets generate -> train -> infer -> evaluate}, gives for the
 * test cases exactly the Dice that a sweep of the same model gives (zoo mode, the trained model and its card
 * in a temporary zoo). {@code infer} reads the raw image files and applies the preprocessing record the
 * trainer wrote into the ONNX file; the sweep preprocesses the generated cases in memory. Exact equality is
 * expected, not a tolerance: the phantom's float32 files read back to the same floats, the record carries
 * the fitted statistics bit for bit, and both run the same window settings on one thread. With
 * {@code --preprocess none} (the behaviour before the fix) the Dice differ.
 */
class PipelineReproducesSweepTest {
    @TempDir
    Path tmp;


    @Test
    void trainInferEvaluateGivesTheSweepsDice() throws Exception {
        String data = tmp.resolve("data").toString();
        CliRun.ok("datasets", "generate", "phantom-tiny", "--out", data);
        Path run = tmp.resolve("run");
        CliRun.ok("train", "--dataset", "phantom-tiny", "--model", "vnet-tiny", "--loss", "dice+ce", "--steps", "30", "--lr", "0.01", "--patch", "16",
                "--no-augment", "--device", "cpu", "--threads", "1", "--registry", tmp.resolve("registry.json").toString(), "--out", run.toString());
        // the card and both ONNX files carry the record: phantom-tiny's one MR channel, z-scored per case
        PreprocessingRecord inCard = PreprocessingRecord.fromJson(Json.mapper().readTree(run.resolve("model.card.json").toFile())
                .get("preprocessing"), "card");
        assertEquals(List.of("MR-T2"), inCard.modalities());
        assertEquals("zscore", inCard.channels().get(0).scheme());
        for (String f : List.of("model.onnx", "best.onnx")) {
            try (OrtSession s = OrtEnvironment.getEnvironment().createSession(run.resolve(f).toString())) {
                assertEquals(inCard, PreprocessingRecord.parse(s.getMetadata().getCustomMetadata().get("lossbench.preprocessing"), f));
            }
        }
        Path model = tmp.resolve("model.onnx");
        Files.copy(run.resolve("model.onnx"), model); // as the README does: the bare model, no card beside it

        CliRun infer = CliRun.ok("infer", "--model", model.toString(), "--input", data + "/imagesTr", "--out", tmp.resolve("pred").toString(),
                "--roi", "16", "--device", "cpu", "--threads", "1");
        assertTrue(infer.err().contains("lossbench: preprocessing (onnx-metadata): channel 0 MR-T2: z-score per case"), infer.err());
        assertTrue(infer.out().contains("\"preprocessing\":\"onnx-metadata\""), infer.out());
        CliRun.ok("evaluate", "--ref", data + "/labelsTr", "--pred", tmp.resolve("pred").toString(), "--out", tmp.resolve("eval").toString());

        Path zoo = Files.createDirectories(tmp.resolve("zoo"));
        Files.copy(run.resolve("model.onnx"), zoo.resolve("vnet-tiny-dice+ce.onnx"));
        Files.copy(run.resolve("model.card.json"), zoo.resolve("vnet-tiny-dice+ce.card.json"));
        CliRun.ok("sweep", "--name", "s", "--zoo", zoo.toString(), "--datasets", "phantom-tiny", "--models", "vnet-tiny", "--roi", "16",
                "--device", "cpu", "--threads", "1", "--registry", tmp.resolve("registry.json").toString(), "--out", tmp.resolve("r").toString());

        Map<String, Double> sweep = CliRun.diceByCaseAndLabel(tmp.resolve("r/s/cases.csv"));
        Map<String, Double> pipeline = CliRun.diceByCaseAndLabel(tmp.resolve("eval/cases.csv"));
        assertFalse(sweep.isEmpty());
        for (var e : sweep.entrySet()) {
            assertEquals(e.getValue(), pipeline.get(e.getKey()), "Dice of " + e.getKey() + ": sweep " + sweep + ", pipeline " + pipeline);
        }
        assertTrue(sweep.values().stream().anyMatch(d -> d > 0.5), "the model segments something: " + sweep);

        CliRun.ok("infer", "--model", model.toString(), "--input", data + "/imagesTr", "--out", tmp.resolve("raw").toString(), "--roi", "16",
                "--device", "cpu", "--threads", "1", "--preprocess", "none");
        CliRun.ok("evaluate", "--ref", data + "/labelsTr", "--pred", tmp.resolve("raw").toString(), "--out", tmp.resolve("eval-raw").toString());
        Map<String, Double> raw = CliRun.diceByCaseAndLabel(tmp.resolve("eval-raw/cases.csv"));
        assertNotEquals(sweep, raw.entrySet().stream().filter(e -> sweep.containsKey(e.getKey()))
                .collect(TreeMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll), "without preprocessing the Dice differ");
    }
}
