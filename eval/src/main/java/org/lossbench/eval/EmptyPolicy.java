package org.lossbench.eval;

import java.util.Locale;

/**
 * What a metric returns when the reference, the prediction or both are empty for a class. The one
 * table of these values is in docs/metrics.md and in {@code lossbench evaluate --help}; this enum
 * is its implementation.
 *
 * <ul>
 *   <li>{@link #MONAI} (default): MONAI's {@code DiceMetric(ignore_empty=True)} and
 *   {@code MeanIoU(ignore_empty=True)} give NaN when the reference is empty; the distance metrics
 *   give +inf when exactly one mask is empty and NaN when both are ({@code get_surface_distance}
 *   fills the missing side with inf, percentiles of no values are NaN); {@code SurfaceDiceMetric}
 *   gives 0 when one is empty and NaN when both are.</li>
 *   <li>{@link #NNUNET}: nnU-Net's {@code compute_metrics}: Dice and IoU are NaN only when both are
 *   empty (0 when one is); distances and NSD are NaN whenever one mask is empty (nnU-Net v1's
 *   {@code nan_for_nonexisting}).</li>
 *   <li>{@link #WORST} (BraTS-like): both empty is a perfect result (Dice 1, distances 0, NSD 1);
 *   one empty is the worst (Dice 0, distances equal to the volume's diagonal in mm, NSD 0).</li>
 * </ul>
 */
public enum EmptyPolicy {
    MONAI, NNUNET, WORST;

    /** The empty-case table as plain text, for {@code lossbench evaluate --help} (same as docs/metrics.md). */
    public static final String HELP_TABLE = ""
            + "Empty cases (R = reference, P = prediction; diag = volume diagonal in mm):%n"
            + "                         R empty, P not    P empty, R not    both empty%n"
            + "  Dice, IoU      monai   NaN               0                 NaN%n"
            + "                 nnunet  0                 0                 NaN%n"
            + "                 worst   0                 0                 1%n"
            + "  HD, HD95, ASSD monai   inf               inf               NaN%n"
            + "                 nnunet  NaN               NaN               NaN%n"
            + "                 worst   diag              diag              0%n"
            + "  NSD            monai   0                 0                 NaN%n"
            + "                 nnunet  NaN               NaN               NaN%n"
            + "                 worst   0                 0                 1%n"
            + "  precision      all     0                 NaN (worst: 0)    NaN (worst: 1)%n"
            + "  recall         all     NaN (worst: 0)    0                 NaN (worst: 1)%n"
            + "  RVE            all     NaN               -1                NaN (worst: 0)%n";

    /** Notes under {@link #HELP_TABLE}, one paragraph for the help text to wrap. */
    public static final String HELP_NOTES = "Lesion F1 and lesion-wise Dice follow the Dice row, lesion precision and recall "
            + "the precision and recall rows, 'empty' meaning 'no lesions'; lesion-wise HD95 counts diag for each missed "
            + "or spurious lesion and follows the HD row when neither side has a lesion. Aggregates leave NaN out and "
            + "count it (n_undefined); inf is kept. The aggregated Dice (dsc_agg) sums TP, FP, FN volumes over the "
            + "cases under every policy: a both-empty case adds nothing, and with no voxel of the class in any case it is NaN.";

    /** Parses {@code monai}, {@code nnunet} or {@code worst} (any case). */
    public static EmptyPolicy parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown empty-case policy '" + s + "'; use monai, nnunet or worst");
        }
    }

    /** Dice, IoU (and lesion F1 / lesion-wise Dice) when at least one side is empty. */
    public double overlapWhenEmpty(boolean refEmpty, boolean predEmpty) {
        if (refEmpty && predEmpty) {
            return this == WORST ? 1.0 : Double.NaN;
        }
        if (refEmpty) {
            return this == MONAI ? Double.NaN : 0.0;
        }
        return 0.0; // prediction empty, reference not: no overlap under every policy
    }

    /** HD, HD95, ASSD when at least one side is empty; {@code diagonalMm} is the worst distance. */
    public double distanceWhenEmpty(boolean refEmpty, boolean predEmpty, double diagonalMm) {
        if (refEmpty && predEmpty) {
            return this == WORST ? 0.0 : Double.NaN;
        }
        return switch (this) {
            case MONAI -> Double.POSITIVE_INFINITY;
            case NNUNET -> Double.NaN;
            case WORST -> diagonalMm;
        };
    }

    /** NSD when at least one side is empty. */
    public double surfaceDiceWhenEmpty(boolean refEmpty, boolean predEmpty) {
        if (refEmpty && predEmpty) {
            return this == WORST ? 1.0 : Double.NaN;
        }
        return this == NNUNET ? Double.NaN : 0.0;
    }

    /**
     * A ratio {@code num / den} (precision, recall) whose denominator is 0: NaN, except under
     * {@link #WORST} where it is 1 when both sides are empty and 0 otherwise.
     */
    public double undefinedRatio(boolean bothEmpty) {
        if (this == WORST) {
            return bothEmpty ? 1.0 : 0.0;
        }
        return Double.NaN;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
