package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** External mode, failing cells and exit codes, spec files and usage errors of {@code lossbench sweep}. */
class SweepFailureTest {
    @TempDir
    Path tmp;

    private Path export(String name, int classes, int seed) {
        Path p = tmp.resolve(name);
        CliRun r = CliRun.of("models", "export", "vnet-tiny", "--classes", Integer.toString(classes), "--seed", Integer.toString(seed),
                "--out", p.toString());
        assertEquals(0, r.exitCode(), r.err());
        return p;
    }

    @Test
    void failingCellsAreRecordedAndTheOthersFinish() throws Exception {
        Path good = export("good.onnx", 3, 1);
        Path twoClasses = export("two.onnx", 2, 1);
        Path garbage = tmp.resolve("garbage.onnx");
        Files.writeString(garbage, "not an onnx model");
        String[] args = {"sweep", "--name", "x", "--mode", "external", "--external", "good=" + good, "--external", "two=" + twoClasses,
            "--external", "garbage=" + garbage, "--external", "absent=" + tmp.resolve("absent.onnx"), "--device", "cpu", "--roi", "16",
            "--threads", "1", "--out", tmp.resolve("r").toString()};
        CliRun r = CliRun.of(args);
        assertEquals(3, r.exitCode(), "a bad model is bad input: " + r.err());
        assertTrue(r.err().contains("1 cells run, 0 already finished, 3 failed"), r.err());
        Path dir = tmp.resolve("r/x");
        JsonNode m = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        assertEquals("done", m.get("cells").get(0).get("status").asText());
        for (int i = 1; i < 4; i++) {
            assertEquals("failed", m.get("cells").get(i).get("status").asText());
            assertEquals(3, m.get("cells").get(i).get("exit_code").asInt());
        }
        assertTrue(m.get("cells").get(1).get("failure").asText().contains("gives 2 classes but dataset phantom-tiny has 3"));
        assertTrue(m.get("cells").get(3).get("failure").asText().contains("does not exist"));
        String md = Files.readString(dir.resolve("summary.md"));
        assertTrue(md.contains("**3 failed.**") && md.contains("## Failed cells"), md);
        assertTrue(md.contains("| 1 organ | good | 1 × 1 |"), md);
        // the good cell's rows only
        assertEquals(1 + 2, Files.readAllLines(dir.resolve("cases.csv")).size());
        // a rerun skips the finished cell and retries the failed ones
        CliRun again = CliRun.of(args);
        assertEquals(3, again.exitCode());
        assertTrue(again.err().contains("0 cells run, 1 already finished, 3 failed"), again.err());
        // with the missing model supplied, a rerun with only the good ones succeeds and reuses the finished cell
        CliRun ok = CliRun.of("sweep", "--name", "x", "--mode", "external", "--external", "good=" + good, "--device", "cpu", "--roi", "16",
                "--threads", "1", "--out", tmp.resolve("r").toString());
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(ok.err().contains("0 cells run, 1 already finished, 0 failed"), ok.err());
    }

    @Test
    void aModelGivingNanFailsItsCell() throws Exception {
        // vnet-tiny for phantom-tiny with one weight set to NaN: every logit it gives is NaN
        org.lossbench.core.graph.Graph g = org.lossbench.models.arch.Architecture.byName("vnet-tiny")
                .build(new org.lossbench.models.arch.ArchOptions(null, null, null, 1, 3, 0));
        List<String> names = new java.util.ArrayList<>();
        List<float[]> values = new java.util.ArrayList<>();
        for (org.lossbench.core.graph.Initializer i : g.parameters()) {
            names.add(i.name());
            float[] v = i.tensor().floatData().clone();
            if (values.isEmpty()) {
                v[0] = Float.NaN;
            }
            values.add(v);
        }
        Path nan = tmp.resolve("nan.onnx");
        Files.write(nan, org.lossbench.models.arch.TrainedModel.withParameters(g, "test", names, values).toByteArray());
        CliRun r = CliRun.of("sweep", "--name", "n", "--external", "nan=" + nan, "--external", "ok=" + export("ok.onnx", 3, 1),
                "--roi", "16", "--device", "cpu", "--threads", "1", "--out", tmp.toString());
        assertEquals(3, r.exitCode(), r.err());
        String md = Files.readString(tmp.resolve("n/summary.md"));
        assertTrue(md.contains("non-finite outputs (NaN or infinity)"), md);
        assertTrue(md.contains("| 1 organ | ok | 1 × 1 |"), md);
    }

    @Test
    void divergedTrainingIsAnInternalFailure() throws Exception {
        CliRun r = CliRun.of("sweep", "--name", "d", "--train", "--losses", "dice", "--steps", "3", "--patch", "16", "--optimizer", "sgd",
                "--lr", "1e30", "--device", "cpu", "--threads", "1", "--out", tmp.toString());
        assertEquals(4, r.exitCode(), r.err());
        assertTrue(Files.readString(tmp.resolve("d/summary.md")).contains("training diverged"));
    }

    @Test
    void specFileFieldsAndFlagsOverridingThem() throws Exception {
        Path good = export("m.onnx", 3, 3);
        Path spec = tmp.resolve("spec.json");
        Files.writeString(spec, """
                {"name": "fromfile", "mode": "external", "external": {"dice": "m.onnx"},
                 "inference": {"roi": [16], "device": "cpu", "threads": 1},
                 "evaluation": {"tolerance_mm": "1", "bootstrap_seed": 5}}
                """);
        CliRun r = CliRun.of("sweep", "--spec", spec.toString(), "--tolerance-mm", "3", "--out", tmp.resolve("o").toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode m = new ObjectMapper().readTree(tmp.resolve("o/fromfile/manifest.json").toFile());
        JsonNode s = m.get("spec");
        assertEquals("3", s.get("evaluation").get("tolerance_mm").asText(), "the flag wins");
        assertEquals(5, s.get("evaluation").get("bootstrap_seed").asInt(), "the file's field is kept");
        assertEquals(good.toAbsolutePath().toString(), s.get("external").get("dice").asText(), "relative to the spec file");
        assertTrue(r.out().contains("NSD tolerance 3 mm"));
    }

    @Test
    void usageErrorsAndBadSpecs() throws Exception {
        // the default mode is the zoo; an empty zoo has no dataset with a model of the default architecture
        CliRun none = CliRun.of("sweep", "--zoo", Files.createDirectories(tmp.resolve("emptyzoo")).toString(), "--out", tmp.toString());
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("has no dataset with models of every architecture [vnet-lite]"), none.err());
        for (List<String> a : List.of(
                List.of("--train", "--losses", "dice", "--shard", "2/2"),
                List.of("--train", "--losses", "dice", "--reference-loss", "ce"),
                List.of("--train", "--losses", "dice;dice"),
                List.of("--train", "--losses", "dice", "--datasets", "no-such-dataset"),
                List.of("--train", "--losses", "dice", "--empty", "sometimes"),
                List.of("--mode", "external", "--losses", "dice"),
                List.of("--external", "dice=m.onnx", "--seeds", "0,1"),
                List.of("--mode", "zoo", "--losses", "dice"))) {
            List<String> full = new java.util.ArrayList<>(List.of("sweep", "--out", tmp.toString()));
            full.addAll(a);
            CliRun r = CliRun.of(full.toArray(String[]::new));
            assertEquals(2, r.exitCode(), a + ": " + r.err());
            assertTrue(r.err().startsWith("lossbench: error: sweep") || r.err().contains("--shard"), a + ": " + r.err());
        }
        Path spec = tmp.resolve("typo.json");
        Files.writeString(spec, "{\"mode\": \"train\", \"losess\": [\"dice\"]}");
        CliRun typo = CliRun.of("sweep", "--spec", spec.toString(), "--out", tmp.toString());
        assertEquals(3, typo.exitCode());
        assertTrue(typo.err().contains("losess") && typo.err().contains(spec.toString()), typo.err());
        assertFalse(Files.exists(tmp.resolve("sweep")), "nothing is written on a usage error");
    }
}
