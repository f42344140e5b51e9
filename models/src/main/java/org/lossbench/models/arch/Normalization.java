package org.lossbench.models.arch;

/**
 * Normalisation after a convolution. {@code NONE} is the original V-Net (Milletari et al. 2016);
 * {@code INSTANCE} is ONNX {@code InstanceNormalization} with a learnt per-channel scale and bias,
 * which behaves identically in training and inference (no running statistics), so the training
 * graph of the training issue needs no separate mode.
 */
public enum Normalization {
    NONE, INSTANCE
}
