package org.lossbench.datasets.phantom;

import java.util.Arrays;
import org.lossbench.core.volume.Grid;

/**
 * Noise-free tissue images and the label map of one phantom, painted shape by shape in priority
 * order (later shapes cover earlier ones).
 *
 * <p>Partial volume: a voxel at signed distance {@code d} (voxels) from a shape's surface is given
 * occupancy {@code a = clamp(0.5 - d, 0, 1)} and its intensity becomes {@code (1 - a) I + a I_shape}
 * in every modality; its label becomes the shape's when the voxel centre lies inside ({@code d < 0}).
 * A smooth coordinate warp (for per-case anatomical variation) maps each voxel to the fixed layout
 * before the distance is evaluated.
 */
final class Canvas {
    private final Grid grid;
    private final float[][] tissue;
    private final int[] labels;
    private final float[][] warp; // {uz, uy, ux} in voxels, or null
    private final double warpMargin;

    Canvas(Grid grid, float[] background, float[][] warp, double warpMargin) {
        this.grid = grid;
        this.tissue = new float[background.length][grid.voxelCount()];
        for (int m = 0; m < background.length; m++) {
            Arrays.fill(tissue[m], background[m]);
        }
        this.labels = new int[grid.voxelCount()];
        this.warp = warp;
        this.warpMargin = warpMargin;
    }

    Canvas(Grid grid, float[] background) {
        this(grid, background, null, 0);
    }

    float[][] tissue() {
        return tissue;
    }

    int[] labels() {
        return labels;
    }

    /** Paints {@code shape} with {@code label} and one intensity per modality; returns the voxels labelled. */
    int paint(Shape shape, int label, double[] intensity) {
        int[] b = shape.bounds();
        int m = (int) Math.ceil(warpMargin);
        int z0 = Math.max(0, b[0] - m);
        int z1 = Math.min(grid.depth() - 1, b[1] + m);
        int y0 = Math.max(0, b[2] - m);
        int y1 = Math.min(grid.height() - 1, b[3] + m);
        int x0 = Math.max(0, b[4] - m);
        int x1 = Math.min(grid.width() - 1, b[5] + m);
        int count = 0;
        for (int z = z0; z <= z1; z++) {
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    int i = grid.index(z, y, x);
                    double d = warp == null
                            ? shape.distance(z, y, x)
                            : shape.distance(z + warp[0][i], y + warp[1][i], x + warp[2][i]);
                    if (d >= 0.5) {
                        continue;
                    }
                    double a = Math.min(1, 0.5 - d);
                    for (int c = 0; c < tissue.length; c++) {
                        tissue[c][i] = (float) ((1 - a) * tissue[c][i] + a * intensity[c]);
                    }
                    if (d < 0) {
                        labels[i] = label;
                        count++;
                    }
                }
            }
        }
        return count;
    }
}
