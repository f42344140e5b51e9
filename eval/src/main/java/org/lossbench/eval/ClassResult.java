package org.lossbench.eval;

/**
 * The metrics of one class in one case. Distances in mm, volumes in mm3; NaN and infinity follow
 * the {@link EmptyPolicy} used.
 *
 * @param relativeVolumeError {@code (V_pred - V_ref) / V_ref}
 * @param nsdToleranceMm the tolerance {@link #nsd} was computed at
 */
public record ClassResult(String caseId, int label,
                          long tp, long fp, long fn, long refVoxels, long predVoxels,
                          double dice, double iou, double precision, double recall,
                          double refVolumeMm3, double predVolumeMm3, double relativeVolumeError,
                          double hd, double hd95, double assd, double nsd, double nsdToleranceMm,
                          LesionCounts lesions) {

    /** Whether the reference holds no voxel of this class. */
    public boolean refEmpty() {
        return refVoxels == 0;
    }

    /**
     * The volume of one voxel in mm3, recovered from the volumes as {@code refVolumeMm3 / refVoxels}
     * (from the prediction when the reference lacks the class), so that it survives the round trip
     * through {@code cases.csv}, whose volumes are written exactly; NaN when neither map holds the
     * class, where there is no voxel to weigh.
     */
    public double voxelVolumeMm3() {
        if (refVoxels > 0) {
            return refVolumeMm3 / refVoxels;
        }
        return predVoxels > 0 ? predVolumeMm3 / predVoxels : Double.NaN;
    }

    /**
     * Lesion-wise results of one class in one case.
     *
     * @param tp matched reference lesions
     * @param fn unmatched reference lesions
     * @param fp unmatched predicted lesions
     * @param lesionwiseDice BraTS-style: sum of the matched pairs' Dice over {@code tp + fn + fp}
     * @param lesionwiseHd95 BraTS-style: matched pairs' HD95 plus the volume diagonal for every
     *                       missed or spurious lesion, over {@code tp + fn + fp}
     */
    public record LesionCounts(int refLesions, int predLesions, int tp, int fn, int fp,
                               double precision, double recall, double f1,
                               double lesionwiseDice, double lesionwiseHd95) {
    }
}
