package org.lossbench.core.io.nifti;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import org.lossbench.core.BadInputException;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;

/**
 * Reads NIfTI-1 and NIfTI-2 files ({@code .nii} and {@code .nii.gz}, either byte order) into
 * {@link ImageVolume}s and {@link LabelMap}s. {@code scl_slope} and {@code scl_inter} are applied
 * (a slope of 0 means no scaling, as the standard says).
 *
 * <p>Voxels stream from the file into the result in 1 MiB chunks: the result is the only full copy
 * of the data ever held. Every problem with the file is a {@link BadInputException} naming it.
 */
public final class NiftiReader {
    private NiftiReader() {
    }

    /** The header alone. */
    public static NiftiHeader readHeader(Path path) {
        try (NiftiInput in = NiftiInput.open(path)) {
            return in.header();
        }
    }

    /** A float32 image; a 4D file becomes a multi-channel image with {@code C = dim[4]}. */
    public static ImageVolume readImage(Path path) {
        return readImage(NiftiInput.open(path));
    }

    /** A float32 image from the bytes of a NIfTI file (compressed or not); {@code source} names it in messages. */
    public static ImageVolume readImage(byte[] content, String source) {
        return readImage(NiftiInput.open(new ByteArrayInputStream(content), content.length, source));
    }

    /** A label map from the bytes of a NIfTI file (compressed or not); {@code source} names it in messages. */
    public static LabelMap readLabels(byte[] content, String source) {
        return readLabels(NiftiInput.open(new ByteArrayInputStream(content), content.length, source), source);
    }

    private static ImageVolume readImage(NiftiInput opened) {
        try (NiftiInput in = opened) {
            NiftiHeader h = in.header();
            float[] data = new float[(int) h.voxelCount()];
            boolean scale = h.hasScaling();
            double slope = h.sclSlope();
            double inter = h.sclInter();
            double[] chunk = new double[in.chunkVoxels()];
            for (int pos = 0; pos < data.length; ) {
                int count = Math.min(chunk.length, data.length - pos);
                in.next(count, chunk);
                if (scale) {
                    for (int i = 0; i < count; i++) {
                        data[pos + i] = (float) (chunk[i] * slope + inter);
                    }
                } else {
                    for (int i = 0; i < count; i++) {
                        data[pos + i] = (float) chunk[i];
                    }
                }
                pos += count;
            }
            return new ImageVolume(h.grid(), h.nt(), data);
        }
    }

    /**
     * A label map. The file must be 3D (or 4D with one channel) and every voxel, after scaling, a
     * finite integer that fits in an {@code int}; otherwise the message names the first bad voxel.
     */
    public static LabelMap readLabels(Path path) {
        return readLabels(NiftiInput.open(path), path.toString());
    }

    private static LabelMap readLabels(NiftiInput opened, String path) {
        try (NiftiInput in = opened) {
            NiftiHeader h = in.header();
            if (h.nt() != 1) {
                throw new BadInputException(path + ": a label map must be 3D, but this file has " + h.nt()
                        + " channels along dim[4]");
            }
            Grid grid = h.grid();
            boolean scale = h.hasScaling();
            double slope = h.sclSlope();
            double inter = h.sclInter();
            double[] chunk = new double[in.chunkVoxels()];
            int[] labels = new int[chunk.length];
            int n = grid.voxelCount();
            LabelMap map = null;
            for (int pos = 0; pos < n; ) {
                int count = Math.min(chunk.length, n - pos);
                in.next(count, chunk);
                int lo = Integer.MAX_VALUE;
                int hi = Integer.MIN_VALUE;
                for (int i = 0; i < count; i++) {
                    double v = scale ? chunk[i] * slope + inter : chunk[i];
                    int label = (int) v;
                    if (label != v) {
                        throw notALabel(path, grid, pos + i, v);
                    }
                    labels[i] = label;
                    lo = Math.min(lo, label);
                    hi = Math.max(hi, label);
                }
                if (map == null) {
                    map = LabelMap.zeros(grid, lo, hi); // the first chunk's range picks the storage
                }
                map.ensureHolds(lo, hi);
                map.setAll(pos, labels, count);
                pos += count;
            }
            return map;
        }
    }

    private static BadInputException notALabel(String path, Grid grid, int index, double value) {
        String what = Double.isNaN(value) ? "NaN" : Double.isInfinite(value) ? "an infinite value"
                : (value == Math.rint(value) ? "the value " + value + ", outside the int range," : "the non-integer value " + value);
        return new BadInputException(path + ": voxel " + grid.describeVoxel(index) + " holds " + what
                + "; a label map needs integer labels (is this an image rather than a segmentation?)");
    }
}
