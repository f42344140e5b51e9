package org.lossbench.datasets.preprocess;

import org.lossbench.core.volume.Affine;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;

/**
 * Cropping and padding. A window is given by its start {@code (z, y, x)} in the source (which may be
 * negative or run past the end: those voxels are padding) and its shape. The output grid keeps the
 * spacing and orientation and moves the origin to the window's first voxel, so the window lines up
 * with the source in world space.
 */
public final class CropPad {
    private CropPad() {
    }

    /** The grid of a window of {@code shape} starting at {@code start} in {@code grid}. */
    public static Grid window(Grid grid, int[] start, int[] shape) {
        double[] m = grid.affine().toArray();
        double[] origin = grid.affine().apply(start[2], start[1], start[0]);
        m[3] = origin[0];
        m[7] = origin[1];
        m[11] = origin[2];
        return Grid.fromAffine(shape[0], shape[1], shape[2], Affine.of(m));
    }

    /** Window of {@code image}; voxels outside the source get {@code pad}. */
    public static ImageVolume image(ImageVolume image, int[] start, int[] shape, float pad) {
        Grid src = image.grid();
        Grid dst = window(src, start, shape);
        int n = dst.voxelCount();
        int sn = src.voxelCount();
        float[] out = new float[image.channels() * n];
        java.util.Arrays.fill(out, pad);
        for (int c = 0; c < image.channels(); c++) {
            copyRows(image.data(), c * sn, src, out, c * n, dst, start);
        }
        return new ImageVolume(dst, image.channels(), out);
    }

    /** Window of {@code labels}; voxels outside the source get {@code pad}. */
    public static LabelMap labels(LabelMap labels, int[] start, int[] shape, int pad) {
        Grid src = labels.grid();
        Grid dst = window(src, start, shape);
        LabelMap out = LabelMap.zeros(dst, Math.max(labels.max(), pad));
        for (int z = 0; z < shape[0]; z++) {
            for (int y = 0; y < shape[1]; y++) {
                for (int x = 0; x < shape[2]; x++) {
                    int sz = z + start[0];
                    int sy = y + start[1];
                    int sx = x + start[2];
                    boolean inside = sz >= 0 && sy >= 0 && sx >= 0 && sz < src.depth() && sy < src.height() && sx < src.width();
                    int v = inside ? labels.get(src.index(sz, sy, sx)) : pad;
                    if (v != 0) {
                        out.set(dst.index(z, y, x), v);
                    }
                }
            }
        }
        return out;
    }

    private static void copyRows(float[] src, int srcOff, Grid sg, float[] dst, int dstOff, Grid dg, int[] start) {
        int x0 = Math.max(0, -start[2]);
        int x1 = Math.min(dg.width(), sg.width() - start[2]);
        if (x1 <= x0) {
            return;
        }
        for (int z = 0; z < dg.depth(); z++) {
            int sz = z + start[0];
            if (sz < 0 || sz >= sg.depth()) {
                continue;
            }
            for (int y = 0; y < dg.height(); y++) {
                int sy = y + start[1];
                if (sy < 0 || sy >= sg.height()) {
                    continue;
                }
                System.arraycopy(src, srcOff + sg.index(sz, sy, x0 + start[2]), dst, dstOff + dg.index(z, y, x0), x1 - x0);
            }
        }
    }
}
