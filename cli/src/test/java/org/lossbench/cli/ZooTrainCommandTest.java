package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.io.Json;
import org.lossbench.core.provenance.Provenance;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.models.train.Checkpoint;
import org.lossbench.models.train.Trainer;
import org.lossbench.models.zoo.ZooProtocol;
import org.lossbench.models.zoo.ZooTraining;
import picocli.CommandLine;

/**
 * {@code lossbench models zoo-train} on a tiny protocol (phantom-tiny, vnet-tiny width 2, losses ce and dice,
 * seeds 0 and 1, 3 steps of 16^3), with the provenance injected so that the checkout's own state does not
 * matter: it trains the four models, resumes a killed run, trains nothing on a rerun, refuses a dirty
 * checkout and unknown names; {@code models zoo --protocol} reports completeness.
 */
class ZooTrainCommandTest {
    private static final String CLEAN = "0123abc";

    @TempDir
    Path zoo;

    private static Provenance provenance(String commit) {
        return new Provenance("test", commit, System.getProperty("java.version"), OrtEnvironment.getEnvironment().getVersion());
    }

    /** The CLI with {@code zoo-train} seeing {@code commit} as the checkout's. */
    private static CliRun run(String commit, String... args) {
        CommandLine cl = new CommandLine(new Main(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == ZooTrainCommand.class ? cls.cast(new ZooTrainCommand(() -> provenance(commit))) : CommandLine.defaultFactory().create(cls);
            }
        });
        cl.setExecutionExceptionHandler(Main.commandLine().getExecutionExceptionHandler());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        return new CliRun(code, out.toString(), err.toString());
    }

    private CliRun zooTrain(String commit, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("models", "zoo-train", "--protocol", zoo.resolve("protocol.json").toString(),
                "--registry", zoo.resolve("registry.json").toString()));
        a.addAll(List.of(extra));
        return run(commit, a.toArray(String[]::new));
    }

    private static JsonNode json(Path f) throws Exception {
        return Json.mapper().readTree(f.toFile());
    }

    @Test
    void trainsWhatIsMissingResumesAKilledRunAndThenNothing() throws Exception {
        TestZooProtocol.write(zoo, "vnet-tiny:width=2", "adam");
        ZooProtocol protocol = ZooProtocol.read(zoo.resolve("protocol.json"));
        // a killed run: ce seed 1 stopped during step 3 at commit feed001, its checkpoint at step 2 in runs/
        ZooProtocol.Run ce1 = protocol.runs().stream().filter(r -> r.loss().name().equals("ce") && r.seed() == 1).findFirst().orElseThrow();
        ZooTraining early = new ZooTraining(protocol, zoo.resolve("runs"), null, DatasetRegistry.locate(zoo.resolve("registry.json")),
                provenance("feed001"));
        ZooTraining.Prepared killed = early.prepare(ce1);
        assertThrows(IllegalStateException.class, () -> killed.training().train(killed.dir(), false, (s, lr, l, secs) -> {
            if (s == 3) {
                throw new IllegalStateException("killed");
            }
        }));
        assertEquals(2, Checkpoint.read(zoo.resolve("runs/phantom-tiny/vnet-tiny-ce-s1").resolve(Trainer.CHECKPOINT)).step());

        CliRun dry = zooTrain(CLEAN + "-dirty", "--dry-run");
        assertEquals(0, dry.exitCode(), dry.err());
        assertTrue(dry.out().contains("phantom-tiny/vnet-tiny-ce-s1.onnx\t1 steps (resumes at step 2)\ttime unknown"), dry.out());
        assertTrue(dry.out().contains("phantom-tiny/vnet-tiny-dice-s0.onnx\t3 steps\ttime unknown"), dry.out());
        assertTrue(dry.out().contains("4 models to train"), dry.out());
        assertFalse(Files.exists(zoo.resolve("phantom-tiny")), "a dry run trains nothing");

        CliRun first = zooTrain(CLEAN);
        assertEquals(0, first.exitCode(), first.err());
        List<String> names = List.of("vnet-tiny-ce-s0", "vnet-tiny-ce-s1", "vnet-tiny-dice-s0", "vnet-tiny-dice-s1");
        assertEquals(names.stream().map(n -> zoo.resolve("phantom-tiny").resolve(n + ".onnx").toString()).toList(), first.out().lines().toList(),
                "stdout lists the published models in the protocol's order");
        assertTrue(first.err().contains("zoo-train: 2/4 phantom-tiny / ce / seed 1 (resuming at step 2)"), first.err());
        for (String n : names) {
            Path model = zoo.resolve("phantom-tiny").resolve(n + ".onnx");
            JsonNode card = json(zoo.resolve("phantom-tiny").resolve(n + ".card.json"));
            assertArrayEquals(Files.readAllBytes(zoo.resolve("runs/phantom-tiny").resolve(n).resolve("model.onnx")), Files.readAllBytes(model), n);
            assertEquals(CLEAN, card.get("git_commit").asText(), n);
            assertEquals(0, card.get("training").get("split_seed").asInt(), n);
            assertEquals(n.endsWith("s1") ? 1 : 0, card.get("seed").asInt(), n);
            JsonNode last = card.get("segments").get(card.get("segments").size() - 1);
            assertEquals(List.of(3L, CLEAN, false), List.of(last.get("to_step").asLong(), last.get("git_commit").asText(), last.get("git_dirty").asBoolean()));
        }
        JsonNode resumed = json(zoo.resolve("phantom-tiny/vnet-tiny-ce-s1.card.json"));
        assertEquals(1, resumed.get("resumes").asInt());
        JsonNode seg = resumed.get("segments");
        assertEquals(List.of(0L, 2L, "feed001", 2L, 3L, CLEAN), List.of(seg.get(0).get("from_step").asLong(), seg.get(0).get("to_step").asLong(),
                seg.get(0).get("git_commit").asText(), seg.get(1).get("from_step").asLong(), seg.get(1).get("to_step").asLong(),
                seg.get(1).get("git_commit").asText()));
        assertEquals(seg.get(0).get("wall_seconds").asDouble() + seg.get(1).get("wall_seconds").asDouble(), resumed.get("wall_seconds").asDouble(), 1e-9);
        assertEquals(0, json(zoo.resolve("phantom-tiny/vnet-tiny-dice-s0.card.json")).get("resumes").asInt());

        CliRun listed = run(CLEAN, "models", "zoo", "--protocol", zoo.resolve("protocol.json").toString());
        assertEquals(0, listed.exitCode(), listed.out() + listed.err());
        assertTrue(listed.out().contains("4 of 4 models, 0 missing, 0 trained otherwise, 0 not in the protocol"), listed.out());

        byte[] before = Files.readAllBytes(zoo.resolve("phantom-tiny/vnet-tiny-dice-s1.card.json"));
        CliRun again = zooTrain(CLEAN);
        assertEquals(0, again.exitCode(), again.err());
        assertEquals("", again.out(), "a rerun trains nothing");
        assertTrue(again.err().contains("0 of 4 selected models to train"), again.err());
        assertArrayEquals(before, Files.readAllBytes(zoo.resolve("phantom-tiny/vnet-tiny-dice-s1.card.json")));

        // a model removed from the zoo: the dry run estimates it from the others' seconds per step, models zoo fails the gate
        Files.delete(zoo.resolve("phantom-tiny/vnet-tiny-dice-s0.card.json"));
        Files.delete(zoo.resolve("phantom-tiny/vnet-tiny-dice-s0.onnx"));
        double seconds = 0;
        for (String n : List.of("vnet-tiny-ce-s0", "vnet-tiny-ce-s1", "vnet-tiny-dice-s1")) {
            seconds += json(zoo.resolve("phantom-tiny").resolve(n + ".card.json")).get("wall_seconds").asDouble();
        }
        CliRun estimate = zooTrain(CLEAN, "--dry-run");
        // its run folder still holds the finished run: 0 steps left, so 0 s however fast
        assertTrue(estimate.out().contains("phantom-tiny/vnet-tiny-dice-s0.onnx\t0 steps (resumes at step 3)\tabout 0.0 s"), estimate.out());
        Files.delete(zoo.resolve("runs/phantom-tiny/vnet-tiny-dice-s0").resolve(Trainer.CHECKPOINT));
        estimate = zooTrain(CLEAN, "--dry-run");
        Matcher m = Pattern.compile("vnet-tiny-dice-s0.onnx\t3 steps\tabout ([0-9.]+) s").matcher(estimate.out());
        assertTrue(m.find(), estimate.out());
        assertEquals(seconds / 9 * 3, Double.parseDouble(m.group(1)), 0.051, "3 steps at the finished models' seconds per step");
        CliRun gate = run(CLEAN, "models", "zoo", "--protocol", zoo.resolve("protocol.json").toString());
        assertEquals(1, gate.exitCode(), gate.out() + gate.err());
        assertTrue(gate.out().contains("missing: phantom-tiny/vnet-tiny-dice-s0.onnx (phantom-tiny / dice / seed 0)"), gate.out());
        assertTrue(gate.out().contains("| phantom-tiny | vnet-tiny | ce | 1 | 3 | 0 min (1 resume) |"), gate.out());

        // a card of other settings than the protocol's stops zoo-train before it trains anything
        Path card = zoo.resolve("phantom-tiny/vnet-tiny-ce-s0.card.json");
        Files.writeString(card, Files.readString(card).replace("\"steps\" : 3", "\"steps\" : 30"));
        CliRun otherwise = zooTrain(CLEAN);
        assertEquals(3, otherwise.exitCode(), otherwise.err());
        assertTrue(otherwise.err().contains("trained otherwise") && otherwise.err().contains("steps: card 30, protocol 3"), otherwise.err());
        assertFalse(Files.exists(zoo.resolve("phantom-tiny/vnet-tiny-dice-s0.onnx")));
        gate = run(CLEAN, "models", "zoo", "--protocol", zoo.resolve("protocol.json").toString());
        assertEquals(1, gate.exitCode());
        assertTrue(gate.out().contains("trained otherwise: phantom-tiny/vnet-tiny-ce-s0.card.json: steps: card 30, protocol 3"), gate.out());
    }

    @Test
    void aDirtyCheckoutIsRefusedUnlessAllowedAndUnknownNamesAreUsageErrors() throws Exception {
        TestZooProtocol.write(zoo, "vnet-tiny:width=2", "adam");
        CliRun dirty = zooTrain(CLEAN + "-dirty");
        assertEquals(2, dirty.exitCode(), dirty.err());
        assertTrue(dirty.err().contains("uncommitted changes") && dirty.err().contains("--allow-dirty"), dirty.err());
        CliRun unknown = zooTrain("unknown");
        assertEquals(2, unknown.exitCode(), unknown.err());
        assertFalse(Files.exists(zoo.resolve("runs")) || Files.exists(zoo.resolve("phantom-tiny")), "nothing trained");

        for (String[] bad : new String[][] {{"--loss", "focal"}, {"--dataset", "phantom-lesions"}, {"--seed", "7"}}) {
            CliRun r = zooTrain(CLEAN, bad);
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains(bad[0] + " " + bad[1] + " is not in the protocol"), r.err());
        }

        CliRun allowed = zooTrain(CLEAN + "-dirty", "--allow-dirty", "--loss", "dice", "--seed", "1");
        assertEquals(0, allowed.exitCode(), allowed.err());
        JsonNode card = json(zoo.resolve("phantom-tiny/vnet-tiny-dice-s1.card.json"));
        assertEquals(CLEAN + "-dirty", card.get("git_commit").asText());
        assertTrue(card.get("segments").get(0).get("git_dirty").asBoolean());
        assertEquals(List.of(zoo.resolve("phantom-tiny/vnet-tiny-dice-s1.onnx").toString()), allowed.out().lines().toList(), "only the one selected");
    }
}
