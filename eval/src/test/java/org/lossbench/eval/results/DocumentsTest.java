package org.lossbench.eval.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.Json;

/** The JSON documents of the results folder: their text written by hand, read back, and a wrong format tag refused. */
class DocumentsTest {
    @TempDir
    Path tmp;

    @Test
    void manifestTextRoundTripAndFormatTag() throws IOException {
        CellId a = new CellId(0, "k0", "d", "m", "dice", 0);
        CellId b = new CellId(1, "k1", "d", "m", "ce", 0);
        ManifestFile m = new ManifestFile("s", "5f", Json.mapper().readTree("{\"name\":\"s\"}"), List.of(
                ManifestFile.Cell.done(a, Map.of("seed", 0), new CellDocument(List.of("c1"), Map.of(), "k0", Map.of("1", "organ"),
                        Map.of("device", "cpu"))),
                ManifestFile.Cell.failed(b, Map.of("seed", 0), new CellFailure("k1", "no model", 3))));
        m.write(tmp);
        assertEquals("""
                {
                  "format" : "lossbench-sweep-manifest/1",
                  "sweep" : "s",
                  "spec_sha256" : "5f",
                  "spec" : {
                    "name" : "s"
                  },
                  "cells" : [ {
                    "index" : 0,
                    "key" : "k0",
                    "dataset" : "d",
                    "model" : "m",
                    "loss" : "dice",
                    "seed" : 0,
                    "status" : "done",
                    "config" : {
                      "seed" : 0
                    },
                    "cases" : [ "c1" ],
                    "provenance" : {
                      "device" : "cpu"
                    }
                  }, {
                    "index" : 1,
                    "key" : "k1",
                    "dataset" : "d",
                    "model" : "m",
                    "loss" : "ce",
                    "seed" : 0,
                    "status" : "failed",
                    "config" : {
                      "seed" : 0
                    },
                    "failure" : "no model",
                    "exit_code" : 3
                  } ]
                }
                """, Files.readString(tmp.resolve(SweepLayout.MANIFEST)));
        ManifestFile back = ManifestFile.read(tmp);
        assertEquals(m.cells().get(1), back.cells().get(1));
        assertTrue(back.cells().get(0).done() && !back.cells().get(1).done());
        Files.writeString(tmp.resolve(SweepLayout.MANIFEST), Files.readString(tmp.resolve(SweepLayout.MANIFEST))
                .replace(FormatTag.MANIFEST, "lossbench-sweep-manifest/0"));
        BadInputException e = assertThrows(BadInputException.class, () -> ManifestFile.read(tmp));
        assertTrue(e.getMessage().contains("format is 'lossbench-sweep-manifest/0', expected lossbench-sweep-manifest/1"), e.getMessage());
    }

    /** cell.json sorts every map's keys (the configuration's nested ones too) and keeps null values, as canonical JSON does. */
    @Test
    void cellDocumentSortsKeysAndKeepsNulls() {
        Map<String, Object> inference = new LinkedHashMap<>();
        inference.put("threads", 2);
        inference.put("device", "cpu");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("seed", 1);
        config.put("inference", inference);
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("git_commit", null);
        prov.put("device", "cpu");
        CellDocument doc = new CellDocument(List.of("a"), config, "k", Map.of("2", "vessel"), prov);
        doc.write(tmp);
        assertEquals("""
                {
                  "cases" : [ "a" ],
                  "config" : {
                    "inference" : {
                      "device" : "cpu",
                      "threads" : 2
                    },
                    "seed" : 1
                  },
                  "key" : "k",
                  "label_names" : {
                    "2" : "vessel"
                  },
                  "provenance" : {
                    "device" : "cpu",
                    "git_commit" : null
                  }
                }
                """, readString(tmp.resolve(SweepLayout.CELL)));
        assertEquals(doc, CellDocument.read(tmp));
    }

    @Test
    void aFolderWithoutPlanIsNotASweep() {
        BadInputException e = assertThrows(BadInputException.class, () -> PlanFile.read(tmp));
        assertTrue(e.getMessage().contains("lacks sweep.json"), e.getMessage());
    }

    private static String readString(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
