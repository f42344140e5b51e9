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

    private final List<ImageVolume> references;
    private final double p;

    public HistogramMatching(List<ImageVolume> references, double p) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("histogram matching needs at least one reference volume");
        }
        this.references = List.copyOf(references);
        this.p = p;
    }

    @Override
    public Sample apply(Sample s, SplittableRandom random) {
        boolean on = random.nextDouble() < p;
        int pick = random.nextInt(references.size());
        if (!on) {
            return s;
        }
        return new Sample(match(s.image(), references.get(pick)), s.label());
    }

    /** {@code image} with each channel's quantiles mapped onto those of the same channel of {@code reference}. */
    public static ImageVolume match(ImageVolume image, ImageVolume reference) {
        if (image.channels() != reference.channels()) {
            throw new IllegalArgumentException("channels differ: " + image.channels() + " vs " + reference.channels());
        }
        int n = image.grid().voxelCount();
        int rn = reference.grid().voxelCount();
        float[] out = image.data().clone();
        for (int c = 0; c < image.channels(); c++) {
            double[] src = landmarks(image.data(), c * n, n);
            double[] ref = landmarks(reference.data(), c * rn, rn);
            for (int i = c * n; i < (c + 1) * n; i++) {
                out[i] = (float) map(out[i], src, ref);
            }
        }
        return new ImageVolume(image.grid(), image.channels(), out);
    }

    static double[] landmarks(float[] data, int offset, int n) {
        float[] sorted = Arrays.copyOfRange(data, offset, offset + n);
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
