/**
 * Surface distances in millimetres with anisotropic spacing: an exact Euclidean distance transform evaluated
 * where needed, the boundary distances between two masks in a bounding box, and the metrics MONAI defines on them
 * (Hausdorff distance and its percentiles, symmetric mean surface distance, surface Dice).
 */
package org.lossbench.eval.surface;

