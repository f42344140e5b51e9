package org.lossbench.core.io.inspect;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.nifti.NiftiHeader;
import org.lossbench.core.io.nifti.NiftiReader;
import org.lossbench.core.io.npy.NpyArray;
import org.lossbench.core.io.npy.NpyReader;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;

/**
 * What {@code lossbench inspect} reports about a NIfTI or NumPy file: its header, the value range
 * and, for integer data, the label histogram. The format is recognised by the file name
 * ({@code .npy}, otherwise NIfTI); a file is read once.
 */
public final class FileInspector {
    /** More distinct values than this and integer data is an image, not a label map: no histogram. */
    public static final int MAX_LABELS = 1000;

    private FileInspector() {
    }

    /** Voxel count and volume of one label. */
    public record LabelCount(long voxels, Double volumeMm3) {
    }

    /**
     * The summary of one file. Shapes and spacings follow docs/design.md: {@code [C,] D, H, W} and
     * {@code (sz, sy, sx)} mm; NumPy arrays keep their own shape and have no spacing or affine.
     */
    public record FileSummary(String path, String format, Boolean compressed, String datatype, String byteOrder,
                              int[] shape, Integer channels, double[] spacing, double[][] affine, Integer qformCode,
                              Integer sformCode, Double sclSlope, Double sclInter, Double min, Double max, Double mean,
                              long nanValues, Integer distinctValues, Map<String, LabelCount> labels) {
    }

    public static FileSummary inspect(Path path) {
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".npy") ? inspectNpy(path) : inspectNifti(path);
    }

    private static FileSummary inspectNifti(Path path) {
        if (!(path.getFileName().toString().endsWith(".nii") || path.getFileName().toString().endsWith(".nii.gz"))) {
            throw new BadInputException(path + ": unknown file type; lossbench reads .nii, .nii.gz and .npy");
        }
        NiftiHeader h = NiftiReader.readHeader(path);
        boolean labelLike = h.datatype().isInteger() && !h.hasScaling() && h.nt() == 1;
        Stats stats = new Stats();
        Grid grid;
        int[] shape;
        if (labelLike) {
            LabelMap labels = NiftiReader.readLabels(path);
            grid = labels.grid();
            shape = grid.shape();
            labels.histogram().forEach((value, count) -> stats.addMany(value, count));
        } else {
            ImageVolume image = NiftiReader.readImage(path);
            grid = image.grid();
            shape = image.channels() == 1 ? grid.shape()
                    : new int[] {image.channels(), grid.depth(), grid.height(), grid.width()};
            for (float v : image.data()) {
                stats.add(v);
            }
        }
        return new FileSummary(path.toString(), "nifti" + h.version(), path.toString().endsWith(".gz"), h.datatype().label(),
                order(h.byteOrder()), shape, h.nt(), grid.spacing(), grid.affine().toMatrix(), h.orientation().qformCode(),
                h.orientation().sformCode(), h.sclSlope(), h.sclInter(), stats.min(), stats.max(), stats.mean(), stats.nan,
                stats.distinct(), stats.labels(grid.voxelVolume()));
    }

    private static FileSummary inspectNpy(Path path) {
        NpyArray a = NpyReader.read(path);
        Stats stats = new Stats();
        stats.trackValues = a.dtype().isInteger();
        for (int i = 0; i < a.size(); i++) {
            stats.add(a.getDouble(i));
        }
        return new FileSummary(path.toString(), "npy", false, a.dtype().label(), null, a.shape(), null, null, null, null, null,
                null, null, stats.min(), stats.max(), stats.mean(), stats.nan, stats.distinct(), stats.labels(Double.NaN));
    }

    private static String order(ByteOrder o) {
        return o == ByteOrder.LITTLE_ENDIAN ? "little" : "big";
    }

    /** Running min, max, mean (over non-NaN values) and, for integers, value counts. */
    private static final class Stats {
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private double sum;
        private long count;
        private long nan;
        private boolean trackValues = true;
        private final Map<Long, Long> values = new LinkedHashMap<>();

        void add(double v) {
            if (Double.isNaN(v)) {
                nan++;
                return;
            }
            addMany(v, 1);
        }

        void addMany(double v, long n) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v * n;
            count += n;
            if (trackValues && values.size() <= MAX_LABELS) {
                if (v == Math.rint(v) && Math.abs(v) < 1L << 53) {
                    values.merge((long) v, n, Long::sum);
                } else {
                    trackValues = false;
                }
            }
        }

        Double min() {
            return count == 0 ? null : min;
        }

        Double max() {
            return count == 0 ? null : max;
        }

        Double mean() {
            return count == 0 ? null : sum / count;
        }

        Integer distinct() {
            return trackValues && values.size() <= MAX_LABELS ? values.size() : null;
        }

        Map<String, LabelCount> labels(double voxelVolume) {
            if (!trackValues || values.size() > MAX_LABELS) {
                return null;
            }
            SortedMap<Long, Long> sorted = new TreeMap<>(values);
            Map<String, LabelCount> out = new LinkedHashMap<>();
            sorted.forEach((label, n) -> out.put(Long.toString(label), new LabelCount(n,
                    Double.isNaN(voxelVolume) ? null : n * voxelVolume)));
            return out;
        }
    }
}
