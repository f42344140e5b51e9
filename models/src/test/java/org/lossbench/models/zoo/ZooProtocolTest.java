package org.lossbench.models.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.Json;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;

class ZooProtocolTest {
    private static final Path SHIPPED = Path.of("zoo-v2", "protocol.json");

    /** The loss panel of issue 14, name and spec. */
    private static final Map<String, String> PANEL = new LinkedHashMap<>();

    static {
        PANEL.put("ce", "ce");
        PANEL.put("dice", "dice");
        PANEL.put("dice-nnunet", "dice:include_background=false,batch=true");
        PANEL.put("dice+ce", "dice+ce");
        PANEL.put("dice-nnunet+ce", "dice:include_background=false,batch=true+ce");
        PANEL.put("generalized-dice", "generalized-dice");
        PANEL.put("generalized-dice-simple", "generalized-dice:w_type=simple");
        PANEL.put("focal", "focal");
        PANEL.put("exp-log", "exp-log");
        PANEL.put("tversky", "tversky:alpha=0.3,beta=0.7");
        PANEL.put("focal-tversky", "focal-tversky");
    }

    @TempDir
    Path dir;

    @Test
    void theShippedProtocolHoldsTheIssuesPanelSeedsAndDatasets() {
        ZooProtocol p = ZooProtocol.read(SHIPPED);
        Map<String, String> panel = new LinkedHashMap<>();
        p.losses().forEach(l -> panel.put(l.name(), l.spec()));
        assertEquals(PANEL, panel);
        assertEquals(List.of(0L, 1L, 2L), p.seeds());
        assertEquals(List.of("msd-hippocampus", "phantom-lesions"), p.datasets().stream().map(ZooProtocol.DatasetPlan::name).toList());
        assertNull(p.datasets().get(0).splitSeed(), "msd-hippocampus trains on its own split");
        assertEquals(0L, p.datasets().get(1).splitSeed());
        assertEquals("vnet-lite", p.archId());
        assertEquals(2 * 11 * 3, p.runs().size());
        assertEquals(p.runs().size(), new HashSet<>(p.runs().stream().map(ZooProtocol.Run::modelFile).toList()).size(), "one file per run");
        assertEquals(Path.of("msd-hippocampus", "vnet-lite-dice-nnunet+ce-s2.onnx"), p.runs().stream()
                .filter(r -> r.loss().name().equals("dice-nnunet+ce") && r.seed() == 2 && r.dataset().splitSeed() == null).findFirst().orElseThrow()
                .modelFile());
        assertEquals(SHIPPED.toAbsolutePath().normalize().getParent(), p.zooDir());
    }

    /**
     * The shipped protocol's datasets have the splits it declares (msd-hippocampus its own, phantom-lesions
     * none, so split seed 0), and its settings make a valid training configuration for each: what
     * {@code zoo-train} checks before it trains a run.
     */
    @Test
    void theShippedProtocolsRunsPrepare() {
        ZooProtocol p = ZooProtocol.read(SHIPPED);
        Path install = Path.of(System.getProperty("lossbench.root", "..")).toAbsolutePath().normalize();
        var registry = new org.lossbench.datasets.registry.DatasetRegistry(dir.resolve("registry.json"), install);
        ZooTraining training = new ZooTraining(p, dir.resolve("runs"), null, registry, org.lossbench.core.provenance.Provenance.current());
        for (ZooProtocol.DatasetPlan d : p.datasets()) {
            ZooProtocol.Run run = p.runs().stream().filter(r -> r.dataset().equals(d)).findFirst().orElseThrow();
            ZooTraining.Prepared prepared = training.prepare(run);
            assertEquals(d.splitSeed(), prepared.training().data().splitSeed(), d.name());
            assertEquals(d.steps(), prepared.training().config().steps());
            assertFalse(prepared.resume());
        }
    }

    /** Each spec parses, and no two are the same loss: their canonical specs (every parameter written out) differ. */
    @Test
    void everyLossOfThePanelParsesAndNoTwoAreTheSame() {
        Set<String> canonical = new HashSet<>();
        Set<String> zooNames = new HashSet<>();
        for (ZooProtocol.LossEntry l : ZooProtocol.read(SHIPPED).losses()) {
            CompoundLoss loss = CompoundLoss.parse(l.spec());
            assertTrue(canonical.add(loss.spec()), l + " repeats " + loss.spec());
            assertTrue(zooNames.add(l.zooLoss()), l + " repeats the zoo name " + l.zooLoss());
        }
        assertEquals(11, canonical.size());
        // the two Dice variants differ from MONAI's defaults in exactly the two parameters the issue names
        assertEquals("dice:include_background=false,batch=true", CompoundLoss.parse(PANEL.get("dice-nnunet")).shortSpec());
    }

    @Test
    void theSettingsOfARunAreTheProtocols() {
        ZooProtocol p = ZooProtocol.read(write(protocol()));
        ZooProtocol.Run r = p.runs().get(3);
        assertEquals(List.of("phantom-tiny", "dice", 1L), List.of(r.dataset().name(), r.loss().name(), r.seed()), "dataset, loss, seed order");
        var s = p.settings(r, null);
        assertEquals("vnet-tiny:width=2", s.model());
        assertEquals("dice", s.loss());
        assertEquals(3, s.steps());
        assertArrayEquals(new int[] {16, 16, 16}, s.patch());
        assertEquals(List.of(1, "sgd", 0.01, "poly", 1L, 0L, 0.5, false, "cpu", 1, 3, 1),
                List.of(s.batch(), s.optimizer(), s.lr(), s.schedule(), s.seed(), s.splitSeed(), s.foregroundShare(), s.augment(), s.device(),
                        s.threads(), s.valEvery(), s.checkpointEvery()));
        assertEquals(2, p.settings(r, 2).threads(), "--threads overrides the protocol's");
    }

    @Test
    void aDuplicateLossABadNameAndABadSpecAreRefusedNamingThem() {
        ObjectNode twin = protocol();
        twin.withArray("losses").addObject().put("name", "dice-again").put("spec", "dice:include_background=true,smooth_nr=1e-5");
        BadInputException e = assertThrows(BadInputException.class, () -> ZooProtocol.read(write(twin)));
        assertTrue(e.getMessage().contains("dice-again") && e.getMessage().contains("same loss as dice"), e.getMessage());

        ObjectNode slash = protocol();
        slash.withArray("losses").addObject().put("name", "Focal/2").put("spec", "focal:gamma=3");
        e = assertThrows(BadInputException.class, () -> ZooProtocol.read(write(slash)));
        assertTrue(e.getMessage().contains("Focal/2") && e.getMessage().contains("file-safe"), e.getMessage());

        ObjectNode unknown = protocol();
        unknown.withArray("losses").addObject().put("name", "x").put("spec", "no-such-loss");
        e = assertThrows(BadInputException.class, () -> ZooProtocol.read(write(unknown)));
        assertTrue(e.getMessage().contains("losses[x].spec"), e.getMessage());
    }

    @Test
    void badSettingsAreRefusedNamingTheField() {
        ObjectNode patch = protocol();
        ((ObjectNode) patch.withArray("datasets").get(0)).putArray("patch").add(16).add(18).add(16);
        BadInputException e = assertThrows(BadInputException.class, () -> ZooProtocol.read(write(patch)));
        assertTrue(e.getMessage().contains("datasets[phantom-tiny].patch") && e.getMessage().contains("multiples of 4"), e.getMessage());

        ObjectNode split = protocol();
        ((ObjectNode) split.withArray("datasets").get(0)).put("split_seed", "own");
        e = assertThrows(BadInputException.class, () -> ZooProtocol.read(write(split)));
        assertTrue(e.getMessage().contains("split_seed") && e.getMessage().contains("own split"), e.getMessage());

        ObjectNode schedule = protocol().put("schedule", "cosine");
        e = assertThrows(BadInputException.class, () -> ZooProtocol.read(write(schedule)));
        assertTrue(e.getMessage().contains("schedule"), e.getMessage());

        ObjectNode lr = protocol();
        lr.remove("lr");
        e = assertThrows(BadInputException.class, () -> ZooProtocol.read(write(lr)));
        assertTrue(e.getMessage().contains("lr must be a non-negative number, got nothing"), e.getMessage());

        ObjectNode format = protocol().put("format", "something-else");
        e = assertThrows(BadInputException.class, () -> ZooProtocol.read(write(format)));
        assertTrue(e.getMessage().contains("lossbench.zoo-protocol"), e.getMessage());
    }

    /**
     * Against a zoo of hand-written cards: one as the protocol says, one trained with other steps and
     * width, one of a loss the protocol lacks, one of an old card without split_seed; the rest missing.
     */
    @Test
    void theCheckFindsMissingMismatchedAndForeignModels() throws IOException {
        ZooProtocol p = ZooProtocol.read(write(protocol()));
        Path sub = dir.resolve("phantom-tiny");
        card(sub.resolve("vnet-tiny-ce-s0"), "ce", 0, 3, 2, 0);
        card(sub.resolve("vnet-tiny-dice-s1"), "dice", 1, 5, 4, 0);
        card(sub.resolve("vnet-tiny-focal-s0"), "focal", 0, 3, 2, 0);
        card(sub.resolve("vnet-tiny-ce-s1"), "ce", 1, 3, 2, null);
        ZooProtocol.Check c = p.check(ModelZoo.read(dir));
        assertEquals(List.of("phantom-tiny/vnet-tiny-dice-s0.onnx"), c.missing().stream().map(r -> r.modelFile().toString()).toList());
        assertEquals(2, c.mismatched().size());
        ZooProtocol.Mismatch dice = c.mismatched().stream().filter(m -> m.run().loss().name().equals("dice")).findFirst().orElseThrow();
        assertEquals(List.of("steps: card 5, protocol 3", "model_config.width: card 4, protocol 2"), dice.differences());
        ZooProtocol.Mismatch old = c.mismatched().stream().filter(m -> m.run().loss().name().equals("ce")).findFirst().orElseThrow();
        assertEquals(1L, old.run().seed());
        assertEquals(List.of("split_seed: not recorded in the card, protocol 0"), old.differences());
        assertEquals(List.of("focal"), c.outside().stream().map(ModelZoo.Entry::loss).toList());
        assertFalse(c.complete());
        ZooProtocol.Check seed0 = p.check(ModelZoo.read(dir), r -> r.seed() == 0);
        assertEquals(List.of("phantom-tiny/vnet-tiny-dice-s0.onnx"), seed0.missing().stream().map(r -> r.modelFile().toString()).toList());
        assertEquals(List.of(), seed0.mismatched(), "the mismatched models are seed 1's");
        assertEquals(List.of("focal"), seed0.outside().stream().map(ModelZoo.Entry::loss).toList(), "outside the protocol, not the filter");
    }

    @Test
    void aDatasetWithItsOwnSplitExpectsOwnSplitInTheCard() throws IOException {
        ObjectNode j = protocol();
        ((ObjectNode) j.withArray("datasets").get(0)).put("split_seed", "own split");
        ZooProtocol p = ZooProtocol.read(write(j));
        ZooProtocol.Run run = p.runs().get(0);
        ObjectNode card = cardJson("ce", 0, 3, 2, 0);
        assertEquals(List.of("split_seed: card 0, protocol \"own split\""), p.differences(run, card));
        ((ObjectNode) card.get("training")).put("split_seed", "own split");
        assertEquals(List.of(), p.differences(run, card));
    }

    /** A tiny protocol: phantom-tiny, vnet-tiny width 2, losses ce and dice, seeds 0 and 1, 3 steps of 16^3. */
    static ObjectNode protocol() {
        ObjectNode j = Json.mapper().createObjectNode();
        j.put("format", "lossbench.zoo-protocol").put("version", 1).put("arch", "vnet-tiny:width=2").put("batch", 1).put("optimizer", "sgd")
                .put("lr", 0.01).put("schedule", "poly").put("foreground_share", 0.5).put("augment", false).put("val_every", 3)
                .put("checkpoint_every", 1).put("threads", 1).put("device", "cpu");
        j.putArray("seeds").add(0).add(1);
        ObjectNode d = j.putArray("datasets").addObject().put("name", "phantom-tiny").put("split_seed", 0).put("steps", 3);
        d.putArray("patch").add(16).add(16).add(16);
        j.putArray("losses").addObject().put("name", "ce").put("spec", "ce");
        j.withArray("losses").addObject().put("name", "dice").put("spec", "dice");
        return j;
    }

    private Path write(ObjectNode protocol) {
        try {
            Path f = dir.resolve("protocol.json");
            Files.writeString(f, Json.pretty(protocol));
            return f;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A card as lossbench train writes it for the tiny protocol, with the given steps, width and split seed (null: not recorded). */
    private static ObjectNode cardJson(String loss, long seed, long steps, int width, Integer splitSeed) {
        ObjectNode c = Json.mapper().createObjectNode();
        c.put("arch", "vnet-tiny").put("dataset", "phantom-tiny").put("seed", seed).put("sha256", "00");
        c.putObject("loss").put("spec", CompoundLoss.parse(loss).spec());
        c.set("model_config", Json.mapper().valueToTree(Architecture.VNET_TINY.resolvedConfig(new ArchOptions(width, null, null, 1, 3, seed))));
        ObjectNode t = c.putObject("training");
        t.put("optimizer", "sgd:momentum=0.99,weight_decay=0.0").put("lr", 0.01).put("schedule", "poly:power=0.9").put("steps", steps)
                .put("batch", 1).put("foreground_share", 0.5).put("augment", false);
        t.putArray("patch").add(16).add(16).add(16);
        if (splitSeed != null) {
            t.put("split_seed", splitSeed);
        }
        return c;
    }

    private static void card(Path stem, String loss, long seed, long steps, int width, Integer splitSeed) throws IOException {
        Files.createDirectories(stem.getParent());
        Files.writeString(stem.resolveSibling(stem.getFileName() + ".onnx"), "abc", StandardCharsets.US_ASCII);
        Files.writeString(stem.resolveSibling(stem.getFileName() + ".card.json"), Json.pretty(cardJson(loss, seed, steps, width, splitSeed)));
    }
}
