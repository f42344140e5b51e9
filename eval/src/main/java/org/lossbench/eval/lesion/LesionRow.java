package org.lossbench.eval.lesion;

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
}
