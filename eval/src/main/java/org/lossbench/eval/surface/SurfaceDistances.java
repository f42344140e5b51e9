package org.lossbench.eval.surface;

import java.util.Arrays;
import org.lossbench.eval.stats.Percentiles;

/**
 * The two directed sets of boundary distances between masks A (reference) and B (prediction), in
 * mm, and the surface metrics computed from them as MONAI defines them
 * ({@code monai.metrics.utils.get_edge_surface_distance}, {@code HausdorffDistanceMetric},
 * {@code SurfaceDistanceMetric(symmetric=True)}, {@code SurfaceDiceMetric}), for two non-empty masks.
 *
 * @param aToB for every edge voxel of A, in raster order, the distance to the nearest edge voxel of B
 * @param bToA for every edge voxel of B, the distance to the nearest edge voxel of A
 */
public record SurfaceDistances(double[] aToB, double[] bToA) {

    /**
     * Directed distances between the edges of the two masks of {@code mask}; both must be non-empty.
     * {@code parallel} splits the work over the calling fork-join pool (same result).
     */
    public static SurfaceDistances of(PairMask mask, double[] spacing, boolean parallel) {
        if (mask.edgeCountA() == 0 || mask.edgeCountB() == 0) {
            throw new IllegalArgumentException("surface distances need two non-empty masks");
        }
        double[] ab = DistanceTransform.distances(mask, PairMask.EDGE_B, PairMask.EDGE_A, spacing, mask.edgeCountA(), parallel);
        double[] ba = DistanceTransform.distances(mask, PairMask.EDGE_A, PairMask.EDGE_B, spacing, mask.edgeCountB(), parallel);
        return new SurfaceDistances(ab, ba);
    }

    /** Hausdorff distance: the largest directed distance either way. */
    public double hausdorff() {
        return Math.max(max(aToB), max(bToA));
    }

    /**
     * MONAI's percentile Hausdorff distance: the maximum of the two directed {@code q}-th percentiles
     * (numpy linear interpolation), not the percentile of the pooled distances.
     */
    public double hausdorffPercentile(double q) {
        return Math.max(Percentiles.percentile(aToB, q), Percentiles.percentile(bToA, q));
    }

    /** Average symmetric surface distance: the mean of all distances of both directions pooled. */
    public double averageSymmetric() {
        double sum = 0;
        for (double v : aToB) {
            sum += v;
        }
        for (double v : bToA) {
            sum += v;
        }
        return sum / (aToB.length + bToA.length);
    }

    /**
     * Normalised surface distance (surface Dice, Nikolov et al. 2021) with MONAI's voxel counting
     * ({@code use_subvoxels=False}): the fraction of edge voxels of both masks whose distance to the
     * other edge is at most {@code toleranceMm}.
     */
    public double surfaceDice(double toleranceMm) {
        long ok = Arrays.stream(aToB).filter(v -> v <= toleranceMm).count()
                + Arrays.stream(bToA).filter(v -> v <= toleranceMm).count();
        return (double) ok / (aToB.length + bToA.length);
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
