package org.lossbench.datasets.preprocess;

import java.util.Arrays;
import java.util.List;
import org.lossbench.core.BadInputException;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;

/**
 * nnU-Net's CT normalisation (Isensee et al. 2021): intensities are clipped to the 0.5 and 99.5
 * percentiles of the foreground voxels of the whole training set, then standardised with that
 * foreground's mean and standard deviation: {@code x' = (clip(x, lo, hi) - mean) / max(std, 1e-8)}.
 *
 * @param lower clip floor (0.5 percentile)
 * @param upper clip ceiling (99.5 percentile)
 */
public record CtNormalization(double lower, double upper, double mean, double std) {
    /** Percentiles are linear interpolations between order statistics (numpy's default "linear" method). */
    public static CtNormalization fit(List<ImageVolume> images, List<LabelMap> labels, int channel) {
        long total = 0;
        for (LabelMap l : labels) {
            for (int i = 0; i < l.size(); i++) {
                if (l.get(i) > 0) {
                    total++;
                }
            }
        }
        if (total == 0) {
            throw new BadInputException("CT normalisation needs foreground voxels, but every label map is empty");
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new BadInputException("too many foreground voxels (" + total + ") to fit CT normalisation in memory");
        }
        double[] values = new double[(int) total];
        int k = 0;
        for (int c = 0; c < images.size(); c++) {
            ImageVolume img = images.get(c);
            LabelMap l = labels.get(c);
            int n = img.grid().voxelCount();
            for (int i = 0; i < n; i++) {
                if (l.get(i) > 0) {
                    values[k++] = img.data()[channel * n + i];
                }
            }
        }
        double mean = Arrays.stream(values).sum() / values.length;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        Arrays.sort(values);
        return new CtNormalization(percentile(values, 0.5), percentile(values, 99.5), mean, Math.sqrt(ss / values.length));
    }

    /** The {@code p}-th percentile of sorted {@code values} by linear interpolation. */
    static double percentile(double[] sorted, double p) {
        double pos = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** A normalised copy of channel {@code channel} of {@code image} (other channels copied unchanged). */
    public ImageVolume apply(ImageVolume image, int channel) {
        int n = image.grid().voxelCount();
        float[] out = image.data().clone();
        double s = Math.max(std, 1e-8);
        for (int i = channel * n; i < (channel + 1) * n; i++) {
            double v = Math.min(upper, Math.max(lower, out[i]));
            out[i] = (float) ((v - mean) / s);
        }
        return new ImageVolume(image.grid(), image.channels(), out);
    }
}
