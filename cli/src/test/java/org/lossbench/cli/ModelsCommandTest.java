package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandTest {

    @Test
    void listsTheThreeArchitectures() {
        CliRun r = CliRun.of("models", "list");
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("vnet\t") && lines[1].startsWith("vnet-lite\t") && lines[2].startsWith("vnet-tiny\t"), r.out());
    }

    /** vnet-tiny width 4, depth 2, kernel 3, 1 -> 2 classes: 20,398 parameters (derivation in ArchitectureTest). */
    @Test
    void infoPrintsTheParameterCount() throws Exception {
        CliRun r = CliRun.of("models", "info", "vnet-tiny");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(20_398, j.get("parameters").asLong());
        assertEquals(4, j.get("spatial_multiple").asInt());
        assertEquals(3, j.get("config").get("kernel").asInt());
    }

    @Test
    void exportWritesALoadableModelAndItsCard(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("sub/tiny.onnx");
        CliRun r = CliRun.of("models", "export", "vnet-tiny", "--width", "2", "--depth", "1", "--in-channels", "2",
                "--classes", "3", "--seed", "9", "--out", model.toString());
        assertEquals(0, r.exitCode(), r.err());
        Path card = dir.resolve("sub/tiny.card.json");
        assertTrue(Files.isRegularFile(model) && Files.isRegularFile(card));
        JsonNode j = new ObjectMapper().readTree(card.toFile());
        assertEquals(System.getProperty("java.version"), j.get("java_version").asText(), "provenance is flattened into the card");
        assertEquals(OrtEnvironment.getEnvironment().getVersion(), j.get("onnxruntime_version").asText());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(model)));
        assertEquals(sha, j.get("sha256").asText());
        assertEquals(9, j.get("config").get("seed").asLong());
        assertEquals(17, j.get("onnx_opset").asInt());
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
             OrtSession s = OrtEnvironment.getEnvironment().createSession(model.toString(), o)) {
            assertEquals("image", s.getInputNames().iterator().next());
            assertEquals("logits", s.getOutputNames().iterator().next());
        }
    }

    @Test
    void unknownArchitectureIsAUsageError() {
        CliRun r = CliRun.of("models", "info", "unet");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("unknown architecture 'unet'"), r.err());
    }

    @Test
    void zooListsTheShippedModelsAndFlagsAChangedOne(@TempDir Path tmp) throws Exception {
        CliRun shipped = CliRun.of("models", "zoo", "--zoo", Path.of("..", "models", "zoo").toString());
        assertEquals(0, shipped.exitCode(), shipped.err());
        assertTrue(shipped.out().contains("| phantom-lesions@1 | vnet-lite | ce | 0 | 5000 |"), shipped.out());
        assertTrue(shipped.out().contains("| vnet-lite-ce.onnx | ok |"), shipped.out());
        Path zoo = Files.createDirectories(tmp.resolve("zoo"));
        Files.copy(Path.of("..", "models", "zoo", "vnet-lite-ce.card.json"), zoo.resolve("m.card.json"));
        Files.writeString(zoo.resolve("m.onnx"), "not the model");
        CliRun changed = CliRun.of("models", "zoo", "--zoo", zoo.toString());
        assertEquals(3, changed.exitCode(), changed.err());
        assertTrue(changed.out().contains("| m.onnx | **zoo model"), changed.out());
    }
}
