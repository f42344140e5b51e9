package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.cli.sweep.SlurmResources;
import org.lossbench.cli.sweep.SweepSpec;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Where each setting of {@code lossbench sweep} comes from: a flag given on the command line, else the spec
 * file's field (the default-value provider {@code SpecFileDefaults}), else the option's built-in default;
 * checked on the sweep as the command asks for it, before {@link SweepSpec#resolved} fills in what depends
 * on the mode.
 */
class SweepOptionsTest {
    /** Every field of the spec set, none to its default. */
    static final String FULL = """
            {"name": "full", "datasets": ["phantom-tiny", "phantom-lesions"], "split": "val", "split_seed": 7,
             "models": ["vnet-tiny", "vnet-lite:width=8,depth=3"], "losses": ["dice", "focal:gamma=2,alpha=0.25"], "seeds": [3, 4],
             "mode": "train", "zoo": "zoo", "external": {"dice": "d.onnx"}, "reference_loss": "focal:gamma=2,alpha=0.25",
             "training": {"steps": 17, "batch": 3, "patch": [8, 16, 24], "optimizer": "sgd:momentum=0.9", "lr": 0.0125,
                          "schedule": "poly:power=2", "foreground_share": 0.5, "augment": false},
             "evaluation": {"labels": [1, 2], "tolerance_mm": "1,2=0.5", "connectivity": 6, "match": "iou:0.3", "empty": "nnunet",
                            "size_bins": "2,4", "bootstrap_seed": 11},
             "inference": {"roi": [12, 12, 20], "overlap": 0.25, "device": "cuda", "threads": 3, "batch": 2, "cpu_rewrite": "conv2d"},
             "slurm": {"shards": 2, "cpus_per_task": 3, "mem": "8G", "time": "01:00:00", "partition": "gpu", "gpus_per_task": 1}}
            """;

    @TempDir
    Path tmp;

    private static SweepCommand parse(String... args) {
        CommandLine cl = new CommandLine(new SweepCommand());
        cl.parseArgs(args);
        return cl.getCommand();
    }

    private Path spec(String json) throws Exception {
        Path f = tmp.resolve("spec.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void withoutSpecFileTheOptionsDefaultsApply() {
        SweepSpec s = parse().requested();
        assertEquals(new SweepSpec(null, null, null, null, null, null, null, null, null, null, null,
                new SweepSpec.Training(200L, 2, List.of(32, 32, 32), "adam", null, "constant", 0.33, true),
                new SweepSpec.Evaluation(null, "2", 26, "overlap", "monai", "3,6,12,24", 0L),
                new SweepSpec.Inference(null, 0.5, "auto", 0, 1, "auto")), s);
    }

    @Test
    void everyFieldOfTheSpecFileArrivesThroughItsOption() throws Exception {
        Path f = spec(FULL);
        SweepCommand c = parse("--spec", f.toString());
        assertEquals(SweepSpec.read(f), c.requested(), "each field, top level and sections, is some option's default");
        assertEquals(SlurmResources.none(), c.slurmResources.resources(), "without --slurm the slurm section is not read");
        SweepCommand slurm = parse("--spec", f.toString(), "--slurm");
        assertEquals(SlurmResources.read(f), slurm.slurmResources.resources());
        assertEquals(new SlurmResources(2, 3, "8G", "01:00:00", "gpu", 1), slurm.slurmResources.resources());
    }

    @Test
    void flagsOverrideTheFileAndTheFileOverridesTheBuiltInDefaults() throws Exception {
        Path f = spec("""
                {"name": "fromfile", "losses": ["dice"], "training": {"steps": 17, "augment": false},
                 "evaluation": {"tolerance_mm": "1", "bootstrap_seed": 5}, "inference": {"roi": [16], "device": "cpu", "threads": 1},
                 "slurm": {"mem": "8G", "partition": "gpu"}}
                """);
        SweepCommand c = parse("--spec", f.toString(), "--tolerance-mm", "3", "--augment", "--losses", "dice;ce", "--infer-batch", "4",
                "--threads", "2", "--train", "--slurm", "--partition", "cpu");
        SweepSpec s = c.requested();
        assertEquals("fromfile", s.name(), "file");
        assertEquals(List.of("dice", "ce"), s.losses(), "flag");
        assertEquals("train", s.mode(), "--train");
        assertEquals(17L, s.training().steps(), "file");
        assertEquals(true, s.training().augment(), "--augment over the file's false");
        assertEquals(2, s.training().batch(), "built-in");
        assertEquals("3", s.evaluation().toleranceMm(), "flag");
        assertEquals(5L, s.evaluation().bootstrapSeed(), "file");
        assertEquals(26, s.evaluation().connectivity(), "built-in");
        assertEquals(List.of(16, 16, 16), s.inference().roi(), "file, a cube");
        assertEquals("cpu", s.inference().device(), "file");
        assertEquals(2, s.inference().threads(), "flag");
        assertEquals(4, s.inference().batch(), "flag");
        assertEquals(0.5, s.inference().overlap(), "built-in");
        assertEquals(new SlurmResources(null, null, "8G", null, "cpu", null), c.slurmResources.resources(), "flag over file over none");
        assertEquals(false, parse("--spec", spec("{\"training\": {\"augment\": true}}").toString(), "--no-augment")
                .requested().training().augment(), "--no-augment over the file's true");
    }

    @Test
    void externalModelsComeFromTheFlagsOrElseTheFile() throws Exception {
        Path f = spec("{\"external\": {\"dice\": \"m.onnx\", \"ce\": \"sub/../n.onnx\"}, \"zoo\": \"z\"}");
        SweepSpec fromFile = parse("--spec", f.toString()).requested();
        assertEquals(Map.of("dice", tmp.resolve("m.onnx").toString(), "ce", tmp.resolve("n.onnx").toString()), fromFile.external(),
                "relative to the file");
        assertEquals(tmp.resolve("z").toString(), fromFile.zoo(), "relative to the file");
        SweepSpec flags = parse("--spec", f.toString(), "--external", "focal=x.onnx", "--zoo", "y").requested();
        assertEquals(Map.of("focal", Path.of("x.onnx").toAbsolutePath().toString()), flags.external(), "the flags replace the mapping");
        assertEquals(Path.of("y").toAbsolutePath().toString(), flags.zoo(), "relative to the working folder");
    }

    @Test
    void fileValuesArriveAsWrittenEmptyListsAsLeftOut() throws Exception {
        SweepSpec s = parse("--spec", spec("{\"name\": \"a${user.home}b$$c\", \"datasets\": [], \"evaluation\": {\"labels\": []}, "
                + "\"training\": {\"lr\": 1e-300}}").toString()).requested();
        assertEquals("a${user.home}b$$c", s.name(), "no picocli interpolation of ${...}, no $$ escape");
        assertNull(s.datasets());
        assertNull(s.evaluation().labels());
        assertEquals(1e-300, s.training().lr(), 0.0, "doubles round-trip");
    }

    @Test
    void aBadValueInTheFileIsAUsageErrorNamingTheFileAndTheField() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"training\": {\"patch\": [8, 8]}}", "training.patch must be three positive sizes D,H,W (or one for a cube), got '8,8'",
                "{\"inference\": {\"threads\": -1}}", "inference.threads must be >= 0 (0 = ONNX Runtime's default), got -1",
                "{\"inference\": {\"device\": \"tpu\"}}", "inference.device: unknown device 'tpu'",
                "{\"training\": {\"optimizer\": \"rmsprop\"}}", "training.optimizer: optimiser 'rmsprop': unknown optimiser 'rmsprop'");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path f = spec(c.getKey());
            ParameterException e = assertThrows(ParameterException.class, () -> parse("--spec", f.toString()), c.getKey());
            LossbenchException le = (LossbenchException) e.getCause();
            assertEquals(ExitCode.USAGE, le.exitCode());
            assertTrue(le.getMessage().startsWith("sweep spec " + f + ": " + c.getValue()), le.getMessage());
            CliRun r = CliRun.of("sweep", "--spec", f.toString(), "--out", tmp.toString());
            assertEquals(2, r.exitCode());
            assertEquals("lossbench: error: " + le.getMessage(), r.err().strip(), "one line");
        }
    }

    @Test
    void theSlurmSectionIsReadOnlyForSlurm() throws Exception {
        Path f = spec("{\"slurm\": {\"cpus\": 4}}");
        assertEquals(SlurmResources.none(), parse("--spec", f.toString()).slurmResources.resources());
        CliRun r = CliRun.of("sweep", "--spec", f.toString(), "--slurm", "--dry-run", "--out", tmp.toString());
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("lossbench: error: sweep spec " + f + ", section slurm:") && r.err().contains("cpus"), r.err());
        assertFalse(Files.exists(tmp.resolve("sweep")));
    }
}
