package org.lossbench.models.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.provenance.Provenance;
import org.lossbench.datasets.augment.Augmentation;
import org.lossbench.datasets.loader.LoadedCase;
import org.lossbench.datasets.preprocess.PreprocessingRecord;
import org.lossbench.datasets.sampling.Batch;
import org.lossbench.datasets.sampling.PatchSampler;
import org.lossbench.datasets.sampling.PrefetchingBatches;
import org.lossbench.models.arch.TrainedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop: one {@link TrainStepSession}, batches from the {@link PatchSampler} built ahead by
 * {@link PrefetchingBatches} (batch {@code b} is drawn for step {@code b + 1}), the learning rate from
 * the schedule, validation every {@code valEvery} steps, checkpoints every {@code checkpointEvery}
 * steps and at the end.
 *
 * <p><b>Output folder</b>: {@code checkpoint.bin} ({@link Checkpoint}), {@code training.csv} (step,
 * learning rate, loss, each term, then validation Dice per foreground class at validation steps),
 * {@code best.onnx} (inference model with the best mean validation Dice so far; like the final model it
 * carries the preprocessing record given to the constructor in its ONNX metadata). All written atomically.
 *
 * <p><b>Resumption.</b> With {@code resume}, the checkpoint's tensors, step and next batch are
 * restored and the CSV rows after its step dropped; since batches are pure functions of
 * {@code (seed, b)} and ONNX Runtime's CPU kernels are deterministic for a fixed thread count, the
 * resumed run computes exactly the numbers of an uninterrupted one (TrainerTest checks the bits).
 *
 * <p><b>History.</b> Every checkpoint carries the run's {@link TrainingSegment}s: those of the
 * checkpoint it resumed from, then this process's, from the step it started at to the checkpoint's step,
 * with the wall time since {@link #train} was entered and this checkout's git commit. A process that
 * trains no step (it resumed a finished run) adds no segment.
 *
 * <p><b>Divergence.</b> A NaN or infinite loss output stops the run with a {@link LossbenchException}
 * naming the step and the last good checkpoint, which is left untouched.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    public static final String CHECKPOINT = "checkpoint.bin";
    public static final String CSV = "training.csv";
    public static final String BEST = "best.onnx";

    /** Progress callbacks (for a progress bar); both may be no-ops. */
    public interface Listener {
        void step(long step, double lr, float[] losses, double secondsPerStep);

        default void validation(long step, Validator.Scores scores) {
        }
    }

    /**
     * What a finished run leaves: final parameters and the last validation.
     *
     * @param time where this process's time went
     * @param history the run's segments as the final checkpoint records them, this process's last
     */
    public record Result(List<String> names, List<float[]> parameters, Validator.Scores finalScores, double bestScore, long steps, String device,
                         TimeSplit time, List<TrainingSegment> history) {
    }

    /**
     * Where this run's time went (a resumed run counts from the resumption): the training steps on ONNX
     * Runtime, waiting for batches that the background sampler had not finished (ideally only the
     * first), and validation.
     */
    public record TimeSplit(@JsonProperty("steps_s") double steps, @JsonProperty("data_wait_s") double dataWait,
                            @JsonProperty("validation_s") double validation) {
    }

    private final TrainingConfig config;
    private final Graph inference;
    private final PreprocessingRecord preprocessing;
    private final String gitCommit;

    /** A trainer whose models carry no preprocessing record (their input must be prepared by the caller, as the sweep does). */
    public Trainer(TrainingConfig config) {
        this(config, null);
    }

    /**
     * A trainer whose models ({@code best.onnx} and {@link #writeModel}) carry {@code preprocessing}, the
     * preprocessing of the training cases ({@link TrainingData#preprocessing()}), in their ONNX metadata.
     */
    public Trainer(TrainingConfig config, PreprocessingRecord preprocessing) {
        this(config, preprocessing, Provenance.current().gitCommit());
    }

    /**
     * As {@link #Trainer(TrainingConfig, PreprocessingRecord)}, with the git commit that this process's
     * {@link TrainingSegment} records given by the caller.
     *
     * @param gitCommit as {@link Provenance#gitCommit()}: {@code <sha>}, {@code <sha>-dirty} or {@code unknown}
     */
    public Trainer(TrainingConfig config, PreprocessingRecord preprocessing, String gitCommit) {
        this.config = config;
        this.inference = config.arch().build(config.options());
        this.preprocessing = preprocessing;
        this.gitCommit = gitCommit;
    }

    /** The inference graph whose parameters the run trains (the model contract). */
    public Graph inferenceGraph() {
        return inference;
    }

    public Result train(List<LoadedCase> trainCases, List<LoadedCase> valCases, Path out, boolean resume, Listener listener) {
        long started = System.nanoTime();
        SessionConfig sc = SessionConfig.defaults(config.device()).withThreads(config.threads());
        Validator validator = new Validator(inference, valCases, config.patch(), config.options().classes(), sc);
        Path ckptPath = out.resolve(CHECKPOINT);
        // the step graph is not kept: its initial parameter values can be collected once the session holds them
        try (TrainStepSession session = new TrainStepSession(
                TrainStepGraph.build(config.arch(), config.options(), config.batch(), config.patch(), config.loss(), config.optimizer()), sc)) {
            TrainingCsv csv = new TrainingCsv(out.resolve(CSV), session.lossOutputs(), config.options().classes());
            long done = 0;
            double best = Double.NaN;
            List<TrainingSegment> before = List.of();
            if (resume) {
                if (!Files.isRegularFile(ckptPath)) {
                    throw new BadInputException("--resume: no checkpoint " + ckptPath + "; run without --resume to start afresh");
                }
                Checkpoint c = Checkpoint.read(ckptPath);
                if (!c.configHash().equals(config.hash())) {
                    throw new BadInputException("--resume: checkpoint " + ckptPath + " was written by a run with another configuration "
                            + "(dataset, model, loss, optimiser, lr, schedule, steps, batch, patch, seed, augmentation, threads or device differ); "
                            + "resume with the same options or use another --out");
                }
                c.restoreInto(session, ckptPath);
                done = c.step();
                best = c.bestScore();
                before = c.history();
                csv.loadUpTo(done);
                LOG.info("resuming from step {} of {}", done, config.steps());
            } else if (Files.exists(ckptPath)) {
                throw new BadInputException("output folder " + out + " already holds a checkpoint; pass --resume to continue it or choose another --out");
            }
            PatchSampler sampler = new PatchSampler(trainCases, config.patch(), config.batch(), config.foregroundShare(),
                    config.augment() ? Augmentation.standard(trainCases.stream().map(LoadedCase::image).toList()) : null, config.seed());
            final long first = done;
            final List<TrainingSegment> earlier = before;
            java.util.function.LongFunction<List<TrainingSegment>> history = step -> {
                if (step == first) {
                    return earlier;
                }
                List<TrainingSegment> h = new java.util.ArrayList<>(earlier);
                h.add(TrainingSegment.of(first, step, (System.nanoTime() - started) / 1e9, gitCommit));
                return h;
            };
            List<TrainingSegment> written = earlier;
            float[] losses = new float[session.lossOutputs().size()];
            Validator.Scores lastScores = null;
            long remaining = config.steps() - done;
            double stepSeconds = 0;
            double validationSeconds = 0;
            double waitSeconds;
            try (PrefetchingBatches batches = new PrefetchingBatches(sampler, done, Math.max(0, remaining), 2, 4)) {
                while (done < config.steps()) {
                    Batch b = batches.next();
                    long t = done + 1;
                    double lr = config.schedule().at(config.lr(), t, config.steps());
                    long t0 = System.nanoTime();
                    boolean finite = session.run(b.images(), b.labels(), lr, t, losses);
                    double secs = (System.nanoTime() - t0) / 1e9;
                    stepSeconds += secs;
                    if (!finite) {
                        throw new LossbenchException(ExitCode.INTERNAL, String.format(Locale.ROOT,
                                "training diverged: the loss is %s at step %d (learning rate %.3g); stopped. %s; "
                                        + "lower --lr or pick another loss or optimiser",
                                describe(session.lossOutputs(), losses), t, lr, lastCheckpoint(ckptPath)));
                    }
                    done = t;
                    csv.add(t, lr, losses);
                    listener.step(t, lr, losses, secs);
                    boolean last = done == config.steps();
                    if (!validator.isEmpty() && ((config.valEvery() > 0 && done % config.valEvery() == 0) || last)) {
                        long tv = System.nanoTime();
                        Checkpoint snap = Checkpoint.of(config.hash(), done, config.seed(), done, best, List.of(), session);
                        lastScores = validator.dice(paramNames(session), paramValues(session, snap));
                        validationSeconds += (System.nanoTime() - tv) / 1e9;
                        csv.addValidation(t, lastScores);
                        listener.validation(t, lastScores);
                        double score = meanIgnoringNaN(lastScores.perClass());
                        if (Double.isNaN(best) || score > best) {
                            best = score;
                            writeModel(out.resolve(BEST), paramNames(session), paramValues(session, snap));
                        }
                    }
                    if (done % config.checkpointEvery() == 0 || last) {
                        written = history.apply(done);
                        Checkpoint.of(config.hash(), done, config.seed(), done, best, written, session).write(ckptPath);
                        csv.write();
                    }
                }
                waitSeconds = batches.waitedSeconds();
            }
            Checkpoint fin = Checkpoint.of(config.hash(), done, config.seed(), done, best, written, session);
            if (lastScores == null && !validator.isEmpty()) {
                // a resumed run that had already finished: score the final parameters for the card
                lastScores = validator.dice(paramNames(session), paramValues(session, fin));
            }
            return new Result(paramNames(session), paramValues(session, fin), lastScores, best, done, session.engine().device().toString(),
                    new TimeSplit(stepSeconds, waitSeconds, validationSeconds), written);
        }
    }

    /** Writes the inference model with the given parameters (and the preprocessing record, if any) atomically. */
    public void writeModel(Path target, List<String> names, List<float[]> values) {
        var trained = TrainedModel.withParameters(inference, "lossbench-train", names, values);
        var model = preprocessing == null ? trained : TrainedModel.withPreprocessing(trained, preprocessing);
        org.lossbench.core.io.AtomicFiles.write(target, model::writeTo);
    }

    private static List<String> paramNames(TrainStepSession s) {
        return s.tensorNames().subList(0, s.parameterCount());
    }

    private static List<float[]> paramValues(TrainStepSession s, Checkpoint c) {
        return c.tensors().subList(0, s.parameterCount());
    }

    private static String lastCheckpoint(Path ckpt) {
        return Files.isRegularFile(ckpt) ? "The last good checkpoint (step " + Checkpoint.read(ckpt).step() + ") is kept in " + ckpt
                : "No checkpoint had been written yet";
    }

    private static String describe(List<String> names, float[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(names.get(i)).append(" = ").append(values[i]);
        }
        return sb.toString();
    }

    static double meanIgnoringNaN(double[] d) {
        double s = 0;
        int n = 0;
        for (double v : d) {
            if (!Double.isNaN(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
