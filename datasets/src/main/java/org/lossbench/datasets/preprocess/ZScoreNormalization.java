package org.lossbench.datasets.preprocess;

import org.lossbench.core.volume.ImageVolume;

/**
 * Per-channel z-score normalisation, {@code x' = (x - mean) / max(std, 1e-8)}, as nnU-Net's
 * {@code ZScoreNormalization} and MONAI's {@code NormalizeIntensity(channel_wise=True)} do for MR.
 * With a mask, the statistics come from the masked voxels only (nnU-Net's {@code use_mask_for_norm},
 * used when cropping to the non-zero region changed the image size), and voxels outside the mask
 * are set to 0.
 */
public final class ZScoreNormalization {
    private ZScoreNormalization() {
    }

    /** A copy of {@code image} with every channel normalised; {@code mask} (length {@code D*H*W}) may be {@code null}. */
    public static ImageVolume apply(ImageVolume image, boolean[] mask) {
        float[] out = image.data().clone();
        for (int c = 0; c < image.channels(); c++) {
            normaliseChannel(image.data(), out, c, image.grid().voxelCount(), mask);
        }
        return new ImageVolume(image.grid(), image.channels(), out);
    }

    /** A copy of {@code image} with only channel {@code channel} normalised. */
    public static ImageVolume applyChannel(ImageVolume image, int channel, boolean[] mask) {
        float[] out = image.data().clone();
        normaliseChannel(image.data(), out, channel, image.grid().voxelCount(), mask);
        return new ImageVolume(image.grid(), image.channels(), out);
    }

    private static void normaliseChannel(float[] in, float[] out, int c, int n, boolean[] mask) {
        int off = c * n;
        double sum = 0;
        long count = 0;
        for (int i = 0; i < n; i++) {
            if (mask == null || mask[i]) {
                sum += in[off + i];
                count++;
            }
        }
        double mean = count == 0 ? 0 : sum / count;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            if (mask == null || mask[i]) {
                double d = in[off + i] - mean;
                ss += d * d;
            }
        }
        double std = Math.max(count == 0 ? 0 : Math.sqrt(ss / count), 1e-8);
        for (int i = 0; i < n; i++) {
            out[off + i] = mask == null || mask[i] ? (float) ((in[off + i] - mean) / std) : 0f;
        }
    }
}
