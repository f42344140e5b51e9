package org.lossbench.datasets.augment;

import java.util.SplittableRandom;

/**
 * One augmentation. Every random choice is drawn from {@code random}, in a fixed order, so a
 * transform applied with generators of equal state gives identical results. Spatial transforms
 * move image and label together; intensity transforms leave the label alone.
 */
@FunctionalInterface
public interface Transform {
    Sample apply(Sample sample, SplittableRandom random);
}
