package org.lossbench.eval.compare;

/**
 * The per-class metrics the gate reads from a sweep's {@code summary.csv} (docs/gate.md), each with the
 * statistic taken (over every (seed, case) pair of a loss, seeds pooled) and its direction.
 *
 * <ul>
 *   <li>{@link #DICE}: the mean Dice; higher is better; absolute threshold.</li>
 *   <li>{@link #NSD}: the mean normalised surface distance (surface Dice at the sweep's tolerance); higher is
 *       better; absolute threshold.</li>
 *   <li>{@link #HD95}: the <em>median</em> HD95 in mm; lower is better; relative threshold with an absolute floor.
 *       The median, not the mean: a case with no predicted voxel has an infinite HD95 (MONAI's policy), which
 *       makes the mean infinite and the check blind; the median is what {@code summary.md} reports.</li>
 * </ul>
 */
public enum ClassMetric {
    DICE("dice", "mean Dice", "dice_mean", "dice", "mean", true),
    NSD("nsd", "mean NSD", "nsd_mean", "nsd", "mean", true),
    HD95("hd95", "median HD95", "hd95_median_mm", "hd95_mm", "median", false);

    private final String kind;
    private final String description;
    private final String checkName;
    private final String summaryMetric;
    private final String summaryColumn;
    private final boolean higherIsBetter;

    ClassMetric(String kind, String description, String checkName, String summaryMetric, String summaryColumn, boolean higherIsBetter) {
        this.kind = kind;
        this.description = description;
        this.checkName = checkName;
        this.summaryMetric = summaryMetric;
        this.summaryColumn = summaryColumn;
        this.higherIsBetter = higherIsBetter;
    }

    /** The JUnit class name's suffix ({@code lossbench.compare.dice}). */
    public String kind() {
        return kind;
    }

    /** For messages: {@code mean Dice}. */
    public String description() {
        return description;
    }

    /** The last element of the check's name ({@code .../class 1 organ/dice_mean}). */
    public String checkName() {
        return checkName;
    }

    /** The {@code metric} value of its rows in {@code summary.csv}. */
    public String summaryMetric() {
        return summaryMetric;
    }

    /** The {@code summary.csv} column the gate takes. */
    public String summaryColumn() {
        return summaryColumn;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The metric whose {@code summary.csv} rows have this {@code metric} value, or null. */
    public static ClassMetric ofSummaryMetric(String metric) {
        for (ClassMetric m : values()) {
            if (m.summaryMetric.equals(metric)) {
                return m;
            }
        }
        return null;
    }
}
