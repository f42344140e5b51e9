package org.lossbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.lossbench.core.progress.Progress;
import org.lossbench.models.train.Trainer;
import org.lossbench.models.train.TrainingConfig;
import org.lossbench.models.train.TrainingRun;
import org.lossbench.models.train.Validator;

/**
 * Training progress on stderr: in a terminal a progress bar ({@link Progress}) with the loss, learning
 * rate and throughput beside it; otherwise (CI logs, redirected output) one line at most every two
 * seconds. Validation scores are always printed as a line.
 */
final class TrainProgress implements Trainer.Listener, AutoCloseable {
    private final PrintWriter err;
    private final long total;
    private final Progress bar;
    private long lastPrint;
    private double stepSeconds;
    private long stepsTimed;

    /**
     * Trains {@code run} into {@code out} with progress on {@code err}: a header line, the progress
     * (this listener) and a closing line with where the time went.
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
