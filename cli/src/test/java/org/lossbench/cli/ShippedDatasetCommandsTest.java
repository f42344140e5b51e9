package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in msd-hippocampus through the CLI: listed, described, verified, protected from
 * registration, damaged copies caught, and named by train and sweep. The installation is the
 * checkout, which surefire passes as {@code lossbench.root}.
 */
class ShippedDatasetCommandsTest {
    static final Path SHIPPED = Path.of(System.getProperty("lossbench.root", "..")).resolve("builtin-data/msd-hippocampus");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    String reg() {
        return tmp.resolve("registry.json").toString();
    }

    @Test
    void listInfoAndVerifyShowTheShippedDataset() throws Exception {
        CliRun list = CliRun.of("datasets", "list", "--registry", reg());
        assertEquals(0, list.exitCode(), list.err());
        JsonNode hippo = null;
        for (String line : list.out().strip().split("\n")) {
            JsonNode n = JSON.readTree(line);
            if (n.get("name").asText().equals("msd-hippocampus")) {
                hippo = n;
            }
        }
        assertTrue(hippo != null, list.out());
        assertEquals("built-in", hippo.get("kind").asText());
        assertEquals(200, hippo.get("cases").asInt());
        assertEquals(3, hippo.get("classes").asInt());
        assertEquals("MSD", hippo.get("layout").asText());
        assertEquals("CC-BY-SA 4.0", hippo.get("licence").asText());
        assertEquals(SHIPPED.toAbsolutePath().normalize().toString(), hippo.get("root").asText());

        CliRun info = CliRun.of("datasets", "info", "msd-hippocampus", "--registry", reg());
        assertEquals(0, info.exitCode(), info.err());
        JsonNode spec = JSON.readTree(info.out());
        assertEquals("Posterior", spec.get("labels").get("2").asText());
        assertEquals(List.of(140, 20, 40), List.of(spec.get("splits").get("train").size(), spec.get("splits").get("val").size(),
                spec.get("splits").get("test").size()));

        CliRun verify = CliRun.of("datasets", "verify", "msd-hippocampus", "--registry", reg());
        assertEquals(0, verify.exitCode(), verify.err());
        JsonNode v = JSON.readTree(verify.out());
        assertEquals(200, v.get("cases").asInt());
        assertEquals(403, v.get("checksums").asInt());
        assertTrue(v.get("ok").asBoolean());

        CliRun taken = CliRun.of("datasets", "register", SHIPPED.toString(), "--name", "msd-hippocampus", "--registry", reg());
        assertEquals(3, taken.exitCode(), taken.out());
        assertTrue(taken.err().contains("'msd-hippocampus' is a built-in dataset"), taken.err());
    }

    @Test
    void verifyOfADamagedCopyNamesTheFileAndWhatToDo() throws Exception {
        Path copy = tmp.resolve("copy");
        try (Stream<Path> walk = Files.walk(SHIPPED)) {
            for (Path p : walk.toList()) {
                Path target = copy.resolve(SHIPPED.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path image = copy.resolve("imagesTr/hippocampus_394.nii.gz");
        byte[] b = Files.readAllBytes(image);
        Files.write(image, java.util.Arrays.copyOf(b, b.length - 10));
        CliRun bad = CliRun.of("datasets", "verify", copy.toString(), "--registry", reg());
        assertEquals(3, bad.exitCode(), bad.out());
        assertTrue(bad.err().contains("imagesTr/hippocampus_394.nii.gz: SHA-256") && bad.err().contains("restore the file"), bad.err());
        Files.delete(image);
        CliRun missing = CliRun.of("datasets", "verify", copy.toString(), "--registry", reg());
        assertEquals(3, missing.exitCode(), missing.out());
        assertTrue(missing.err().contains("imagesTr/hippocampus_394.nii.gz: missing, but"), missing.err());
    }

    @Test
    void trainNamesTheShippedDataset() throws Exception {
        CliRun train = CliRun.of("train", "--dataset", "msd-hippocampus", "--model", "vnet-tiny:width=2", "--loss", "dice", "--steps", "2",
                "--batch", "1", "--patch", "16", "--val-every", "2", "--no-augment", "--device", "cpu", "--threads", "1",
                "--registry", reg(), "--out", tmp.resolve("run").toString());
        assertEquals(0, train.exitCode(), train.err());
        JsonNode card = JSON.readTree(train.out());
        assertEquals("msd-hippocampus", card.get("dataset").asText());
        assertEquals(3, card.get("model_config").get("classes").asInt());
        assertEquals(1, card.get("model_config").get("in_channels").asInt());
    }

    @Test
    void aSweepEvaluatesEveryTestCaseOfThePublishedSplit() throws Exception {
        CliRun sweep = CliRun.of("sweep", "--name", "h", "--train", "--datasets", "msd-hippocampus", "--models", "vnet-tiny", "--losses", "dice",
                "--seeds", "0", "--steps", "2", "--patch", "16", "--device", "cpu", "--threads", "1", "--registry", reg(),
                "--out", tmp.resolve("sweep").toString());
        assertEquals(0, sweep.exitCode(), sweep.err());
        // every one of the 40 test cases is evaluated, once per foreground class
        List<String> rows = Files.readAllLines(tmp.resolve("sweep/h/cases.csv"));
        String header = rows.get(0);
        int caseColumn = List.of(header.split(",")).indexOf("case");
        java.util.Set<String> cases = new java.util.TreeSet<>();
        rows.subList(1, rows.size()).forEach(r -> cases.add(r.split(",")[caseColumn]));
        JsonNode split = JSON.readTree(SHIPPED.resolve("split.json").toFile());
        java.util.Set<String> test = new java.util.TreeSet<>();
        split.get("test").forEach(n -> test.add(n.asText()));
        assertEquals(test, cases);
        assertEquals(80, rows.size() - 1);
    }
}
