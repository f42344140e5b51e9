package org.lossbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.engine.Device;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.core.io.Json;
import org.lossbench.core.progress.Progress;
import org.lossbench.core.provenance.Provenance;
import org.lossbench.datasets.loader.LoadedCase;
import org.lossbench.datasets.spec.DatasetRegistry;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.ModelCard;
import org.lossbench.models.train.LrSchedule;
import org.lossbench.models.train.ModelSpec;
import org.lossbench.models.train.Optimizer;
import org.lossbench.models.train.Trainer;
import org.lossbench.models.train.TrainingCard;
import org.lossbench.models.train.TrainingConfig;
import org.lossbench.models.train.TrainingData;
import org.lossbench.models.train.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lossbench train}: trains a model on a dataset with a loss (docs/training.md) and writes
 * {@code OUT/model.onnx} (inference graph, the model contract), {@code OUT/model.card.json},
 * {@code OUT/training.csv}, {@code OUT/checkpoint.bin} and {@code OUT/best.onnx}; prints the card
 * as one JSON line on stdout and progress on stderr.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a V-Net with a loss on a dataset (see docs/training.md).")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, description = "built-in dataset (phantom-tiny, phantom-lesions, phantom-multiorgan, msd-hippocampus; NAME@N for version N of a phantom, e.g. phantom-lesions@1) or a registered one")
    String dataset;

    @Option(names = "--model", required = true, paramLabel = "ARCH[:options]", description = "vnet, vnet-lite or vnet-tiny, e.g. vnet-lite:width=8,depth=3")
    String model;

    @Option(names = "--loss", required = true, paramLabel = "SPEC", description = "loss spec, e.g. dice+ce or focal:gamma=2 (lossbench losses list)")
    String loss;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = "--steps", defaultValue = "1000", description = "optimiser steps (default: ${DEFAULT-VALUE})")
    long steps;

    @Option(names = "--batch", defaultValue = "2", description = "patches per step (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--patch", defaultValue = "32", paramLabel = "D,H,W", description = "patch size, or one size for a cube (default: ${DEFAULT-VALUE})")
    String patch;

    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "SPEC",
            description = "sgd[:momentum=M,weight_decay=W] or adam[:beta1=..,beta2=..,eps=..,weight_decay=..] (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--lr", description = "learning rate (default: the optimiser's, 1e-4 for sgd after V-Net, 1e-3 for adam after Wong et al. 2018)")
    Double lr;

    @Option(names = "--schedule", defaultValue = "constant", description = "constant, step:every=S[,gamma=G] or poly[:power=P] (default: ${DEFAULT-VALUE})")
    String schedule;

    @Option(names = "--seed", defaultValue = "0", description = "seed of initialisation and batches, and of the split unless --split-seed is given (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--split-seed", description = "seed of the 60/20/20 split of a dataset without its own (default: --seed); "
            + "several training seeds on one split, as the zoo and the sweep use, need the same split seed")
    Long splitSeed;

    @Option(names = "--foreground-share", defaultValue = "0.33", description = "share of patches centred on foreground (default: ${DEFAULT-VALUE}, nnU-Net)")
    double foregroundShare;

    @Option(names = "--augment", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "standard augmentation of every patch (default: ${DEFAULT-VALUE})")
    boolean augment;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, cuda or cuda:N (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--threads", defaultValue = "0", description = "ONNX Runtime intra-op threads, 0 = its default (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--val-every", defaultValue = "0", description = "validate every N steps; 0 = at the end only (default: ${DEFAULT-VALUE})")
    int valEvery;

    @Option(names = "--checkpoint-every", defaultValue = "100", description = "checkpoint every N steps (default: ${DEFAULT-VALUE})")
    int checkpointEvery;

    @Option(names = "--resume", description = "continue the run in --out from its checkpoint (same options)")
    boolean resume;

    @Option(names = "--registry", paramLabel = "FILE", description = "registry of user datasets (default: $" + DatasetRegistry.ENV + ", else ~/.lossbench/registry.json)")
    Path registryFile;

    @Override
    public Integer call() throws Exception {
        ModelSpec ms = ModelSpec.parse(model);
        CompoundLoss lossSpec = CompoundLoss.parse(loss);
        Optimizer opt = Optimizer.parse(optimizer);
        LrSchedule sched = LrSchedule.parse(schedule);
        int[] p = parsePatch(patch);
        TrainingData data = TrainingData.load(dataset, DatasetRegistry.locate(registryFile), splitSeed != null ? splitSeed : seed);
        AtomicFiles.checkFolder(out, "--out");
        ArchOptions o = ms.options(data.modalities().size(), data.classes(), seed);
        TrainingConfig cfg;
        try {
            cfg = new TrainingConfig(dataset, ms.arch(), o, lossSpec, opt, lr == null ? opt.defaultLearningRate() : lr, sched, steps, batch, p,
                    seed, foregroundShare, augment, threads, Device.parse(device), valEvery, checkpointEvery);
        } catch (IllegalArgumentException e) {
            throw new LossbenchException(ExitCode.USAGE, e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "training %s on %s (%d train, %d val cases) with %s, %s lr %.3g, %d steps of %d x %s%n",
                ms.arch().id(), dataset, data.train().size(), data.val().size(), lossSpec.spec(), opt.name(), cfg.lr(), steps, batch,
                java.util.Arrays.toString(p));
        err.flush();
        Trainer trainer = new Trainer(cfg, data.preprocessing());
        long t0 = System.nanoTime();
        Trainer.Result r;
        try (TrainProgress progress = new TrainProgress(err, steps)) {
            r = trainer.train(data.train(), data.val(), out, resume, progress);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        err.printf(Locale.ROOT, "trained %d steps in %.1f s: training steps %.1f s, waiting for batches %.2f s (%.1f%%), validation %.1f s%n",
                r.steps(), wall, r.time().steps(), r.time().dataWait(), 100 * r.time().dataWait() / wall, r.time().validation());
        err.flush();
        Path modelPath = out.resolve("model.onnx");
        trainer.writeModel(modelPath, r.names(), r.parameters());
        TrainingCard card = card(cfg, data, r, wall, ModelCard.sha256(modelPath), trainer.inferenceGraph().parameterCount());
        String json = Json.pretty(card);
        AtomicFiles.writeString(ModelCard.pathBeside(modelPath), json + "\n");
        spec.commandLine().getOut().println(Json.compact(card));
        return 0;
    }

    private static TrainingCard card(TrainingConfig cfg, TrainingData data, Trainer.Result r, double wall, String sha, long params) {
        Map<String, Double> dice = null;
        if (r.finalScores() != null) {
            double[] d = r.finalScores().perClass();
            dice = new LinkedHashMap<>();
            for (int c = 0; c < d.length; c++) {
                dice.put(Integer.toString(c + 1), Double.isNaN(d[c]) ? null : d[c]);
            }
            dice.put("foreground", Double.isNaN(r.finalScores().foreground()) ? null : r.finalScores().foreground());
        }
        Map<String, List<String>> split = new LinkedHashMap<>();
        split.put("train", data.train().stream().map(LoadedCase::id).toList());
        split.put("val", data.val().stream().map(LoadedCase::id).toList());
        Map<String, Object> training = cfg.resolved();
        training.remove("model");
        training.put("val_every", cfg.valEvery());
        training.put("checkpoint_every", cfg.checkpointEvery());
        return new TrainingCard(cfg.arch().id(), cfg.arch().resolvedConfig(cfg.options()), params, cfg.loss().toDocument(),
                cfg.optimizer().spec(), data.name(), data.checksum(), split, data.preprocessing(), training, cfg.hash(), r.steps(), cfg.seed(), wall,
                r.time(), r.device(), dice, Double.isNaN(r.bestScore()) ? null : r.bestScore(), sha, Provenance.current());
    }

    static int[] parsePatch(String text) {
        String[] parts = text.split(",");
        try {
            if (parts.length == 1) {
                int s = Integer.parseInt(parts[0].trim());
                return new int[] {s, s, s};
            }
            if (parts.length == 3) {
                return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()), Integer.parseInt(parts[2].trim())};
            }
        } catch (NumberFormatException e) {
            // fall through to the usage error
        }
        throw new LossbenchException(ExitCode.USAGE, "--patch must be D,H,W or one size, got " + text);
    }

    /**
     * Training progress on stderr: in a terminal a progress bar ({@link Progress}) with the loss, learning
     * rate and throughput beside it; otherwise (CI logs, redirected output) one line at most every two
     * seconds. Validation scores are always printed as a line.
     */
    private static final class TrainProgress implements Trainer.Listener, AutoCloseable {
        private final PrintWriter err;
        private final long total;
        private final Progress bar;
        private long lastPrint;
        private double stepSeconds;
        private long stepsTimed;

        TrainProgress(PrintWriter err, long total) {
            this.err = err;
            this.total = total;
            this.bar = Progress.interactive() ? Progress.start("train", total) : null;
        }

        @Override
        public void step(long step, double lr, float[] losses, double secondsPerStep) {
            stepSeconds += secondsPerStep;
            stepsTimed++;
            double per = stepSeconds / stepsTimed;
            if (bar != null) {
                bar.step(String.format(Locale.ROOT, "loss %.4f lr %.3g %.2f steps/s", losses[0], lr, 1 / per));
                return;
            }
            long now = System.nanoTime();
            if (step == total || now - lastPrint > 2_000_000_000L) {
                lastPrint = now;
                err.printf(Locale.ROOT, "step %d/%d  loss %.4f  lr %.3g  %.2f steps/s  eta %.0f s%n", step, total, losses[0], lr,
                        1 / per, per * (total - step));
                err.flush();
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }

        @Override
        public void validation(long step, Validator.Scores scores) {
            double[] dice = scores.perClass();
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < dice.length; c++) {
                sb.append(String.format(Locale.ROOT, "  dice[%d] %.4f", c + 1, dice[c]));
            }
            err.printf(Locale.ROOT, "validation at step %d:%s  foreground %.4f%n", step, sb, scores.foreground());
            err.flush();
        }
    }
}
