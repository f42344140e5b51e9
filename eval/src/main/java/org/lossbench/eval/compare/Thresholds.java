package org.lossbench.eval.compare;

import java.util.Locale;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;

/**
 * The gate's tolerances (docs/gate.md).
 *
 * @param maxDiceDrop a mean Dice that falls by more than this (absolute, Dice in 0..1) is a regression
 * @param maxRecallDrop a lesion detection recall that falls by more than this (absolute) is a regression
 * @param maxSlowdown the factor over the baseline's median inference seconds that counts as a slowdown
 *                    (the current median must also exceed the baseline's 90th percentile; {@link TimingRule})
 * @param timingPool how timing samples are pooled: per loss (a (dataset, model, loss) triple) or per model
 *                   (every loss of a (dataset, model) group)
 */
public record Thresholds(double maxDiceDrop, double maxRecallDrop, double maxSlowdown, TimingPool timingPool) {
    public static final double DEFAULT_DICE_DROP = 0.01;
    public static final double DEFAULT_RECALL_DROP = 0.02;
    public static final double DEFAULT_SLOWDOWN = 1.5;

    /**
     * Slack added to the Dice and recall thresholds so that a drop of exactly the threshold, computed from
     * values rounded to doubles (0.45 - 0.44 = 0.010000000000000009), is not a regression.
     */
    public static final double SLACK = 1e-9;

    /** How the per-case inference seconds are pooled into one sample set per timing check. */
    public enum TimingPool {
        /** One check per (dataset, model, loss): the cases of all seeds of the loss. */
        LOSS,
        /**
         * One check per (dataset, model): the cases of all seeds and losses. The cost of inference does not
         * depend on the loss the weights were trained with (same graph, same input), so the losses are
         * replicates; pooling them gives more samples when a sweep has few cases (docs/gate.md).
         */
        MODEL
    }

    /** Checks the values; a negative drop or a slowdown factor below 1 is a usage error (exit 2). */
    public Thresholds {
        if (!(maxDiceDrop >= 0)) {
            throw usage("--max-dice-drop must be a number >= 0 (an absolute Dice drop), got " + maxDiceDrop);
        }
        if (!(maxRecallDrop >= 0)) {
            throw usage("--max-recall-drop must be a number >= 0 (an absolute recall drop), got " + maxRecallDrop);
        }
        if (!(maxSlowdown >= 1)) {
            throw usage("--max-slowdown must be a factor >= 1 (1.5: 50% slower), got " + maxSlowdown);
        }
        if (timingPool == null) {
            throw usage("--timing-pool must be loss or model");
        }
    }

    public static Thresholds defaults() {
        return new Thresholds(DEFAULT_DICE_DROP, DEFAULT_RECALL_DROP, DEFAULT_SLOWDOWN, TimingPool.LOSS);
    }

    /** The settings in one line, for the diff and the JUnit properties. */
    public String describe() {
        return String.format(Locale.ROOT, "Dice drop > %s, recall drop > %s, slowdown > %s x the baseline median and above its p90 "
                + "(timing pooled per %s)", plain(maxDiceDrop), plain(maxRecallDrop), plain(maxSlowdown), timingPool.name().toLowerCase(Locale.ROOT));
    }

    static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static LossbenchException usage(String message) {
        return new LossbenchException(ExitCode.USAGE, "compare: " + message);
    }
}
