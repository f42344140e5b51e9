/**
 * Training-time data augmentation after nnU-Net and the V-Net paper (flips, rotations, spatial and
 * elastic transforms, gamma, noise, histogram matching), each a seeded {@link org.lossbench.datasets.augment.Transform}
 * (docs/datasets.md).
 */
package org.lossbench.datasets.augment;

