package org.lossbench.models.infer;

import java.util.Arrays;

/**
 * Settings of sliding-window inference.
 *
 * @param roi window size {@code [D, H, W]}
 * @param overlap fraction of a window shared with its neighbour along each axis, in {@code [0, 1)}
 * @param blend window weighting
 * @param sigmaScale Gaussian sigma as a fraction of the window size
 * @param batchSize windows per ONNX Runtime run
 * @param mirror test-time augmentation: average the prediction over all 8 combinations of flipping
 *        the D, H and W axes (as nnU-Net's mirroring)
 * @param keepProbabilities return the blended class probabilities as well as the label map
 */
public record SlidingWindowConfig(int[] roi, double overlap, Blend blend, double sigmaScale, int batchSize, boolean mirror,
                                  boolean keepProbabilities) {
    public SlidingWindowConfig {
        roi = roi.clone();
        if (roi.length != 3 || Arrays.stream(roi).anyMatch(r -> r < 1)) {
            throw new IllegalArgumentException("roi must be three positive sizes D,H,W, got " + Arrays.toString(roi));
        }
        if (!(overlap >= 0 && overlap < 1)) {
            throw new IllegalArgumentException("overlap must be in [0, 1), got " + overlap);
        }
        if (!(sigmaScale > 0)) {
            throw new IllegalArgumentException("sigma scale must be positive, got " + sigmaScale);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
    }

    /** Overlap 0.5, Gaussian blending with sigma 1/8, batch 1, no mirroring, labels only. */
    public static SlidingWindowConfig defaults(int... roi) {
        return new SlidingWindowConfig(roi, 0.5, Blend.GAUSSIAN, 0.125, 1, false, false);
    }

    @Override
    public int[] roi() {
        return roi.clone();
    }

    public SlidingWindowConfig withBatchSize(int n) {
        return new SlidingWindowConfig(roi, overlap, blend, sigmaScale, n, mirror, keepProbabilities);
    }

    public SlidingWindowConfig withMirror(boolean m) {
        return new SlidingWindowConfig(roi, overlap, blend, sigmaScale, batchSize, m, keepProbabilities);
    }

    public SlidingWindowConfig withProbabilities(boolean p) {
        return new SlidingWindowConfig(roi, overlap, blend, sigmaScale, batchSize, mirror, p);
    }
}
