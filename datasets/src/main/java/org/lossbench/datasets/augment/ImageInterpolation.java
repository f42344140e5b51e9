package org.lossbench.datasets.augment;

/** How spatial transforms interpolate images (labels always use nearest neighbour). */
public enum ImageInterpolation {
    TRILINEAR,
    NEAREST
}
