package org.lossbench.models.train;

import java.nio.file.Path;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.engine.Device;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.core.io.Json;
import org.lossbench.core.provenance.Provenance;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.models.arch.ModelCard;

/**
 * One training run as {@code lossbench train} does it, shared with {@code lossbench models zoo-train}
 * and the train mode of {@code lossbench sweep} (so that every trained model gets the same card):
 * {@link #prepare} parses the settings (a bad spec or number is a usage error, exit 2) and loads the
 * dataset, or {@link #of} takes a built configuration and loaded data; {@link #train} trains into a
 * folder ({@link Trainer}) and writes {@code model.onnx} and {@code model.card.json}
 * ({@link TrainingCard}) there.
 */
public final class TrainingRun {
    /** The model file a run leaves in its folder; its card is {@value #CARD}. */
    public static final String MODEL = "model.onnx";
    public static final String CARD = "model.card.json";

    private final TrainingConfig config;
    private final TrainingData data;
    private final Provenance provenance;

    /**
     * What a finished run wrote.
     *
     * @param wallSeconds this process's wall time in {@link Trainer#train}
     */
    public record Outcome(TrainingCard card, Trainer.Result result, double wallSeconds, Path model, Path cardFile) {
    }

    private TrainingRun(TrainingConfig config, TrainingData data, Provenance provenance) {
        this.config = config;
        this.data = data;
        this.provenance = provenance;
    }

    /**
     * Parses {@code s} and loads its dataset from the built-ins or {@code registry}.
     *
     * @param provenance what the card records, its git commit also in this process's {@link TrainingSegment}
     */
    public static TrainingRun prepare(TrainingSettings s, DatasetRegistry registry, Provenance provenance) {
        ModelSpec ms = ModelSpec.parse(s.model());
        CompoundLoss loss = CompoundLoss.parse(s.loss());
        Optimizer opt = Optimizer.parse(s.optimizer());
        LrSchedule schedule = LrSchedule.parse(s.schedule());
        Device device = Device.parse(s.device());
        TrainingData data = TrainingData.load(s.dataset(), registry, s.splitSeed() != null ? s.splitSeed() : s.seed());
        try {
            TrainingConfig cfg = TrainingConfig.builder(s.dataset(), ms.arch(), ms.options(data.modalities().size(), data.classes(), s.seed()), loss)
                    .optimizer(opt).lr(s.lr()).schedule(schedule).steps(s.steps()).batch(s.batch()).patch(s.patch()).seed(s.seed())
                    .foregroundShare(s.foregroundShare()).augment(s.augment()).threads(s.threads()).device(device).valEvery(s.valEvery())
                    .checkpointEvery(s.checkpointEvery()).build();
            return new TrainingRun(cfg, data, provenance);
        } catch (IllegalArgumentException e) {
            throw new LossbenchException(ExitCode.USAGE, e.getMessage());
        }
    }

    /**
     * A run of {@code config} on {@code data}, already loaded (a sweep loads each dataset once for all its
     * cells and builds each cell's configuration from the sweep's training settings).
     *
     * @param provenance what the card records, its git commit also in this process's {@link TrainingSegment}
     */
    public static TrainingRun of(TrainingConfig config, TrainingData data, Provenance provenance) {
        return new TrainingRun(config, data, provenance);
    }

    public TrainingConfig config() {
        return config;
    }

    public TrainingData data() {
        return data;
    }

    /**
     * Trains into {@code out} ({@code resume}: from its checkpoint) and writes the final model and its card
     * there, each atomically, the card after the model.
     */
    public Outcome train(Path out, boolean resume, Trainer.Listener listener) {
        Trainer trainer = new Trainer(config, data.preprocessing(), provenance.gitCommit());
        long t0 = System.nanoTime();
        Trainer.Result r = trainer.train(data.train(), data.val(), out, resume, listener);
        double wall = (System.nanoTime() - t0) / 1e9;
        Path model = out.resolve(MODEL);
        trainer.writeModel(model, r.names(), r.parameters());
        TrainingCard card = TrainingCard.of(config, data, r, ModelCard.sha256(model), trainer.inferenceGraph().parameterCount(), provenance);
        Path cardFile = ModelCard.pathBeside(model);
        AtomicFiles.writeString(cardFile, Json.pretty(card));
        return new Outcome(card, r, wall, model, cardFile);
    }
}
