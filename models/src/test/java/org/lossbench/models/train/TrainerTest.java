package org.lossbench.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lossbench.core.BadInputException;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.engine.Device;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;

/** The loop: a kill and {@code --resume} give the bits of an uninterrupted run; divergence stops with the checkpoint kept. */
class TrainerTest {
    private static TrainingData data;

    @BeforeAll
    static void data(@TempDir Path tmp) {
        data = TrainingData.load("phantom-tiny", new DatasetRegistry(tmp.resolve("registry.json")), 1);
    }

    static TrainingConfig config(long steps, double lr, String optimizer) {
        return config(Architecture.VNET_TINY, steps, lr, optimizer);
    }

    static TrainingConfig config(Architecture arch, long steps, double lr, String optimizer) {
        return TrainingConfig.builder("phantom-tiny", arch, new ArchOptions(4, 2, 3, 1, 3, 7), CompoundLoss.parse("dice+ce"))
                .optimizer(Optimizer.parse(optimizer)).lr(lr).schedule(LrSchedule.parse("poly")).steps(steps).batch(2).patch(16, 16, 16)
                .seed(11).foregroundShare(0.5).augment(false).threads(2).device(Device.CPU).valEvery(0).checkpointEvery(1).build();
    }

    private static final Trainer.Listener QUIET = (s, lr, l, secs) -> { };

    /** vnet-tiny, and vnet-lite for instance normalisation and deep supervision. */
    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"VNET_TINY", "VNET_LITE"})
    void resumingAfterAKillGivesTheBitsOfAnUninterruptedRun(Architecture arch, @TempDir Path tmp) {
        TrainingConfig c = config(arch, 6, 1e-2, "adam");
        Trainer.Result whole = new Trainer(c).train(data.train(), List.of(), tmp.resolve("whole"), false, QUIET);

        Path out = tmp.resolve("killed");
        RuntimeException kill = new IllegalStateException("killed");
        // the listener of step 4 runs before step 4's checkpoint is written: the folder keeps step 3's
        assertThrows(IllegalStateException.class, () -> new Trainer(c).train(data.train(), List.of(), out, false, (s, lr, l, secs) -> {
            if (s == 4) {
                throw kill;
            }
        }));
        assertEquals(3, Checkpoint.read(out.resolve(Trainer.CHECKPOINT)).step());
        Trainer.Result resumed = new Trainer(c).train(data.train(), List.of(), out, true, QUIET);

        assertEquals(6, resumed.steps());
        for (int i = 0; i < whole.parameters().size(); i++) {
            assertArrayEquals(whole.parameters().get(i), resumed.parameters().get(i), "parameter " + whole.names().get(i));
        }
        // and the parameters did move: training is not a no-op
        assertTrue(!java.util.Arrays.equals(whole.parameters().get(0),
                TrainStepGraph.build(c.arch(), c.options(), 2, c.patch(), c.loss(), c.optimizer()).parameters().get(0).tensor().floatData()));
        List<String> a = readLines(tmp.resolve("whole").resolve(Trainer.CSV));
        List<String> b = readLines(out.resolve(Trainer.CSV));
        assertEquals(a, b, "training.csv of the resumed run equals the uninterrupted one");
        assertEquals(7, a.size());
    }

    /**
     * The history: a run killed after step 3's checkpoint and resumed by a process of another checkout has
     * two segments, [0, 3] and [3, 6], each with its process's commit and dirty flag and a wall time within
     * that process's; the card counts one resume and adds the times. Resuming the finished run adds nothing.
     */
    @Test
    void aResumedRunRecordsTwoSegmentsAndTheCardAddsTheirTimes(@TempDir Path tmp) {
        TrainingConfig c = config(6, 1e-2, "adam");
        Path out = tmp.resolve("run");
        long t0 = System.nanoTime();
        assertThrows(IllegalStateException.class, () -> new Trainer(c, null, "aaa111").train(data.train(), List.of(), out, false, (s, lr, l, secs) -> {
            if (s == 4) {
                throw new IllegalStateException("killed");
            }
        }));
        double firstProcess = (System.nanoTime() - t0) / 1e9;
        List<TrainingSegment> killed = Checkpoint.read(out.resolve(Trainer.CHECKPOINT)).history();
        assertEquals(1, killed.size());
        assertEquals(List.of(0L, 3L, "aaa111", false), List.of(killed.get(0).fromStep(), killed.get(0).toStep(), killed.get(0).gitCommit(),
                killed.get(0).gitDirty()));
        assertTrue(killed.get(0).wallSeconds() > 0 && killed.get(0).wallSeconds() <= firstProcess, killed + " within " + firstProcess + " s");

        long t1 = System.nanoTime();
        Trainer.Result r = new Trainer(c, null, "bbb222-dirty").train(data.train(), List.of(), out, true, QUIET);
        double secondProcess = (System.nanoTime() - t1) / 1e9;
        List<TrainingSegment> h = r.history();
        assertEquals(2, h.size(), h.toString());
        assertEquals(killed.get(0), h.get(0), "the first segment is carried over as the checkpoint had it");
        assertEquals(List.of(3L, 6L, "bbb222", true), List.of(h.get(1).fromStep(), h.get(1).toStep(), h.get(1).gitCommit(), h.get(1).gitDirty()));
        assertTrue(h.get(1).wallSeconds() > 0 && h.get(1).wallSeconds() <= secondProcess, h + " within " + secondProcess + " s");
        assertEquals(h, Checkpoint.read(out.resolve(Trainer.CHECKPOINT)).history(), "the final checkpoint carries the same history");
        double t = r.time().steps() + r.time().dataWait() + r.time().validation();
        assertTrue(t <= h.get(1).wallSeconds(), "the time split is the last process's: " + r.time() + " within " + h.get(1));

        TrainingCard card = TrainingCard.of(c, data, r, "sha", 1, org.lossbench.core.provenance.Provenance.current());
        assertEquals(1, card.resumes());
        assertEquals(h, card.segments());
        assertEquals(killed.get(0).wallSeconds() + h.get(1).wallSeconds(), card.wallSeconds(), 1e-12);
        assertTrue(card.wallSeconds() <= firstProcess + secondProcess);
        assertEquals(1L, card.training().get("split_seed"), "the test data's split was drawn with seed 1");

        Trainer.Result again = new Trainer(c, null, "ccc333").train(data.train(), List.of(), out, true, QUIET);
        assertEquals(h, again.history(), "a process that trains no step adds no segment");
    }

    /** A run checkpointed in format version 1 resumes; its first segment is unrecorded, so the card's total time is too. */
    @Test
    void aVersionOneCheckpointResumesWithAnUnrecordedFirstSegment(@TempDir Path tmp) throws Exception {
        TrainingConfig c = config(3, 1e-2, "adam");
        Path out = tmp.resolve("run");
        assertThrows(IllegalStateException.class, () -> new Trainer(c, null, "aaa111").train(data.train(), List.of(), out, false, (s, lr, l, secs) -> {
            if (s == 3) {
                throw new IllegalStateException("killed");
            }
        }));
        Checkpoint v2 = Checkpoint.read(out.resolve(Trainer.CHECKPOINT));
        // rewrite it as version 1: the same fields without the segments
        try (java.io.DataOutputStream d = new java.io.DataOutputStream(new java.io.BufferedOutputStream(
                Files.newOutputStream(out.resolve(Trainer.CHECKPOINT))))) {
            d.writeBytes("LBCKPT1\n");
            d.writeUTF(v2.configHash());
            d.writeLong(v2.step());
            d.writeLong(v2.seed());
            d.writeLong(v2.nextBatch());
            d.writeDouble(v2.bestScore());
            d.writeInt(v2.names().size());
            for (int i = 0; i < v2.names().size(); i++) {
                d.writeUTF(v2.names().get(i));
                d.writeInt(v2.tensors().get(i).length);
                for (float f : v2.tensors().get(i)) {
                    d.writeFloat(f);
                }
            }
        }
        Trainer.Result r = new Trainer(c, null, "bbb222").train(data.train(), List.of(), out, true, QUIET);
        assertEquals(3, r.steps());
        assertEquals(List.of(new TrainingSegment(0, 2, null, null, null)), r.history().subList(0, 1));
        assertEquals(List.of(2L, 3L, "bbb222"), List.of(r.history().get(1).fromStep(), r.history().get(1).toStep(), r.history().get(1).gitCommit()));
        TrainingCard card = TrainingCard.of(c, data, r, "sha", 1, org.lossbench.core.provenance.Provenance.current());
        assertEquals(1, card.resumes());
        assertNull(card.wallSeconds(), "the first segment's time is unknown");
    }

    @Test
    void resumingWithAnotherConfigurationIsRefused(@TempDir Path tmp) {
        new Trainer(config(1, 1e-3, "sgd")).train(data.train(), List.of(), tmp, false, QUIET);
        BadInputException e = assertThrows(BadInputException.class,
                () -> new Trainer(config(2, 1e-3, "adam")).train(data.train(), List.of(), tmp, true, QUIET));
        assertTrue(e.getMessage().contains("another configuration"), e.getMessage());
        BadInputException again = assertThrows(BadInputException.class,
                () -> new Trainer(config(1, 1e-3, "sgd")).train(data.train(), List.of(), tmp, false, QUIET));
        assertTrue(again.getMessage().contains("--resume"), again.getMessage());
    }

    @Test
    void aDivergingRunStopsWithAClearMessageAndKeepsTheLastGoodCheckpoint(@TempDir Path tmp) {
        // SGD at lr 1e30 sends the weights to infinity after one step; the loss of the next is NaN
        TrainingConfig c = config(5, 1e30, "sgd:momentum=0");
        LossbenchException e = assertThrows(LossbenchException.class,
                () -> new Trainer(c).train(data.train(), List.of(), tmp, false, QUIET));
        assertTrue(e.getMessage().contains("diverged"), e.getMessage());
        assertTrue(e.getMessage().contains("checkpoint (step"), e.getMessage());
        Checkpoint kept = Checkpoint.read(tmp.resolve(Trainer.CHECKPOINT));
        assertTrue(kept.step() >= 1 && kept.step() < 5, "kept step " + kept.step());
    }

    @Test
    void aTruncatedCheckpointIsBadInput(@TempDir Path tmp) throws Exception {
        new Trainer(config(1, 1e-3, "sgd")).train(data.train(), List.of(), tmp, false, QUIET);
        Path ck = tmp.resolve(Trainer.CHECKPOINT);
        byte[] all = Files.readAllBytes(ck);
        Files.write(ck, java.util.Arrays.copyOf(all, all.length / 2));
        BadInputException e = assertThrows(BadInputException.class, () -> Checkpoint.read(ck));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    private static List<String> readLines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
