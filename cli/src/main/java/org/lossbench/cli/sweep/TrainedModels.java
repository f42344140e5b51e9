package org.lossbench.cli.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.engine.Device;
import org.lossbench.core.provenance.Provenance;
import org.lossbench.datasets.loader.LoadedCase;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.models.train.LrSchedule;
import org.lossbench.models.train.ModelSpec;
import org.lossbench.models.train.Optimizer;
import org.lossbench.models.train.Trainer;
import org.lossbench.models.train.TrainingConfig;
import org.lossbench.models.train.TrainingData;
import org.lossbench.models.train.TrainingRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Train mode's models: each cell trains its model with the sweep's training settings as
 * {@code lossbench train} does ({@link TrainingRun}), into the cell's {@value #DIR} folder, which then
 * holds {@code model.onnx} with its card {@code model.card.json}, the trainer's {@code training.csv},
 * {@code best.onnx} and {@code checkpoint.bin}; a cell interrupted in training resumes from the checkpoint.
 * The training patch is the default sliding window. The cell configuration records the loss in its
 * canonical spelling and the training settings.
 */
final class TrainedModels implements ModelSource {
    /** The cell's subfolder the model is trained in. */
    static final String DIR = "train";
    /** Checkpoint interval: every 50 steps (and at the end). */
    private static final int CHECKPOINT_EVERY = 50;
    private static final Logger LOG = LoggerFactory.getLogger(TrainedModels.class);
    private static final Trainer.Listener QUIET = (step, lr, losses, s) -> { };

    private final SweepSpec spec;
    private final int threads;

    /** @param threads the trainings' ONNX Runtime intra-op threads ({@link SweepJobs#threads()}) */
    TrainedModels(SweepSpec spec, int threads) {
        this.spec = spec;
        this.threads = threads;
    }

    @Override
    public String modelFile(String dataset, String model, String loss, long seed) {
        return null;
    }

    @Override
    public void configure(Map<String, Object> config, String model, String loss, ModelDigest digest) {
        ModelSpec.parse(model);
        config.put("loss", canonicalLoss(loss));
        config.put("training", SweepPlan.tree(spec.training()));
    }

    @Override
    public CellModel obtain(Cell cell, TrainingData data, List<LoadedCase> cases, Path cellDir) {
        long t0 = System.nanoTime();
        TrainingConfig tc = trainingConfig(cell, data);
        Path dir = cellDir.resolve(DIR);
        boolean resume = Files.isRegularFile(dir.resolve(Trainer.CHECKPOINT));
        if (resume) {
            LOG.info("resuming the training in {}", dir);
        }
        TrainingRun.Outcome done = TrainingRun.of(tc, data, Provenance.current()).train(dir, resume, QUIET);
        return new CellModel(done.model(), tc.patch(), DIR + "/" + TrainingRun.MODEL, (System.nanoTime() - t0) / 1e9);
    }

    /** The cell's training configuration: the sweep's settings, validation at the end only, the inference device and threads. */
    private TrainingConfig trainingConfig(Cell cell, TrainingData data) {
        SweepSpec.Training t = spec.training();
        ModelSpec ms = ModelSpec.parse(cell.model());
        try {
            return TrainingConfig.builder(cell.dataset(), ms.arch(), ms.options(data.modalities().size(), data.classes(), cell.seed()),
                            CompoundLoss.parse(cell.loss()))
                    .optimizer(Optimizer.parse(t.optimizer())).lr(t.lr())
                    .schedule(LrSchedule.parse(t.schedule())).steps(t.steps()).batch(t.batch())
                    .patch(t.patch().stream().mapToInt(Integer::intValue).toArray()).seed(cell.seed()).foregroundShare(t.foregroundShare())
                    .augment(t.augment()).threads(threads).device(Device.parse(spec.inference().device()))
                    .valEvery(0).checkpointEvery((int) Math.min(t.steps(), CHECKPOINT_EVERY)).build();
        } catch (IllegalArgumentException e) {
            throw new LossbenchException(ExitCode.USAGE, "sweep: training settings: " + e.getMessage());
        }
    }

    private static String canonicalLoss(String loss) {
        try {
            return CompoundLoss.parse(loss).spec();
        } catch (LossbenchException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new LossbenchException(ExitCode.USAGE, "sweep: loss '" + loss + "': " + e.getMessage() + " (lossbench losses list)");
        }
    }
}
