package org.lossbench.datasets.augment;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.lossbench.core.volume.ImageVolume;

/**
 * With probability {@code p}, matches each channel's intensity histogram to that of a reference
 * volume drawn at random from {@code references} (the V-Net paper's augmentation: "histogram
 * matching to adapt the intensity distributions of the training volumes ... to the ones of other
 * randomly chosen scans"). Piecewise-linear quantile mapping with {@value #LANDMARKS} landmarks
 * (the 0th, 1st, ..., 100th percentiles; Nyul and Udupa 1999): a value between two source landmarks
 * maps linearly between the matching reference landmarks.
 */
public final class HistogramMatching implements Transform {
    static final int LANDMARKS = 101;
    static final int MAX_SAMPLES = 16_384;

    /** Landmarks per reference and channel, computed once: {@code [reference][channel][landmark]}. */
    private final double[][][] referenceLandmarks;
    private final double p;

    public HistogramMatching(List<ImageVolume> references, double p) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("histogram matching needs at least one reference volume");
        }
        this.referenceLandmarks = new double[references.size()][][];
        for (int r = 0; r < references.size(); r++) {
            referenceLandmarks[r] = landmarks(references.get(r));
        }
        this.p = p;
    }

    @Override
    public Sample apply(Sample s, SplittableRandom random) {
        boolean on = random.nextDouble() < p;
        int pick = random.nextInt(referenceLandmarks.length);
        if (!on) {
            return s;
        }
        return new Sample(match(s.image(), referenceLandmarks[pick]), s.label());
    }

    /** {@code image} with each channel's quantiles mapped onto those of the same channel of {@code reference}. */
    public static ImageVolume match(ImageVolume image, ImageVolume reference) {
        return match(image, landmarks(reference));
    }

    private static ImageVolume match(ImageVolume image, double[][] reference) {
        if (image.channels() != reference.length) {
            throw new IllegalArgumentException("channels differ: " + image.channels() + " vs " + reference.length);
        }
        int n = image.grid().voxelCount();
        float[] out = image.data().clone();
        for (int c = 0; c < image.channels(); c++) {
            double[] src = landmarks(image.data(), c * n, n);
            for (int i = c * n; i < (c + 1) * n; i++) {
                out[i] = (float) map(out[i], src, reference[c]);
            }
        }
        return new ImageVolume(image.grid(), image.channels(), out);
    }

    private static double[][] landmarks(ImageVolume v) {
        int n = v.grid().voxelCount();
        double[][] out = new double[v.channels()][];
        for (int c = 0; c < v.channels(); c++) {
            out[c] = landmarks(v.data(), c * n, n);
        }
        return out;
    }

    /**
     * Percentile landmarks of {@code n} values from {@code offset}; above {@value #MAX_SAMPLES} values
     * they are estimated from every {@code ceil(n / MAX_SAMPLES)}-th value (a percentile error well
     * under one landmark step), which keeps matching cheap for whole patches.
     */
    static double[] landmarks(float[] data, int offset, int n) {
        int stride = (n + MAX_SAMPLES - 1) / MAX_SAMPLES;
        float[] sorted = new float[(n + stride - 1) / stride];
        for (int i = 0, k = 0; i < n; i += stride) {
            sorted[k++] = data[offset + i];
        }
        n = sorted.length;
        Arrays.sort(sorted);
        double[] q = new double[LANDMARKS];
        for (int k = 0; k < LANDMARKS; k++) {
            double pos = k / (LANDMARKS - 1.0) * (n - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(n - 1, lo + 1);
            q[k] = sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
        }
        return q;
    }

    /** Piecewise-linear map through landmark pairs; flat source segments map to their reference midpoint. */
    static double map(double v, double[] src, double[] ref) {
        int k = Arrays.binarySearch(src, v);
        if (k >= 0) {
            // v equals a landmark; take the middle of the run of equal landmarks
            int lo = k;
            int hi = k;
            while (lo > 0 && src[lo - 1] == v) {
                lo--;
            }
            while (hi < src.length - 1 && src[hi + 1] == v) {
                hi++;
            }
            return (ref[lo] + ref[hi]) / 2;
        }
        int hi = -k - 1;
        if (hi == 0) {
            return ref[0] + (v - src[0]);
        }
        if (hi == src.length) {
            return ref[src.length - 1] + (v - src[src.length - 1]);
        }
        int lo = hi - 1;
        double t = (v - src[lo]) / (src[hi] - src[lo]);
        return ref[lo] + t * (ref[hi] - ref[lo]);
    }
}
