package org.lossbench.datasets.preprocess;

import org.lossbench.core.volume.Affine;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;

/**
 * Resampling to a target spacing: trilinear for images, nearest neighbour for labels.
 *
 * <p>Convention (that of MONAI's {@code Spacing}): the world position of voxel 0 is kept, the new
 * shape along each axis is {@code max(1, round(n * s / t))} for old spacing {@code s} and target
 * {@code t}, and output index {@code o} samples the input at {@code o * t / s}; samples beyond the
 * last voxel take the edge value. The affine's columns are scaled by {@code t / s}, so the output
 * lines up with the input in world space.
 */
public final class Resampler {
    private Resampler() {
    }

    /** The grid of spacing {@code target (sz, sy, sx)} covering {@code grid}. */
    public static Grid targetGrid(Grid grid, double[] target) {
        double[] s = grid.spacing();
        int[] n = grid.shape();
        int[] out = new int[3];
        for (int a = 0; a < 3; a++) {
            out[a] = Math.max(1, (int) Math.round(n[a] * s[a] / target[a]));
        }
        double[] m = grid.affine().toArray();
        // affine columns: 0 = x (W, axis 2), 1 = y (H, axis 1), 2 = z (D, axis 0)
        for (int col = 0; col < 3; col++) {
            int axis = 2 - col;
            double f = target[axis] / s[axis];
            for (int row = 0; row < 3; row++) {
                m[row * 4 + col] *= f;
            }
        }
        return Grid.fromAffine(out[0], out[1], out[2], Affine.of(m));
    }

    /** Trilinear resampling of every channel. */
    public static ImageVolume image(ImageVolume image, double[] target) {
        Grid src = image.grid();
        Grid dst = targetGrid(src, target);
        double[] f = ratios(src, target);
        int n = dst.voxelCount();
        int sn = src.voxelCount();
        float[] out = new float[image.channels() * n];
        for (int c = 0; c < image.channels(); c++) {
            for (int z = 0; z < dst.depth(); z++) {
                for (int y = 0; y < dst.height(); y++) {
                    for (int x = 0; x < dst.width(); x++) {
                        out[c * n + dst.index(z, y, x)] = Interpolation.trilinear(image.data(), c * sn, src,
                                z * f[0], y * f[1], x * f[2], Float.NaN);
                    }
                }
            }
        }
        return new ImageVolume(dst, image.channels(), out);
    }

    /** Nearest-neighbour resampling of labels. */
    public static LabelMap labels(LabelMap labels, double[] target) {
        Grid src = labels.grid();
        Grid dst = targetGrid(src, target);
        double[] f = ratios(src, target);
        LabelMap out = LabelMap.zeros(dst, labels.max());
        for (int z = 0; z < dst.depth(); z++) {
            for (int y = 0; y < dst.height(); y++) {
                for (int x = 0; x < dst.width(); x++) {
                    out.set(dst.index(z, y, x), Interpolation.nearest(labels, z * f[0], y * f[1], x * f[2], 0, true));
                }
            }
        }
        return out;
    }

    private static double[] ratios(Grid src, double[] target) {
        double[] s = src.spacing();
        return new double[] {target[0] / s[0], target[1] / s[1], target[2] / s[2]};
    }
}
