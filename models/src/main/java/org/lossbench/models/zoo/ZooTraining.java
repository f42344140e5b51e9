package org.lossbench.models.zoo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalDouble;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.core.provenance.Provenance;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.models.arch.ModelCard;
import org.lossbench.models.train.Checkpoint;
import org.lossbench.models.train.Trainer;
import org.lossbench.models.train.TrainingCard;
import org.lossbench.models.train.TrainingRun;

/**
 * The runs of a {@link ZooProtocol} as {@code lossbench models zoo-train} trains them: each in a folder
 * of its own under the runs folder, {@code RUNS/DATASET/ARCH-LOSS-sSEED/} (so that a rerun resumes an
 * interrupted run from its checkpoint), then published into the zoo as
 * {@code ZOO/DATASET/ARCH-LOSS-sSEED.onnx} and {@code .card.json}.
 */
public final class ZooTraining {
    private final ZooProtocol protocol;
    private final Path runs;
    private final Integer threads;
    private final DatasetRegistry registry;
    private final Provenance provenance;

    /**
     * A run ready to train.
     *
     * @param dir its folder under the runs folder
     * @param fromStep the step its checkpoint reached (0: none, a fresh start)
     */
    public record Prepared(ZooProtocol.Run run, TrainingRun training, Path dir, long fromStep) {
        /** Whether the run continues from a checkpoint. */
        public boolean resume() {
            return fromStep > 0;
        }
    }

    /**
     * @param runs the runs folder ({@code ZOO/runs} by default, which {@link ModelZoo} does not read)
     * @param threads ONNX Runtime threads, or null for the protocol's
     * @param provenance what the cards record (its commit also in each {@link org.lossbench.models.train.TrainingSegment})
     */
    public ZooTraining(ZooProtocol protocol, Path runs, Integer threads, DatasetRegistry registry, Provenance provenance) {
        this.protocol = protocol;
        this.runs = runs;
        this.threads = threads;
        this.registry = registry;
        this.provenance = provenance;
    }

    /** The run's training folder. */
    public Path runDir(ZooProtocol.Run run) {
        return runs.resolve(run.dataset().name()).resolve(run.fileStem());
    }

    /** The step the run's checkpoint reached, 0 when it has none. */
    public long stepReached(ZooProtocol.Run run) {
        Path ckpt = runDir(run).resolve(Trainer.CHECKPOINT);
        return Files.isRegularFile(ckpt) ? Checkpoint.read(ckpt).step() : 0;
    }

    /**
     * Loads the run's dataset and configuration. Refused (exit 3) when the dataset's split is not the
     * protocol's (a split seed for a dataset with its own split, or none for one without), and when the
     * run's folder holds a checkpoint of another configuration (the protocol or the thread count changed
     * since it was written).
     */
    public Prepared prepare(ZooProtocol.Run run) {
        TrainingRun t = TrainingRun.prepare(protocol.settings(run, threads), registry, provenance);
        Long drawn = t.data().splitSeed();
        if (!Objects.equals(drawn, run.dataset().splitSeed())) {
            throw new BadInputException("zoo protocol " + protocol.file() + ": " + run.dataset().name() + " has split_seed "
                    + (run.dataset().splitSeed() == null ? "\"" + TrainingCard.OWN_SPLIT + "\"" : run.dataset().splitSeed()) + ", but the dataset "
                    + (drawn == null ? "brings its own split: write \"" + TrainingCard.OWN_SPLIT + "\""
                            : "has no split of its own: give the seed of its split"));
        }
        Path dir = runDir(run);
        Path ckpt = dir.resolve(Trainer.CHECKPOINT);
        long from = 0;
        if (Files.isRegularFile(ckpt)) {
            Checkpoint c = Checkpoint.read(ckpt);
            if (!c.configHash().equals(t.config().hash())) {
                throw new BadInputException("run folder " + dir + " holds a checkpoint of another configuration (the protocol or --threads "
                        + "changed since it was written); train with the settings it was started with, or delete the folder to start afresh");
            }
            from = c.step();
        }
        return new Prepared(run, t, dir, from);
    }

    /**
     * Copies the finished run's {@code model.onnx} and card into the zoo, each atomically, the model
     * first (the zoo reads cards, so it never sees a card without its model), and checks that the zoo
     * now holds the model as the run's (dataset, architecture, loss, seed).
     *
     * @return the model's path in the zoo
     */
    public Path publish(ZooProtocol.Run run) {
        Path dir = runDir(run);
        Path model = protocol.zooDir().resolve(run.modelFile());
        copy(dir.resolve(TrainingRun.MODEL), model);
        copy(dir.resolve(TrainingRun.CARD), ModelCard.pathBeside(model));
        ModelZoo.Entry e = ModelZoo.read(protocol.zooDir()).find(run.dataset().name(), run.arch(), run.loss().zooLoss(), run.seed())
                .orElseThrow(() -> new LossbenchException(ExitCode.INTERNAL, "published " + model + " but the zoo does not find it as "
                        + run.label() + " (this is a bug)"));
        e.verify();
        return model;
    }

    private static void copy(Path from, Path to) {
        AtomicFiles.write(to, out -> Files.copy(from, out));
    }

    /**
     * Seconds per step of the zoo's models of {@code arch} on {@code dataset}: the sum of their cards'
     * {@code wall_seconds} over the sum of their steps; empty when none records its time.
     */
    public static OptionalDouble secondsPerStep(ModelZoo zoo, String dataset, String arch) {
        double seconds = 0;
        long steps = 0;
        for (ModelZoo.Entry e : zoo.entries()) {
            if (!e.dataset().equals(dataset) || !e.arch().equals(arch)) {
                continue;
            }
            try {
                var card = org.lossbench.core.io.Json.mapper().readTree(e.card().toFile());
                if (card.path("wall_seconds").isNumber() && card.path("steps").asLong() > 0) {
                    seconds += card.path("wall_seconds").asDouble();
                    steps += card.path("steps").asLong();
                }
            } catch (IOException ex) {
                throw new BadInputException("zoo card " + e.card() + " cannot be read: " + ex.getMessage());
            }
        }
        return steps == 0 ? OptionalDouble.empty() : OptionalDouble.of(seconds / steps);
    }
}
