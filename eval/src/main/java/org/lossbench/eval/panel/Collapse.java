package org.lossbench.eval.panel;

import java.util.List;
import java.util.Map;
import org.lossbench.eval.ClassResult;
import org.lossbench.eval.ClassSeparability;

/**
 * Collapse diagnosis of one class for one loss over its training seeds. A Dice-type loss can drive
 * a rare class's softmax channel below every other channel everywhere, so that the class is never
 * predicted; a bare mean Dice of 0.000 cannot tell that from a model that tried and missed. A seed's
 * model is <b>collapsed</b> for the class when it predicts no voxel of the class in any case of the
 * evaluated split. The threshold-free {@link ClassSeparability} figures (mean over the cases whose
 * reference holds the class, then over seeds) say whether the collapsed channel still ranks the
 * class's voxels above the rest (AUC near 1: a calibration failure) or not (AUC near 0.5: nothing
 * learnt).
 *
 * @param seeds the seeds (trained models) behind the figures
 * @param collapsedSeeds the seeds whose model never predicts the class
 * @param meanAuc mean over seeds of the per-seed mean AUC (NaN when no separability was recorded)
 * @param meanPeakInRef the same for the peak probability inside the reference
 */
public record Collapse(int label, int seeds, int collapsedSeeds, double meanAuc, double meanPeakInRef) {

    /** Whether every seed collapsed. */
    public boolean always() {
        return seeds > 0 && collapsedSeeds == seeds;
    }

    /**
     * The diagnosis of class {@code label}.
     *
     * @param results per seed, the class's results on every case of the split
     * @param separability per seed, the class's separability on every case (a seed may be absent: its
     *                     cell predates the record)
     */
    public static Collapse of(int label, Map<Long, List<ClassResult>> results, Map<Long, List<ClassSeparability>> separability) {
        int collapsed = 0;
        for (List<ClassResult> rs : results.values()) {
            if (rs.stream().mapToLong(ClassResult::predVoxels).sum() == 0) {
                collapsed++;
            }
        }
        double[] auc = new double[2];
        double[] peak = new double[2];
        for (long seed : results.keySet()) {
            List<ClassSeparability> s = separability.getOrDefault(seed, List.of());
            addMean(auc, s.stream().mapToDouble(ClassSeparability::auc).filter(Double::isFinite).toArray());
            addMean(peak, s.stream().mapToDouble(ClassSeparability::peakInRef).filter(Double::isFinite).toArray());
        }
        return new Collapse(label, results.size(), collapsed, auc[1] == 0 ? Double.NaN : auc[0] / auc[1],
                peak[1] == 0 ? Double.NaN : peak[0] / peak[1]);
    }

    /** Adds the mean of {@code values} (when there are any) to the running sum {@code acc[0]} and count {@code acc[1]}. */
    private static void addMean(double[] acc, double[] values) {
        if (values.length == 0) {
            return;
        }
        double s = 0;
        for (double v : values) {
            s += v;
        }
        acc[0] += s / values.length;
        acc[1]++;
    }
}
