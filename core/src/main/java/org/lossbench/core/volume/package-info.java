/**
 * Volumes on a sampling grid: {@link org.lossbench.core.volume.Grid} (shape {@code [D][H][W]}, spacing
 * {@code (sz, sy, sx)} mm, orientation), float images with channels, integer label maps, and NIfTI's affines and
 * quaternions (docs/design.md, "Layout").
 */
package org.lossbench.core.volume;

