package org.lossbench.models.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.BadInputException;

class ModelZooTest {
    /** SHA-256 of the three bytes "abc" (FIPS 180-2, appendix B.1). */
    private static final String SHA_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path dir;

    private void model(String name, String dataset, String arch, String loss, String sha) throws IOException {
        model(name, dataset, arch, loss, 0, sha);
    }

    private void model(String name, String dataset, String arch, String loss, long seed, String sha) throws IOException {
        Path onnx = dir.resolve(name + ".onnx");
        Files.createDirectories(onnx.getParent());
        Files.writeString(onnx, "abc", StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(name + ".card.json"), """
                {"arch": "%s", "dataset": "%s", "loss": {"spec": "%s"}, "training": {"patch": [48, 40, 32]}, "sha256": "%s",
                 "seed": %d, "split": {"train": ["c1", "c2"], "val": ["c3"]}}
                """.formatted(arch, dataset, loss, sha, seed));
    }

    @Test
    void readsCardsSortedAndFindsModels() throws IOException {
        model("b", "phantom-lesions", "vnet-lite", "focal", SHA_ABC);
        // a card records the canonical spec with every parameter; the zoo names the loss by its short spec
        model("a", "phantom-lesions", "vnet-lite", "dice:include_background=true,batch=false,squared_pred=false,smooth_nr=1.0E-5,smooth_dr=1.0E-5", SHA_ABC);
        model("c", "phantom-tiny", "vnet-lite", "ce", SHA_ABC);
        ModelZoo zoo = ModelZoo.read(dir);
        assertEquals(List.of("dice", "focal"), zoo.losses("phantom-lesions", "vnet-lite"));
        assertEquals(List.of("ce"), zoo.losses("phantom-tiny", "vnet-lite"));
        assertEquals(List.of(), zoo.losses("phantom-lesions", "vnet"));
        ModelZoo.Entry e = zoo.find("phantom-lesions", "vnet-lite", "focal", 0).orElseThrow();
        assertEquals(dir.resolve("b.onnx"), e.file());
        assertArrayEquals(new int[] {48, 40, 32}, e.patch());
        assertEquals(java.util.Set.of("c1", "c2", "c3"), e.seen());
        e.verify();
        assertTrue(zoo.find("phantom-lesions", "vnet-lite", "ce", 0).isEmpty());
    }

    @Test
    void aChangedOrMissingModelFailsVerification() throws IOException {
        model("a", "phantom-lesions", "vnet-lite", "dice", SHA_ABC.replace('b', 'c'));
        model("b", "phantom-lesions", "vnet-lite", "ce", SHA_ABC);
        Files.delete(dir.resolve("b.onnx"));
        ModelZoo zoo = ModelZoo.read(dir);
        BadInputException changed = assertThrows(BadInputException.class, () -> zoo.find("phantom-lesions", "vnet-lite", "dice", 0).orElseThrow().verify());
        assertTrue(changed.getMessage().contains(SHA_ABC), changed.getMessage());
        BadInputException missing = assertThrows(BadInputException.class, () -> zoo.find("phantom-lesions", "vnet-lite", "ce", 0).orElseThrow().verify());
        assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
    }

    /** The sweep passes the hash it computed from the file for its cell keys; the card is checked against that. */
    @Test
    void verificationAgainstAHashTheCallerComputed() throws IOException {
        model("a", "phantom-lesions", "vnet-lite", "dice", SHA_ABC);
        ModelZoo.Entry e = ModelZoo.read(dir).find("phantom-lesions", "vnet-lite", "dice", 0).orElseThrow();
        e.verify(SHA_ABC);
        BadInputException changed = assertThrows(BadInputException.class, () -> e.verify(SHA_ABC.replace('b', 'c')));
        assertTrue(changed.getMessage().contains("has SHA-256 " + SHA_ABC.replace('b', 'c') + " but its card records " + SHA_ABC),
                changed.getMessage());
        BadInputException missing = assertThrows(BadInputException.class, () -> e.verify(null));
        assertTrue(missing.getMessage().contains("is missing"), missing.getMessage());
        Files.delete(dir.resolve("a.onnx"));
        BadInputException deleted = assertThrows(BadInputException.class, () -> e.verify(SHA_ABC));
        assertTrue(deleted.getMessage().contains("is missing"), deleted.getMessage());
    }

    @Test
    void badCardsAreRefusedWithTheirName() throws IOException {
        Files.writeString(dir.resolve("x.card.json"), "{\"arch\": \"vnet-lite\"");
        BadInputException e = assertThrows(BadInputException.class, () -> ModelZoo.read(dir));
        assertTrue(e.getMessage().contains("x.card.json") && e.getMessage().contains("not valid JSON"), e.getMessage());
        Files.writeString(dir.resolve("x.card.json"), "{\"arch\": \"vnet-lite\", \"dataset\": \"d\", \"sha256\": \"00\"}");
        e = assertThrows(BadInputException.class, () -> ModelZoo.read(dir));
        assertTrue(e.getMessage().contains("loss.spec"), e.getMessage());
        Files.writeString(dir.resolve("x.card.json"), "{\"dataset\": \"d\"}");
        e = assertThrows(BadInputException.class, () -> ModelZoo.read(dir));
        assertTrue(e.getMessage().contains("\"arch\""), e.getMessage());
    }

    @Test
    void anUnreadableLossSpecIsRefusedWithTheCard() throws IOException {
        model("a", "phantom-lesions", "vnet-lite", "no-such-loss", SHA_ABC);
        BadInputException e = assertThrows(BadInputException.class, () -> ModelZoo.read(dir));
        assertTrue(e.getMessage().contains("a.card.json") && e.getMessage().contains("no-such-loss"), e.getMessage());
    }

    @Test
    void twoModelsForTheSameCellAreRefused() throws IOException {
        model("a", "phantom-lesions", "vnet-lite", "dice", SHA_ABC);
        model("b", "phantom-lesions", "vnet-lite", "dice:smooth_nr=1e-5", SHA_ABC);
        BadInputException e = assertThrows(BadInputException.class, () -> ModelZoo.read(dir));
        assertTrue(e.getMessage().contains("a.card.json") && e.getMessage().contains("b.card.json"), e.getMessage());
    }

    /** Zoo v2 holds several training seeds per loss, in one subfolder per dataset. */
    @Test
    void seedsAndSubfoldersAreEntriesOfTheirOwn() throws IOException {
        model("hippo/vnet-lite-dice-s1", "msd-hippocampus", "vnet-lite", "dice", 1, SHA_ABC);
        model("hippo/vnet-lite-dice-s0", "msd-hippocampus", "vnet-lite", "dice", 0, SHA_ABC);
        model("hippo/vnet-lite-ce-s2", "msd-hippocampus", "vnet-lite", "ce", 2, SHA_ABC);
        model("lesions/vnet-lite-ce-s0", "phantom-lesions", "vnet-lite", "ce", 0, SHA_ABC);
        ModelZoo zoo = ModelZoo.read(dir);
        assertEquals(4, zoo.entries().size());
        assertEquals(List.of("ce", "dice"), zoo.losses("msd-hippocampus", "vnet-lite"));
        assertEquals(List.of(0L, 1L), zoo.seeds("msd-hippocampus", "vnet-lite", "dice"));
        assertEquals(List.of(2L), zoo.seeds("msd-hippocampus", "vnet-lite", "ce"));
        assertEquals(List.of("msd-hippocampus", "phantom-lesions"), zoo.datasets("vnet-lite"));
        assertEquals(dir.resolve("hippo/vnet-lite-dice-s1.onnx"), zoo.find("msd-hippocampus", "vnet-lite", "dice", 1).orElseThrow().file());
        assertTrue(zoo.find("msd-hippocampus", "vnet-lite", "ce", 0).isEmpty());
        model("hippo/again/vnet-lite-dice-s1", "msd-hippocampus", "vnet-lite", "dice:smooth_nr=1e-5", 1, SHA_ABC);
        BadInputException e = assertThrows(BadInputException.class, () -> ModelZoo.read(dir));
        assertTrue(e.getMessage().contains("vnet-lite-dice-s1.card.json") && e.getMessage().contains("seed 1"), e.getMessage());
    }

    /** The runs/ folder holds training runs, each with a model.card.json once finished: not zoo models (a finished run would double its published copy). */
    @Test
    void theRunsFolderIsNotPartOfTheZoo() throws IOException {
        model("lesions/vnet-lite-ce-s0", "phantom-lesions", "vnet-lite", "ce", 0, SHA_ABC);
        model("runs/lesions/vnet-lite-ce-s0/model", "phantom-lesions", "vnet-lite", "ce", 0, SHA_ABC);
        model("runs/lesions/vnet-lite-dice-s0/model", "phantom-lesions", "vnet-lite", "dice", 0, SHA_ABC);
        model("more/runs/vnet-lite-focal-s0", "phantom-lesions", "vnet-lite", "focal", 0, SHA_ABC);
        ModelZoo zoo = ModelZoo.read(dir);
        assertEquals(List.of(dir.resolve("lesions/vnet-lite-ce-s0.onnx"), dir.resolve("more/runs/vnet-lite-focal-s0.onnx")),
                zoo.entries().stream().map(ModelZoo.Entry::file).toList(), "only the zoo's own runs/ is skipped");
    }

    /** phantom-lesions was version 1 until version 2 took the name: the card's data hash says which it meant. */
    @Test
    void aPhantomNameIsResolvedToTheVersionWhoseHashTheCardRecords() throws IOException {
        String v1 = org.lossbench.datasets.phantom.Phantoms.referenceHash("phantom-lesions@1").orElseThrow();
        String v2 = org.lossbench.datasets.phantom.Phantoms.referenceHash("phantom-lesions").orElseThrow();
        for (String[] c : new String[][] {{"old", v1}, {"new", v2}, {"unknown", "0".repeat(64)}}) {
            Path card = dir.resolve(c[0] + ".card.json");
            Files.writeString(dir.resolve(c[0] + ".onnx"), "abc", StandardCharsets.US_ASCII);
            Files.writeString(card, """
                    {"arch": "vnet-lite", "dataset": "phantom-lesions", "dataset_checksum": "%s", "loss": {"spec": "%s"},
                     "training": {"patch": [8, 8, 8]}, "sha256": "%s", "seed": 0}
                    """.formatted(c[1], c[0].equals("old") ? "ce" : c[0].equals("new") ? "dice" : "focal", SHA_ABC));
        }
        ModelZoo zoo = ModelZoo.read(dir);
        assertEquals(List.of("ce"), zoo.losses("phantom-lesions@1", "vnet-lite"));
        assertEquals(List.of("dice", "focal"), zoo.losses("phantom-lesions", "vnet-lite"), "the current version, and a hash no version has");
    }

    @Test
    void aCardWithoutSeedIsRefused() throws IOException {
        Files.writeString(dir.resolve("x.card.json"), """
                {"arch": "vnet-lite", "dataset": "d", "loss": {"spec": "ce"}, "training": {"patch": [8, 8, 8]}, "sha256": "00"}
                """);
        BadInputException e = assertThrows(BadInputException.class, () -> ModelZoo.read(dir));
        assertTrue(e.getMessage().contains("x.card.json") && e.getMessage().contains("\"seed\""), e.getMessage());
    }

    @Test
    void aMissingFolderIsBadInput() {
        assertThrows(BadInputException.class, () -> ModelZoo.read(dir.resolve("nope")));
    }

    @Test
    void theShippedZooMatchesItsCards() {
        ModelZoo zoo = ModelZoo.read(Path.of("..", "models", "zoo"));
        assertTrue(zoo.losses("phantom-lesions@1", "vnet-lite").contains("ce"), zoo.entries().toString());
        for (ModelZoo.Entry e : zoo.entries()) {
            e.verify();
            assertArrayEquals(new int[] {48, 48, 48}, e.patch(), e.card().toString());
        }
    }
}
