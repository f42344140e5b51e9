package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lossbench datasets fetch} offline, from a Task04-shaped archive built here out of two shipped cases. */
class DatasetsFetchCommandTest {
    static final Path SHIPPED = Path.of(System.getProperty("lossbench.root", "..")).resolve("builtin-data/msd-hippocampus");

    @TempDir
    Path tmp;

    Path archive(String extraName) throws IOException {
        Path file = tmp.resolve("Task04_Hippocampus.tar");
        try (OutputStream o = Files.newOutputStream(file); TarArchiveOutputStream t = new TarArchiveOutputStream(o)) {
            String json = """
                    {"name": "Hippocampus", "licence": "CC-BY-SA 4.0", "modality": {"0": "MRI"},
                     "labels": {"0": "background", "1": "Anterior", "2": "Posterior"},
                     "training": [{"image": "./imagesTr/hippocampus_001.nii.gz", "label": "./labelsTr/hippocampus_001.nii.gz"}],
                     "test": ["./imagesTs/hippocampus_004.nii.gz"]}
                    """;
            put(t, "Task04_Hippocampus/dataset.json", json.getBytes(StandardCharsets.UTF_8));
            put(t, "Task04_Hippocampus/imagesTr/hippocampus_001.nii.gz", Files.readAllBytes(SHIPPED.resolve("imagesTr/hippocampus_001.nii.gz")));
            put(t, "Task04_Hippocampus/labelsTr/hippocampus_001.nii.gz", Files.readAllBytes(SHIPPED.resolve("labelsTr/hippocampus_001.nii.gz")));
            put(t, "Task04_Hippocampus/imagesTs/hippocampus_004.nii.gz", Files.readAllBytes(SHIPPED.resolve("imagesTr/hippocampus_004.nii.gz")));
            if (extraName != null) {
                put(t, extraName, new byte[] {1});
            }
        }
        return file;
    }

    static void put(TarArchiveOutputStream t, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        t.putArchiveEntry(e);
        t.write(content);
        t.closeArchiveEntry();
    }

    static String md5(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(f)));
    }

    @Test
    void fetchExtractsRegistersAndTheDatasetIsThenUsableByName() throws Exception {
        Path tar = archive(null);
        String reg = tmp.resolve("registry.json").toString();
        Path out = tmp.resolve("data");
        CliRun fetch = CliRun.of("datasets", "fetch", "msd-hippocampus", "--from", tar.toString(), "--md5", md5(tar), "--out", out.toString(),
                "--registry", reg);
        assertEquals(0, fetch.exitCode(), fetch.err());
        JsonNode r = new ObjectMapper().readTree(fetch.out());
        assertEquals("Task04_Hippocampus", r.get("name").asText());
        assertEquals(out.toAbsolutePath().normalize().resolve("Task04_Hippocampus").toString(), r.get("root").asText());
        assertEquals(2, r.get("cases").asInt());
        assertEquals(1, r.get("labelled").asInt());
        assertEquals(4, r.get("files").asInt());
        CliRun info = CliRun.of("datasets", "info", "Task04_Hippocampus", "--registry", reg);
        assertEquals(0, info.exitCode(), info.err());
        assertEquals(List.of("hippocampus_004"), List.of(new ObjectMapper().readTree(info.out()).get("splits").get("test").get(0).asText()));
        CliRun verify = CliRun.of("datasets", "verify", "Task04_Hippocampus", "--registry", reg);
        assertEquals(0, verify.exitCode(), verify.err());
    }

    @Test
    void wrongChecksumsUnsafeEntriesAndUnknownTasksAreRefused() throws Exception {
        Path out = tmp.resolve("data");
        String reg = tmp.resolve("registry.json").toString();
        Path good = archive(null);
        CliRun official = CliRun.of("datasets", "fetch", "Task04_Hippocampus", "--from", good.toString(), "--out", out.toString(), "--registry", reg);
        assertEquals(3, official.exitCode(), official.out());
        assertTrue(official.err().contains("differs from 9d24dba78a72977dbd1d2e110310f31b, the MD5 of Task04_Hippocampus.tar"), official.err());
        assertTrue(Files.notExists(out), "the --out folder this fetch made is gone");

        Path evil = archive("Task04_Hippocampus/../../../evil.txt");
        CliRun escape = CliRun.of("datasets", "fetch", "msd-hippocampus", "--from", evil.toString(), "--md5", md5(evil), "--out", out.toString(),
                "--registry", reg);
        assertEquals(3, escape.exitCode(), escape.out());
        assertTrue(escape.err().contains("entry 'Task04_Hippocampus/../../../evil.txt' contains '..'"), escape.err());
        assertTrue(Files.notExists(out), "the --out folder this fetch made is gone");
        assertTrue(Files.notExists(tmp.resolve("evil.txt")) && Files.notExists(tmp.getParent().resolve("evil.txt")));
        assertTrue(Files.notExists(Path.of(reg)), "nothing was registered");

        CliRun unknown = CliRun.of("datasets", "fetch", "msd-kidney", "--out", out.toString());
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown Decathlon task 'msd-kidney'"), unknown.err());
        CliRun taken = CliRun.of("datasets", "fetch", "msd-hippocampus", "--name", "msd-hippocampus", "--from", good.toString(), "--out",
                out.toString());
        assertEquals(2, taken.exitCode());
        assertTrue(taken.err().contains("'msd-hippocampus' is a built-in dataset"), taken.err());
    }
}
