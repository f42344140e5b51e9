package org.lossbench.core.graph;

import java.util.Arrays;

/**
 * Explicit geometry of a convolution or transposed convolution: strides, {@code pads} as
 * {@code [begin_1..begin_n, end_1..end_n]}, dilations, group count and (transposed only)
 * {@code output_padding}. The builder always writes these attributes and never {@code auto_pad},
 * whose {@code SAME_*} semantics ONNX Runtime implements inconsistently for ConvTranspose.
 */
public record ConvSpec(long[] strides, long[] pads, long[] dilations, long group, long[] outputPadding) {
    public ConvSpec {
        int n = strides.length;
        if (pads.length != 2 * n || dilations.length != n || outputPadding.length != n || group < 1) {
            throw new IllegalArgumentException("inconsistent convolution spec: strides " + Arrays.toString(strides)
                    + ", pads " + Arrays.toString(pads) + ", dilations " + Arrays.toString(dilations)
                    + ", output_padding " + Arrays.toString(outputPadding) + ", group " + group);
        }
        strides = strides.clone();
        pads = pads.clone();
        dilations = dilations.clone();
        outputPadding = outputPadding.clone();
    }

    /** Stride 1 with symmetric padding {@code (k - 1) / 2} that keeps the size for an odd kernel {@code k}. */
    public static ConvSpec same(int spatialRank, int kernel) {
        if (kernel % 2 == 0) {
            throw new IllegalArgumentException("a size-preserving convolution needs an odd kernel, got " + kernel);
        }
        return new ConvSpec(fill(spatialRank, 1), fill(2 * spatialRank, (kernel - 1) / 2), fill(spatialRank, 1), 1,
                fill(spatialRank, 0));
    }

    /** Kernel equal to the stride, no padding: {@code out = in / stride} (down-sampling), or {@code in * stride} transposed. */
    public static ConvSpec strided(int spatialRank, int stride) {
        return new ConvSpec(fill(spatialRank, stride), fill(2 * spatialRank, 0), fill(spatialRank, 1), 1,
                fill(spatialRank, 0));
    }

    @Override
    public long[] strides() {
        return strides.clone();
    }

    @Override
    public long[] pads() {
        return pads.clone();
    }

    @Override
    public long[] dilations() {
        return dilations.clone();
    }

    @Override
    public long[] outputPadding() {
        return outputPadding.clone();
    }

    private static long[] fill(int n, long v) {
        long[] a = new long[n];
        Arrays.fill(a, v);
        return a;
    }
}
