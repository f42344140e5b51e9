package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsCommandTest {
    @TempDir
    Path tmp;

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void generateVerifyRegisterListInfo() throws Exception {
        String reg = tmp.resolve("registry.json").toString();
        Path out = tmp.resolve("tiny");
        CliRun gen = run("datasets", "generate", "phantom-tiny", "--out", out.toString(), "--seed", "5", "--threads", "2");
        assertEquals(0, gen.exitCode(), gen.err());
        JsonNode g = new ObjectMapper().readTree(gen.out());
        assertEquals(4, g.get("cases").asInt());
        assertTrue(Files.isRegularFile(out.resolve("dataset.json")));
        assertTrue(Files.isRegularFile(out.resolve("labelsTr/phantom-tiny_003.nii.gz")));
        assertTrue(Files.isRegularFile(out.resolve("lesions/phantom-tiny_003.json")));

        CliRun verifyDir = run("datasets", "verify", out.toString(), "--registry", reg);
        assertEquals(0, verifyDir.exitCode(), verifyDir.err());
        assertTrue(verifyDir.out().contains("\"ok\":true"), verifyDir.out());

        CliRun register = run("datasets", "register", out.toString(), "--name", "my-tiny", "--registry", reg);
        assertEquals(0, register.exitCode(), register.err());
        CliRun list = run("datasets", "list", "--registry", reg);
        assertEquals(0, list.exitCode(), list.err());
        String[] lines = list.out().strip().split("\n");
        assertEquals(6, lines.length, list.out()); // four phantoms (phantom-lesions@1 among them), msd-hippocampus, then the registered one
        assertTrue(lines[5].contains("\"name\":\"my-tiny\"") && lines[5].contains("LOSSBENCH"), lines[5]);

        CliRun info = run("datasets", "info", "my-tiny", "--registry", reg);
        assertEquals(0, info.exitCode(), info.err());
        assertEquals("lesion", new ObjectMapper().readTree(info.out()).get("labels").get("2").asText());

        CliRun verify = run("datasets", "verify", "my-tiny", "--registry", reg);
        assertEquals(0, verify.exitCode(), verify.err());

        // a changed file is caught by the checksums
        Files.write(out.resolve("imagesTr/phantom-tiny_001_0000.nii.gz"), new byte[] {1, 2, 3});
        CliRun bad = run("datasets", "verify", "my-tiny", "--registry", reg);
        assertEquals(3, bad.exitCode(), bad.out());
        assertTrue(bad.err().contains("phantom-tiny_001_0000.nii.gz"), bad.err());
    }

    @Test
    void infoAndVerifyOfABuiltIn() throws Exception {
        CliRun info = run("datasets", "info", "phantom-lesions");
        assertEquals(0, info.exitCode(), info.err());
        JsonNode n = new ObjectMapper().readTree(info.out());
        assertEquals(40, n.get("cases").asInt());
        assertEquals("lesion", n.get("labels").get("3").asText());
        CliRun verify = run("datasets", "verify", "phantom-tiny");
        assertEquals(0, verify.exitCode(), verify.err());
        assertTrue(verify.out().contains("b2a2b1f3ac01812b760abab20e013b13423761ae4802cdbf7b8dbb666dbfbfaf"), verify.out());
    }

    /** Both versions of phantom-lesions are listed, version 1 as superseded; NAME@N resolves in info and verify. */
    @Test
    void versionsOfABuiltInAreListedAndResolved() throws Exception {
        ObjectMapper json = new ObjectMapper();
        CliRun list = run("datasets", "list", "--registry", tmp.resolve("r.json").toString());
        assertEquals(0, list.exitCode(), list.err());
        java.util.Map<String, JsonNode> byName = new java.util.HashMap<>();
        for (String line : list.out().strip().split("\n")) {
            JsonNode n = json.readTree(line);
            byName.put(n.get("name").asText(), n);
        }
        assertEquals(java.util.Set.of("phantom-lesions", "phantom-lesions@1", "phantom-multiorgan", "phantom-tiny", "msd-hippocampus"), byName.keySet());
        assertEquals(2, byName.get("phantom-lesions").get("version").asInt());
        assertEquals("phantom-lesions@2", byName.get("phantom-lesions").get("alias").asText());
        assertEquals(1, byName.get("phantom-lesions@1").get("version").asInt());
        assertEquals("phantom-lesions", byName.get("phantom-lesions@1").get("superseded_by").asText());
        assertTrue(byName.get("phantom-lesions").get("superseded_by") == null);

        JsonNode v2 = json.readTree(run("datasets", "info", "phantom-lesions@2").out());
        assertEquals("phantom-lesions", v2.get("name").asText());
        assertEquals("ce5c73213e499fbbe9832c69cfb2789223359ee7d1dccd4ce0220afa32d6ebc0", v2.get("reference_hash").asText());
        CliRun verify = run("datasets", "verify", "phantom-lesions@1", "--threads", "2");
        assertEquals(0, verify.exitCode(), verify.err());
        assertTrue(verify.out().contains("bae73acee9825455760a4a36b47fd03167e76d3b9e5f838064c8501f18754632"), verify.out());

        for (String cmd : java.util.List.of("info", "verify", "generate")) {
            CliRun unknown = cmd.equals("generate") ? run("datasets", cmd, "phantom-lesions@3", "--out", tmp.resolve("v3").toString())
                    : run("datasets", cmd, "phantom-lesions@3");
            assertEquals(2, unknown.exitCode(), cmd + ": " + unknown.err());
            assertTrue(unknown.err().contains("phantom-lesions has no version 3; its versions are phantom-lesions@2 (= phantom-lesions), "
                    + "phantom-lesions@1 (superseded)"), unknown.err());
        }
        CliRun train = run("train", "--dataset", "phantom-lesions@0", "--model", "vnet-tiny", "--loss", "dice", "--out", tmp.resolve("m").toString());
        assertEquals(2, train.exitCode(), train.err());
        assertTrue(train.err().contains("NAME@N"), train.err());
    }

    @Test
    void unknownNamesAndBadFoldersGiveClearErrors() throws Exception {
        CliRun unknown = run("datasets", "info", "nope", "--registry", tmp.resolve("r.json").toString());
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown dataset 'nope'"), unknown.err());
        Files.createDirectories(tmp.resolve("empty"));
        CliRun bad = run("datasets", "register", tmp.resolve("empty").toString(), "--registry", tmp.resolve("r.json").toString());
        assertEquals(3, bad.exitCode());
        assertTrue(bad.err().contains("not a dataset"), bad.err());
        Path gen = tmp.resolve("gen");
        assertEquals(0, run("datasets", "generate", "phantom-tiny", "--out", gen.toString()).exitCode());
        Files.delete(gen.resolve("labelsTr/phantom-tiny_002.nii.gz"));
        CliRun missing = run("datasets", "register", gen.toString(), "--registry", tmp.resolve("r.json").toString());
        assertEquals(3, missing.exitCode());
        assertTrue(missing.err().contains("case 'phantom-tiny_002'") && missing.err().contains("missing"), missing.err());
        CliRun notPhantom = run("datasets", "generate", "my-data", "--out", tmp.resolve("x").toString());
        assertEquals(2, notPhantom.exitCode());
        Path file = Files.writeString(tmp.resolve("a-file"), "keep");
        CliRun onFile = run("datasets", "generate", "phantom-tiny", "--out", file.toString());
        assertEquals(3, onFile.exitCode());
        assertTrue(onFile.err().contains("is a file, not a folder"), onFile.err());
        assertEquals("keep", Files.readString(file));
        for (String cmd : java.util.List.of("generate", "verify")) {
            CliRun threads = cmd.equals("generate") ? run("datasets", cmd, "phantom-tiny", "--out", tmp.resolve("t").toString(), "--threads", "0")
                    : run("datasets", cmd, "phantom-tiny", "--threads", "-2");
            assertEquals(2, threads.exitCode(), cmd);
            assertTrue(threads.err().contains("--threads must be >= 1, got " + (cmd.equals("generate") ? "0" : "-2")), threads.err());
        }
        assertTrue(Files.notExists(tmp.resolve("t")));
    }
}
