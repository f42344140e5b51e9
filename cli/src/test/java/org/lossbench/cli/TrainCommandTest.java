package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.models.infer.ModelContract;
import org.lossbench.models.train.Checkpoint;

class TrainCommandTest {
    private static String[] args(Path dir, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("train", "--dataset", "phantom-tiny", "--model", "vnet-tiny:width=2",
                "--loss", "dice+ce", "--steps", "4", "--batch", "1", "--patch", "16", "--val-every", "2", "--checkpoint-every", "2",
                "--no-augment", "--device", "cpu", "--threads", "1", "--registry", dir.resolve("registry.json").toString(),
                "--out", dir.resolve("run").toString()));
        for (int i = 0; i < extra.length; i++) {
            int at = a.indexOf(extra[i]);
            boolean flag = i + 1 >= extra.length || extra[i + 1].startsWith("--");
            if (at < 0) {
                a.add(extra[i]);
                if (!flag) {
                    a.add(extra[++i]);
                }
            } else {
                a.set(at + 1, extra[++i]); // an option given above: replace its value
            }
        }
        return a.toArray(String[]::new);
    }

    @Test
    void writesTheModelItsCardTheCsvAndTheCheckpoint(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of(args(dir));
        assertEquals(0, r.exitCode(), r.err());
        Path run = dir.resolve("run");
        Path model = run.resolve("model.onnx");
        JsonNode card = new ObjectMapper().readTree(run.resolve("model.card.json").toFile());
        assertEquals(new ObjectMapper().readTree(r.out()), card, "stdout carries the card");
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(model))), card.get("sha256").asText());
        assertEquals("vnet-tiny", card.get("arch").asText());
        assertEquals(System.getProperty("java.version"), card.get("java_version").asText(), "provenance is flattened into the card");
        assertEquals(OrtEnvironment.getEnvironment().getVersion(), card.get("onnxruntime_version").asText());
        assertTrue(card.has("git_commit") && card.has("lossbench_version") && !card.has("provenance"), card.toString());
        assertEquals(2, card.get("model_config").get("width").asInt());
        assertEquals(3, card.get("model_config").get("classes").asInt(), "phantom-tiny: background, organ, lesion");
        assertEquals(4, card.get("steps").asLong());
        assertEquals("dice", card.get("loss").get("terms").get(0).get("name").asText());
        assertTrue(card.get("validation_dice").has("1") && card.get("validation_dice").has("foreground"), card.toString());
        assertEquals(64, card.get("dataset_checksum").asText().length());
        assertFalse(card.get("split").get("val").isEmpty());
        // the time split: each part measured, their sum within the process's wall time
        JsonNode time = card.get("time_split");
        double steps = time.get("steps_s").asDouble();
        double wait = time.get("data_wait_s").asDouble();
        double validation = time.get("validation_s").asDouble();
        assertTrue(steps > 0 && wait > 0 && validation > 0, "a step, the first batch and the final validation all take time: " + time);
        assertTrue(steps + wait + validation <= card.get("wall_seconds").asDouble(), card.toString());
        assertTrue(r.err().contains("trained 4 steps in ") && r.err().contains("waiting for batches"), r.err());
        // one process trained steps 0..4 from this checkout: one segment, no resume, its time the card's
        assertEquals(0, card.get("resumes").asInt());
        JsonNode segment = card.get("segments").get(0);
        assertEquals(1, card.get("segments").size());
        assertEquals(List.of(0L, 4L), List.of(segment.get("from_step").asLong(), segment.get("to_step").asLong()));
        assertEquals(card.get("git_commit").asText(), segment.get("git_commit").asText() + (segment.get("git_dirty").asBoolean() ? "-dirty" : ""));
        assertEquals(segment.get("wall_seconds").asDouble(), card.get("wall_seconds").asDouble());

        List<String> csv = Files.readAllLines(run.resolve("training.csv"));
        assertEquals("step,lr,loss,loss/dice,loss/ce,val_dice_1,val_dice_2,val_dice_fg", csv.get(0));
        assertEquals(5, csv.size());
        assertTrue(csv.get(1).endsWith(",,,"), "no validation at step 1: " + csv.get(1));
        assertFalse(csv.get(2).endsWith(",,,"), "validation at step 2: " + csv.get(2));
        assertTrue(r.err().contains("step 4/4"), r.err());

        // model.onnx meets the model contract and holds the trained (checkpointed) values, not the initial ones
        try (OrtSession s = OrtEnvironment.getEnvironment().createSession(model.toString(), new OrtSession.SessionOptions())) {
            ModelContract c = ModelContract.check(s, model.toString());
            assertEquals(3, c.classes());
        }
        Checkpoint ck = Checkpoint.read(run.resolve("checkpoint.bin"));
        assertEquals(4, ck.step());
        OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(model));
        int checked = 0;
        for (OnnxMl.TensorProto t : proto.getGraph().getInitializerList()) {
            int i = ck.names().indexOf(t.getName());
            if (i < 0) {
                continue;
            }
            float[] stored = new float[t.getRawData().size() / 4];
            ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(stored);
            assertArrayEquals(ck.tensors().get(i), stored, t.getName());
            checked++;
        }
        assertTrue(checked > 10);
    }

    @Test
    void resumeWithoutACheckpointAndBadOptionsAreRefused(@TempDir Path dir) {
        assertEquals(3, CliRun.of(args(dir, "--resume")).exitCode(), "no checkpoint to resume from is bad input");
        CliRun model = CliRun.of(args(dir, "--model", "unet"));
        assertEquals(2, model.exitCode());
        assertTrue(model.err().contains("unknown architecture 'unet'"), model.err());
        assertEquals(2, CliRun.of(args(dir, "--patch", "15")).exitCode());
        assertEquals(2, CliRun.of(args(dir, "--loss", "dice+nonsense")).exitCode());
        assertEquals(2, CliRun.of(args(dir, "--optimizer", "rmsprop")).exitCode());
        assertEquals(2, CliRun.of(args(dir, "--schedule", "cosine")).exitCode());
        CliRun unknown = CliRun.of(args(dir, "--dataset", "no-such-data"));
        assertEquals(2, unknown.exitCode(), unknown.err());
        assertTrue(unknown.err().contains("unknown dataset 'no-such-data'"), unknown.err());
    }

    /** Several training seeds on one split (the zoo's seeds, the sweep's split): --split-seed fixes the split, --seed the rest. */
    @Test
    void theSplitSeedIsApartFromTheTrainingSeed(@TempDir Path dir) throws Exception {
        var registry = org.lossbench.datasets.registry.DatasetRegistry.locate(dir.resolve("registry.json"));
        var split0 = org.lossbench.models.train.TrainingData.load("phantom-tiny", registry, 0);
        long other = -1;
        for (long s = 1; s < 50 && other < 0; s++) {
            var d = org.lossbench.models.train.TrainingData.load("phantom-tiny", registry, s);
            if (!ids(d.val()).equals(ids(split0.val()))) {
                other = s;
            }
        }
        assertTrue(other > 0, "some seed splits phantom-tiny otherwise");
        CliRun r = CliRun.of(args(dir, "--seed", Long.toString(other), "--split-seed", "0", "--steps", "1", "--val-every", "1"));
        assertEquals(0, r.exitCode(), r.err());
        JsonNode card = new ObjectMapper().readTree(dir.resolve("run/model.card.json").toFile());
        assertEquals(other, card.get("seed").asLong());
        assertEquals(0, card.get("training").get("split_seed").asLong());
        assertEquals(other, card.get("training").get("seed").asLong());
        assertEquals(ids(split0.val()), new ObjectMapper().convertValue(card.get("split").get("val"), List.class));
        assertEquals(ids(split0.train()), new ObjectMapper().convertValue(card.get("split").get("train"), List.class));
    }

    private static List<String> ids(List<org.lossbench.datasets.loader.LoadedCase> cases) {
        return cases.stream().map(org.lossbench.datasets.loader.LoadedCase::id).toList();
    }
}
