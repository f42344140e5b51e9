package org.lossbench.eval.lesion;

import java.util.Arrays;
import java.util.Objects;

/**
 * One connected component of a class in the reference ({@code source = "ref"}) or an unmatched
 * one in the prediction ({@code source = "pred"}, a false positive). Index ranges are inclusive and
 * in file index order: {@code i} along x (NIfTI's first axis), {@code j} along y, {@code k} along z.
 *
 * @param id the component's number (1-based, scipy.ndimage.label order) within its map
 * @param diameterMm equivalent-sphere diameter {@code (6 V / pi)^(1/3)}
 * @param extentMm size of the bounding box along i, j, k in mm ({@code (last - first + 1) * spacing})
 * @param centroidVoxel centroid {@code (i, j, k)} in voxel indices
 * @param centroidMm centroid in world coordinates (mm) through the grid's affine
 * @param matchedId the partner component's id in the other map, 0 when unmatched
 * @param dice Dice of the matched pair, 0 when unmatched
 * @param hd95 HD95 (mm) of the matched pair, NaN when unmatched
 * @param sizeBin name of the size bin of the diameter
 */
public record LesionRow(String caseId, int label, String source, int id, long voxels, double volumeMm3,
                        double diameterMm, int[] first, int[] last, double[] extentMm,
                        double[] centroidVoxel, double[] centroidMm, int matchedId, long overlapVoxels,
                        double dice, double hd95, String sizeBin) {

    @Override
    public boolean equals(Object o) {
        return o instanceof LesionRow r && caseId.equals(r.caseId) && label == r.label && source.equals(r.source)
                && id == r.id && voxels == r.voxels && Double.compare(volumeMm3, r.volumeMm3) == 0
                && Double.compare(diameterMm, r.diameterMm) == 0 && Arrays.equals(first, r.first)
                && Arrays.equals(last, r.last) && Arrays.equals(extentMm, r.extentMm)
                && Arrays.equals(centroidVoxel, r.centroidVoxel) && Arrays.equals(centroidMm, r.centroidMm)
                && matchedId == r.matchedId && overlapVoxels == r.overlapVoxels && Double.compare(dice, r.dice) == 0
                && Double.compare(hd95, r.hd95) == 0 && sizeBin.equals(r.sizeBin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(caseId, label, source, id, voxels, Arrays.hashCode(centroidVoxel), matchedId, dice);
    }

    @Override
    public String toString() {
        return "LesionRow[" + caseId + ", label " + label + ", " + source + " #" + id + ", " + voxels + " voxels, first "
                + Arrays.toString(first) + ", last " + Arrays.toString(last) + ", centroid " + Arrays.toString(centroidVoxel)
                + ", matched " + matchedId + ", dice " + dice + ", hd95 " + hd95 + "]";
    }
}
