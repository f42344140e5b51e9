package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.datasets.loader.LoadedCase;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.models.train.TrainingData;

/** Zoo mode of {@code lossbench sweep}: models and cards from a zoo folder, checked before use. */
class SweepZooTest {
    @TempDir
    Path tmp;
    Path zoo;
    List<String> trainCases;
    String testCase;

    @BeforeEach
    void splits() throws Exception {
        zoo = Files.createDirectories(tmp.resolve("zoo"));
        TrainingData data = TrainingData.load("phantom-tiny", DatasetRegistry.locate(null), 0);
        trainCases = new ArrayList<>(data.train().stream().map(LoadedCase::id).toList());
        data.val().forEach(c -> trainCases.add(c.id()));
        testCase = data.test().get(0).id();
    }

    /** Exports a vnet-tiny and writes the card lossbench train would write for it (the fields the zoo reads), training seed 0. */
    private Path zooModel(String name, String loss, int seed, List<String> seen) throws Exception {
        return zooModel(name, loss, seed, 0, seen);
    }

    /** As above; {@code seed} initialises the exported weights, {@code trainingSeed} is the card's seed. */
    private Path zooModel(String name, String loss, int seed, long trainingSeed, List<String> seen) throws Exception {
        Path onnx = zoo.resolve(name + ".onnx");
        CliRun r = CliRun.of("models", "export", "vnet-tiny", "--classes", "3", "--seed", Integer.toString(seed), "--out", onnx.toString());
        assertEquals(0, r.exitCode(), r.err());
        Files.delete(zoo.resolve(name + ".card.json"));
        ObjectMapper om = new ObjectMapper();
        var card = om.createObjectNode();
        card.put("arch", "vnet-tiny");
        card.put("dataset", "phantom-tiny");
        card.putObject("loss").put("spec", loss);
        card.putObject("training").putArray("patch").add(16).add(16).add(16);
        card.putObject("split").set("train", om.valueToTree(seen));
        card.put("sha256", sha256(onnx));
        card.put("seed", trainingSeed);
        Files.writeString(zoo.resolve(name + ".card.json"), om.writeValueAsString(card));
        return onnx;
    }

    /**
     * As {@link #zooModel}, in {@code dataset/} under the zoo with the card a run of {@link TestZooProtocol} (vnet-tiny, sgd) writes: the exported
     * model's configuration as {@code model_config} and the training settings, with {@code steps} steps.
     */
    private void protocolModel(String loss, int seed, long trainingSeed, long steps) throws Exception {
        String stem = "phantom-tiny/vnet-tiny-" + loss + "-s" + trainingSeed;
        Files.createDirectories(zoo.resolve("phantom-tiny"));
        Path onnx = zooModel(stem, loss, seed, trainingSeed, trainCases);
        ObjectMapper om = new ObjectMapper();
        Path exported = tmp.resolve("export.onnx");
        CliRun r = CliRun.of("models", "export", "vnet-tiny", "--classes", "3", "--seed", Integer.toString(seed), "--out", exported.toString());
        assertEquals(0, r.exitCode(), r.err());
        var card = (com.fasterxml.jackson.databind.node.ObjectNode) om.readTree(onnx.resolveSibling(onnx.getFileName().toString()
                .replace(".onnx", ".card.json")).toFile());
        card.set("model_config", om.readTree(tmp.resolve("export.card.json").toFile()).get("config"));
        var t = card.putObject("training").put("steps", steps).put("batch", 1).put("optimizer", "sgd:momentum=0.99,weight_decay=0.0")
                .put("lr", 0.01).put("schedule", "poly:power=0.9").put("foreground_share", 0.5).put("augment", false).put("split_seed", 0);
        t.putArray("patch").add(16).add(16).add(16);
        Files.writeString(zoo.resolve(stem + ".card.json"), om.writeValueAsString(card));
    }

    private static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    private CliRun sweep(String... more) {
        List<String> a = new ArrayList<>(List.of("sweep", "--name", "z", "--zoo", zoo.toString(), "--datasets", "phantom-tiny", "--models",
                "vnet-tiny", "--device", "cpu", "--threads", "1", "--out", tmp.resolve("r").toString()));
        a.addAll(List.of(more));
        return CliRun.of(a.toArray(String[]::new));
    }

    @Test
    void runsEveryZooLossOfTheDatasetAndModelByDefault() throws Exception {
        Path dice = zooModel("tiny-dice", "dice", 1, trainCases);
        Path ce = zooModel("tiny-ce", "ce", 2, trainCases);
        CliRun r = sweep("--jobs", "1");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode m = new ObjectMapper().readTree(tmp.resolve("r/z/manifest.json").toFile());
        assertEquals("zoo", m.get("spec").get("mode").asText());
        assertEquals("ce", m.get("spec").get("reference_loss").asText(), "the zoo's first loss");
        JsonNode cells = m.get("cells");
        assertEquals(2, cells.size());
        assertEquals("ce", cells.get(0).get("loss").asText());
        assertEquals("dice", cells.get(1).get("loss").asText());
        assertEquals(sha256(ce), cells.get(0).get("config").get("model_sha256").asText());
        assertEquals(sha256(dice), cells.get(1).get("config").get("model_sha256").asText());
        assertEquals("zoo:tiny-dice.onnx", cells.get(1).get("provenance").get("model_file").asText());
        assertEquals(List.of(testCase), new ObjectMapper().convertValue(cells.get(0).get("cases"), List.class));
        assertTrue(r.out().contains("(zoo mode; test split;"), r.out());
        assertTrue(r.err().matches("(?s).*sweep z: 2 cells in [0-9.]+ s: dataset loading .* inference .* runner overhead [0-9.]+ s \\([0-9.]+%\\).*"), r.err());
        // the window is the zoo model's training patch
        assertTrue(Files.readString(tmp.resolve("r/z/sweep.json")).contains("\"zoo\""));
    }

    /** Zoo v2 holds several training seeds per loss: a cell per seed, all of them by default, the grid every loss shares. */
    @Test
    void runsEverySeedTheZooHasForEveryLoss() throws Exception {
        zooModel("tiny-ce-s0", "ce", 2, 0, trainCases);
        zooModel("tiny-ce-s1", "ce", 3, 1, trainCases);
        zooModel("tiny-dice-s0", "dice", 4, 0, trainCases);
        zooModel("tiny-dice-s1", "dice", 5, 1, trainCases);
        zooModel("tiny-dice-s2", "dice", 6, 2, trainCases);
        CliRun r = sweep();
        assertEquals(0, r.exitCode(), r.err());
        JsonNode m = new ObjectMapper().readTree(tmp.resolve("r/z/manifest.json").toFile());
        assertEquals(List.of(0, 1), new ObjectMapper().convertValue(m.get("spec").get("seeds"), List.class),
                "seed 2 exists for dice only, so no loss is averaged over more runs than another");
        JsonNode cells = m.get("cells");
        assertEquals(4, cells.size());
        assertEquals("zoo:tiny-ce-s1.onnx", cells.get(1).get("provenance").get("model_file").asText());
        assertEquals(1, cells.get(1).get("seed").asInt());
        assertEquals("zoo:tiny-dice-s0.onnx", cells.get(2).get("provenance").get("model_file").asText());
        CliRun seed2 = CliRun.of("sweep", "--name", "z2", "--zoo", zoo.toString(), "--datasets", "phantom-tiny", "--models", "vnet-tiny",
                "--device", "cpu", "--threads", "1", "--out", tmp.resolve("r").toString(), "--losses", "dice", "--seeds", "2");
        assertEquals(0, seed2.exitCode(), seed2.err());
    }

    @Test
    void aChangedModelOrOneTrainedOnTheTestCasesFailsItsCellOnly() throws Exception {
        zooModel("tiny-ce", "ce", 2, trainCases);
        Path changed = zooModel("tiny-dice", "dice", 1, trainCases);
        List<String> leaky = new ArrayList<>(trainCases);
        leaky.add(testCase);
        zooModel("tiny-focal", "focal", 3, leaky);
        Files.write(changed, new byte[] {0}, StandardOpenOption.APPEND);
        CliRun r = sweep();
        assertEquals(3, r.exitCode(), r.err());
        JsonNode cells = new ObjectMapper().readTree(tmp.resolve("r/z/manifest.json").toFile()).get("cells");
        assertEquals("done", cells.get(0).get("status").asText());
        assertEquals("failed", cells.get(1).get("status").asText());
        assertTrue(cells.get(1).get("failure").asText().contains("SHA-256"), cells.get(1).toString());
        assertEquals("failed", cells.get(2).get("status").asText());
        assertTrue(cells.get(2).get("failure").asText().contains("trained or selected on [" + testCase + "]"), cells.get(2).toString());
    }

    @Test
    void usageErrorsNameWhatTheZooHas() throws Exception {
        zooModel("tiny-ce", "ce", 2, trainCases);
        CliRun missingLoss = sweep("--losses", "focal");
        assertEquals(2, missingLoss.exitCode());
        assertTrue(missingLoss.err().contains("'focal'") && missingLoss.err().contains("[ce]"), missingLoss.err());
        CliRun otherModel = sweep("--models", "vnet");
        assertEquals(2, otherModel.exitCode());
        assertTrue(otherModel.err().contains("no vnet model trained on phantom-tiny"), otherModel.err());
        CliRun seeds = sweep("--seeds", "0,1");
        assertEquals(2, seeds.exitCode());
        assertTrue(seeds.err().contains("'ce' and seed 1") && seeds.err().contains("seeds [0]"), seeds.err());
        CliRun notZoo = CliRun.of("sweep", "--train", "--zoo", zoo.toString(), "--out", tmp.toString());
        assertEquals(2, notZoo.exitCode());
        CliRun noFolder = CliRun.of("sweep", "--zoo", tmp.resolve("nope").toString(), "--out", tmp.toString());
        assertEquals(3, noFolder.exitCode(), "a zoo folder that is not there is bad input: " + noFolder.err());
        assertTrue(noFolder.err().contains("nope"), noFolder.err());
    }

    /**
     * A zoo with a protocol is swept as a whole by default, in the protocol's order: a missing model is a usage error
     * naming it (not a silently smaller grid), a model trained otherwise is bad input, a model outside the protocol
     * stays out of the default grid.
     */
    @Test
    void aZooWithAProtocolIsSweptWhole() throws Exception {
        TestZooProtocol.write(zoo, "vnet-tiny", "sgd");
        protocolModel("dice", 4, 0, 3);
        protocolModel("ce", 2, 0, 3);
        protocolModel("ce", 3, 1, 3);
        zooModel("tiny-focal", "focal", 5, 0, trainCases);
        CliRun bare = CliRun.of("sweep", "--name", "z", "--zoo", zoo.toString(), "--device", "cpu", "--threads", "1",
                "--out", tmp.resolve("r").toString());
        assertEquals(2, bare.exitCode(), bare.err());
        assertTrue(bare.err().contains("lacks 1 of the 4 models its protocol " + zoo.resolve("protocol.json") + " names for this sweep: "
                + Path.of("phantom-tiny", "vnet-tiny-dice-s1.onnx") + "; train them with lossbench models zoo-train --protocol"), bare.err());
        CliRun seed0 = CliRun.of("sweep", "--name", "s0", "--zoo", zoo.toString(), "--device", "cpu", "--threads", "1", "--seeds", "0",
                "--out", tmp.resolve("r").toString());
        assertEquals(0, seed0.exitCode(), seed0.err());
        protocolModel("dice", 6, 1, 5);
        CliRun otherwise = CliRun.of("sweep", "--name", "z", "--zoo", zoo.toString(), "--device", "cpu", "--threads", "1",
                "--out", tmp.resolve("r").toString());
        assertEquals(3, otherwise.exitCode(), otherwise.err());
        assertTrue(otherwise.err().contains("holds 1 model trained otherwise than its protocol")
                && otherwise.err().contains("vnet-tiny-dice-s1.card.json (steps: card 5, protocol 3)"), otherwise.err());
        protocolModel("dice", 6, 1, 3);
        CliRun whole = CliRun.of("sweep", "--name", "z", "--zoo", zoo.toString(), "--device", "cpu", "--threads", "1",
                "--out", tmp.resolve("r").toString());
        assertEquals(0, whole.exitCode(), whole.err());
        JsonNode m = new ObjectMapper().readTree(tmp.resolve("r/z/manifest.json").toFile());
        ObjectMapper om = new ObjectMapper();
        assertEquals(List.of("phantom-tiny"), om.convertValue(m.get("spec").get("datasets"), List.class));
        assertEquals(List.of("vnet-tiny"), om.convertValue(m.get("spec").get("models"), List.class));
        assertEquals(List.of("ce", "dice"), om.convertValue(m.get("spec").get("losses"), List.class), "the protocol's losses, not focal");
        assertEquals(List.of(0, 1), om.convertValue(m.get("spec").get("seeds"), List.class));
        assertEquals(4, m.get("cells").size());
    }

    /** Several cells at once ({@code --jobs}) change nothing in the tables: every file but the timings is byte-identical. */
    @Test
    void twoJobsWriteTheTablesOfOne() throws Exception {
        zooModel("tiny-ce", "ce", 2, trainCases);
        zooModel("tiny-dice", "dice", 1, trainCases);
        zooModel("tiny-focal", "focal", 3, trainCases);
        CliRun one = CliRun.of("sweep", "--name", "z", "--zoo", zoo.toString(), "--datasets", "phantom-tiny", "--models", "vnet-tiny",
                "--device", "cpu", "--jobs", "1", "--out", tmp.resolve("one").toString());
        assertEquals(0, one.exitCode(), one.err());
        CliRun two = CliRun.of("sweep", "--name", "z", "--zoo", zoo.toString(), "--datasets", "phantom-tiny", "--models", "vnet-tiny",
                "--device", "cpu", "--jobs", "2", "--out", tmp.resolve("two").toString());
        assertEquals(0, two.exitCode(), two.err());
        assertTrue(two.err().matches("(?s).*sweep z: 3 cells in [0-9.]+ s, 2 at a time: cell time summed over the cells [0-9.]+ s \\(.*inference.*\\), "
                + "the jobs busy [0-9.]+% of the time.*"), two.err());
        for (String f : List.of("cases.csv", "lesions.csv", "summary.csv", "summary.md", "seeds.csv", "separability.csv")) {
            assertEquals(Files.readString(tmp.resolve("one/z/" + f)), Files.readString(tmp.resolve("two/z/" + f)), f);
        }
        JsonNode cells = new ObjectMapper().readTree(tmp.resolve("two/z/manifest.json").toFile()).get("cells");
        assertEquals(3, cells.size());
        cells.forEach(c -> assertEquals("done", c.get("status").asText(), c.toString()));
    }

    /** A usage error in a cell (settings every cell shares) stops every job and records no failure. */
    @Test
    void aUsageErrorInOneJobStopsTheSweep() throws Exception {
        zooModel("tiny-ce", "ce", 2, trainCases);
        zooModel("tiny-dice", "dice", 1, trainCases);
        zooModel("tiny-focal", "focal", 3, trainCases);
        CliRun r = sweep("--jobs", "2", "--overlap", "1");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("sweep: inference settings: "), r.err());
        try (var files = Files.walk(tmp.resolve("r/z/cells"))) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().equals("failed.json")).toList());
        }
    }
}
