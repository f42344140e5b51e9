package org.lossbench.eval.compare;

import java.util.Locale;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;

/**
 * The gate's settings (docs/gate.md). Every quality threshold is two-sided: a value that moves by more than it
 * in either direction has changed; worse is a regression, better an improvement.
 *
 * @param maxDiceDrop a mean Dice that moves by more than this (absolute, Dice in 0..1) has changed
 * @param diceThresholdSd null, or {@code K}: the Dice threshold of a class is {@code K} times the baseline's
 *                        standard deviation over seeds of the class's mean Dice ({@link #diceThreshold}); with
 *                        one seed (no spread) {@code maxDiceDrop} is used instead
 * @param maxNsdDrop a mean NSD that moves by more than this (absolute, NSD in 0..1) has changed
 * @param maxHd95Rise a median HD95 that moves by more than this fraction of the baseline's ({@code 0.1}: 10%) has
 *                    changed, if the move also exceeds {@code hd95FloorMm}
 * @param hd95FloorMm the smallest HD95 move in mm that counts, whatever the relative threshold: HD95 is
 *                    quantised by the voxel grid, and 1.0 to 1.2 mm is a fifth of a voxel, not a regression
 * @param maxRecallDrop a lesion detection recall that moves by more than this (absolute) has changed
 * @param maxSlowdown the factor over the baseline's median inference seconds that counts as a slowdown
 *                    (the current median must also exceed the baseline's 90th percentile; {@link TimingRule})
 * @param timingPool how timing samples are pooled: per loss (a (dataset, model, loss) triple) or per model
 *                   (every loss of a (dataset, model) group)
 * @param timing whether timing is checked at all ({@code --no-timing}: sweeps made on different machines)
 * @param allowImprovements whether an improvement of a quality check passes (it is still listed)
 */
public record Thresholds(double maxDiceDrop, Double diceThresholdSd, double maxNsdDrop, double maxHd95Rise, double hd95FloorMm,
                         double maxRecallDrop, double maxSlowdown, TimingPool timingPool, boolean timing, boolean allowImprovements) {
    public static final double DEFAULT_DICE_DROP = 0.01;
    public static final double DEFAULT_NSD_DROP = 0.02;
    public static final double DEFAULT_HD95_RISE = 0.1;
    public static final double DEFAULT_HD95_FLOOR_MM = 1.0;
    public static final double DEFAULT_RECALL_DROP = 0.02;
    public static final double DEFAULT_SLOWDOWN = 1.5;

    /**
     * Slack added to every quality threshold so that a move of exactly the threshold, computed from values
     * rounded to doubles (0.45 - 0.44 = 0.010000000000000009), does not count.
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

    /** A threshold and where it came from, for messages ({@code --max-dice-drop 0.01}). */
    public record Threshold(double value, String source) {
    }

    /** The baseline's spread of a class's mean Dice over seeds ({@code summary.json}: {@code classes[].dice}). */
    public record SeedSpread(int seeds, double sd) {
    }

    /** Checks the values; a negative threshold, a slowdown factor below 1 or a K that is not positive is a usage error (exit 2). */
    public Thresholds {
        nonNegative("--max-dice-drop", maxDiceDrop, "an absolute Dice change");
        nonNegative("--max-nsd-drop", maxNsdDrop, "an absolute NSD change");
        nonNegative("--max-hd95-rise", maxHd95Rise, "a fraction of the baseline HD95: 0.1 = 10%");
        nonNegative("--hd95-floor-mm", hd95FloorMm, "millimetres");
        nonNegative("--max-recall-drop", maxRecallDrop, "an absolute recall change");
        if (diceThresholdSd != null && !(diceThresholdSd > 0 && diceThresholdSd < Double.POSITIVE_INFINITY)) {
            throw usage("--dice-threshold-sd must be a number > 0 (K in K x the baseline's sd over seeds), got " + diceThresholdSd);
        }
        if (!(maxSlowdown >= 1)) {
            throw usage("--max-slowdown must be a factor >= 1 (1.5: 50% slower), got " + maxSlowdown);
        }
        if (timingPool == null) {
            throw usage("--timing-pool must be loss or model");
        }
    }

    public static Thresholds defaults() {
        return new Thresholds(DEFAULT_DICE_DROP, null, DEFAULT_NSD_DROP, DEFAULT_HD95_RISE, DEFAULT_HD95_FLOOR_MM, DEFAULT_RECALL_DROP,
                DEFAULT_SLOWDOWN, TimingPool.LOSS, true, false);
    }

    /**
     * The Dice threshold of a class: {@code K * sd} with {@code sd} the baseline's standard deviation over its
     * seeds of the class's mean Dice, when {@code --dice-threshold-sd K} is given and the baseline has two or more
     * seeds with a defined sd; otherwise {@code maxDiceDrop} (and the source says why, when K was given).
     *
     * @param spread the baseline's spread, or null when its {@code summary.json} has no seed-level figures
     */
    public Threshold diceThreshold(SeedSpread spread) {
        String fixed = "--max-dice-drop " + plain(maxDiceDrop);
        if (diceThresholdSd == null) {
            return new Threshold(maxDiceDrop, fixed);
        }
        if (spread == null) {
            return new Threshold(maxDiceDrop, fixed + " (--dice-threshold-sd falls back to it: no seed-level Dice in the baseline's summary.json)");
        }
        if (spread.seeds() < 2 || !Double.isFinite(spread.sd())) {
            return new Threshold(maxDiceDrop, fixed + " (--dice-threshold-sd falls back to it: the baseline has " + spread.seeds()
                    + " seed, no spread over seeds)");
        }
        double t = diceThresholdSd * spread.sd();
        return new Threshold(t, String.format(Locale.ROOT, "%s = %s x the baseline's sd over %d seeds %s (--dice-threshold-sd)",
                Gate.fmt(t), plain(diceThresholdSd), spread.seeds(), Gate.fmt(spread.sd())));
    }

    /** The HD95 threshold in mm for a baseline median HD95 of {@code baseMm}: {@code max(maxHd95Rise * baseMm, hd95FloorMm)}. */
    public Threshold hd95Threshold(double baseMm) {
        double rel = maxHd95Rise * baseMm;
        double t = Double.isFinite(rel) ? Math.max(rel, hd95FloorMm) : hd95FloorMm;
        return new Threshold(t, String.format(Locale.ROOT, "max(%s%% of %s, %s mm) = %s mm (--max-hd95-rise %s, --hd95-floor-mm %s)",
                percent(maxHd95Rise), Gate.fmt(baseMm), plain(hd95FloorMm), Gate.fmt(t), plain(maxHd95Rise), plain(hd95FloorMm)));
    }

    /** The NSD threshold (absolute). */
    public Threshold nsdThreshold() {
        return new Threshold(maxNsdDrop, "--max-nsd-drop " + plain(maxNsdDrop));
    }

    /** The detection recall threshold (absolute). */
    public Threshold recallThreshold() {
        return new Threshold(maxRecallDrop, "--max-recall-drop " + plain(maxRecallDrop));
    }

    /** The settings in one line, for the diff. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("a move beyond ").append(diceThresholdSd == null ? "" : plain(diceThresholdSd) + " x the baseline's sd over seeds (else ")
                .append(plain(maxDiceDrop)).append(diceThresholdSd == null ? "" : ")").append(" in mean Dice, ").append(plain(maxNsdDrop))
                .append(" in mean NSD, max(").append(percent(maxHd95Rise)).append("%, ").append(plain(hd95FloorMm))
                .append(" mm) in median HD95, ").append(plain(maxRecallDrop)).append(" in recall");
        if (timing) {
            sb.append(String.format(Locale.ROOT, "; a slowdown > %s x the baseline median and above its p90 (timing pooled per %s)",
                    plain(maxSlowdown), timingPool.name().toLowerCase(Locale.ROOT)));
        } else {
            sb.append("; timing not checked (--no-timing)");
        }
        return sb.toString();
    }

    /** {@code 0.07} as {@code 7} (decimal, so that 0.07 does not print as 7.000000000000001). */
    static String percent(double fraction) {
        return java.math.BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString();
    }

    static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static void nonNegative(String flag, double v, String what) {
        if (!(v >= 0 && v < Double.POSITIVE_INFINITY)) {
            throw usage(flag + " must be a number >= 0 (" + what + "), got " + v);
        }
    }

    private static LossbenchException usage(String message) {
        return new LossbenchException(ExitCode.USAGE, "compare: " + message);
    }
}
