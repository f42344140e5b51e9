package org.lossbench.models.arch;

import java.util.Arrays;

/**
 * Configuration of {@code vnet-lite}, the slimmed V-Net after Wong et al. 2018 ("3D segmentation
 * with exponential logarithmic loss for highly unbalanced object sizes", MICCAI), which reports
 * about 1/14 of V-Net's parameters.
 *
 * @param inChannels image channels
 * @param classes output classes (background included)
 * @param width channels of the first stage ({@code width * 2^s} at stage {@code s})
 * @param encoderConvs convolutions per encoder residual block, shallowest first, bottleneck last
 * @param kernel convolution kernel size (odd)
 * @param norm normalisation after each convolution
 * @param seed initialisation seed
 */
public record VNetLiteConfig(int inChannels, int classes, int width, int[] encoderConvs, int kernel, Normalization norm,
                             long seed) {
    /** Two-convolution residual blocks in every encoder stage, one at the bottleneck. */
    public static final int[] DEFAULT_ENCODER = {2, 2, 2, 2, 1};

    public VNetLiteConfig {
        encoderConvs = encoderConvs.clone();
        if (inChannels < 1 || classes < 2 || width < 1) {
            throw new IllegalArgumentException("vnet-lite needs in-channels >= 1, classes >= 2 and width >= 1");
        }
        if (encoderConvs.length < 2 || Arrays.stream(encoderConvs).anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("vnet-lite needs >= 2 stages of >= 1 convolution, got " + Arrays.toString(encoderConvs));
        }
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel must be odd and positive, got " + kernel);
        }
    }

    /** The default: width 16 (16..256 channels), 3x3x3 kernels, instance normalisation. */
    public static VNetLiteConfig defaults(int inChannels, int classes, long seed) {
        return new VNetLiteConfig(inChannels, classes, 16, DEFAULT_ENCODER, 3, Normalization.INSTANCE, seed);
    }

    public int depth() {
        return encoderConvs.length - 1;
    }

    public int channels(int s) {
        return width << s;
    }

    @Override
    public int[] encoderConvs() {
        return encoderConvs.clone();
    }
}
