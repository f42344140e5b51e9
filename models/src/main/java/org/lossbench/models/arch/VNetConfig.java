package org.lossbench.models.arch;

import java.util.Arrays;

/**
 * Configuration of a V-Net (Milletari, Navab, Ahmadi 2016, "V-Net: Fully convolutional neural
 * networks for volumetric medical image segmentation", 3DV).
 *
 * @param inChannels image channels {@code C_in}
 * @param classes output classes {@code K} (background included)
 * @param width channels of the first stage; stage {@code s} has {@code width * 2^s}
 * @param encoderConvs convolutions per encoder stage, shallowest first, the last entry being the
 *        bottleneck; its length minus one is the number of down-samplings (the depth)
 * @param decoderConvs convolutions per decoder stage, deepest first; one entry per down-sampling
 * @param kernel convolution kernel size (odd)
 * @param norm normalisation after each convolution
 * @param seed initialisation seed
 */
public record VNetConfig(int inChannels, int classes, int width, int[] encoderConvs, int[] decoderConvs, int kernel,
                         Normalization norm, long seed) {
    /** The published layout (Fig. 2 of the paper): 1, 2, 3, 3 convolutions down, 3 at the bottom, 3, 3, 2, 1 up. */
    public static final int[] PAPER_ENCODER = {1, 2, 3, 3, 3};
    /** Decoder counts of Fig. 2, deepest stage first. */
    public static final int[] PAPER_DECODER = {3, 3, 2, 1};

    public VNetConfig {
        encoderConvs = encoderConvs.clone();
        decoderConvs = decoderConvs.clone();
        if (inChannels < 1 || classes < 2 || width < 1) {
            throw new IllegalArgumentException("V-Net needs in-channels >= 1, classes >= 2 and width >= 1, got "
                    + inChannels + ", " + classes + ", " + width);
        }
        if (encoderConvs.length < 2 || decoderConvs.length != encoderConvs.length - 1) {
            throw new IllegalArgumentException("V-Net needs one decoder stage per down-sampling: encoder "
                    + Arrays.toString(encoderConvs) + ", decoder " + Arrays.toString(decoderConvs));
        }
        for (int n : encoderConvs) {
            if (n < 1) {
                throw new IllegalArgumentException("every stage needs at least one convolution");
            }
        }
        for (int n : decoderConvs) {
            if (n < 1) {
                throw new IllegalArgumentException("every stage needs at least one convolution");
            }
        }
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel must be odd and positive, got " + kernel);
        }
    }

    /** The published V-Net: width 16 (16..256 channels), 5x5x5 kernels, no normalisation. */
    public static VNetConfig paper(int inChannels, int classes, long seed) {
        return new VNetConfig(inChannels, classes, 16, PAPER_ENCODER, PAPER_DECODER, 5, Normalization.NONE, seed);
    }

    /** {@code vnet-tiny}: one convolution per stage, any width, depth and kernel; trains in seconds on a CPU. */
    public static VNetConfig tiny(int inChannels, int classes, int width, int depth, int kernel, long seed) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1, got " + depth);
        }
        int[] enc = new int[depth + 1];
        int[] dec = new int[depth];
        Arrays.fill(enc, 1);
        Arrays.fill(dec, 1);
        return new VNetConfig(inChannels, classes, width, enc, dec, kernel, Normalization.NONE, seed);
    }

    /** Number of down-samplings; spatial sizes must be multiples of {@code 2^depth}. */
    public int depth() {
        return encoderConvs.length - 1;
    }

    /** Channels of encoder stage {@code s}. */
    public int channels(int s) {
        return width << s;
    }

    @Override
    public int[] encoderConvs() {
        return encoderConvs.clone();
    }

    @Override
    public int[] decoderConvs() {
        return decoderConvs.clone();
    }
}
