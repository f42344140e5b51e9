package org.lossbench.datasets.phantom;

/**
 * Ground truth of one synthetic lesion.
 *
 * @param id          1-based instance number within its case
 * @param centreVoxel centre as fractional voxel indices {@code (z, y, x)}
 * @param centreMm    centre in world coordinates {@code (x, y, z)} mm, through the grid's affine
 * @param radiusMm    nominal radius, mm
 * @param voxels      number of voxels labelled as this lesion (voxel centres inside the ball)
 * @param volumeMm3   {@code voxels} times the voxel volume
 */
public record Lesion(int id, double[] centreVoxel, double[] centreMm, double radiusMm, int voxels, double volumeMm3) {
}
