package org.lossbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.core.io.Json;
import org.lossbench.core.progress.Progress;
import org.lossbench.core.provenance.Provenance;
import org.lossbench.datasets.spec.DatasetRegistry;
import org.lossbench.models.train.Trainer;
import org.lossbench.models.train.TrainingConfig;
import org.lossbench.models.train.TrainingRun;
import org.lossbench.models.train.TrainingSettings;
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
        TrainingSettings settings = new TrainingSettings(dataset, model, loss, steps, batch, parsePatch(patch), optimizer, lr, schedule, seed,
                splitSeed, foregroundShare, augment, device, threads, valEvery, checkpointEvery);
        TrainingRun run = TrainingRun.prepare(settings, DatasetRegistry.locate(registryFile), Provenance.current());
        AtomicFiles.checkFolder(out, "--out");
        PrintWriter err = spec.commandLine().getErr();
        TrainingRun.Outcome done = train(run, out, resume, err);
        spec.commandLine().getOut().println(Json.compact(done.card()));
        return 0;
    }

    /**
     * Trains {@code run} into {@code out} with progress on {@code err}: a header line, the progress
     * ({@link TrainProgress}) and a closing line with where the time went.
     */
    static TrainingRun.Outcome train(TrainingRun run, Path out, boolean resume, PrintWriter err) {
        TrainingConfig cfg = run.config();
        err.printf(Locale.ROOT, "training %s on %s (%d train, %d val cases) with %s, %s lr %.3g, %d steps of %d x %s%n",
                cfg.arch().id(), cfg.dataset(), run.data().train().size(), run.data().val().size(), cfg.loss().spec(), cfg.optimizer().name(),
                cfg.lr(), cfg.steps(), cfg.batch(), java.util.Arrays.toString(cfg.patch()));
        err.flush();
        TrainingRun.Outcome done;
        try (TrainProgress progress = new TrainProgress(err, cfg.steps())) {
            done = run.train(out, resume, progress);
        }
        Trainer.Result r = done.result();
        double wall = done.wallSeconds();
        err.printf(Locale.ROOT, "trained %d steps in %.1f s: training steps %.1f s, waiting for batches %.2f s (%.1f%%), validation %.1f s%n",
                r.steps(), wall, r.time().steps(), r.time().dataWait(), 100 * r.time().dataWait() / wall, r.time().validation());
        err.flush();
        return done;
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
    static final class TrainProgress implements Trainer.Listener, AutoCloseable {
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
