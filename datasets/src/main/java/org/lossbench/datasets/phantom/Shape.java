package org.lossbench.datasets.phantom;

/**
 * A solid in voxel coordinates {@code (z, y, x)}, described by an approximate signed distance in
 * voxels (negative inside). The rasteriser uses it twice: the voxel centre's sign decides the
 * label, and {@code clamp(0.5 - d, 0, 1)} is the voxel's partial-volume occupancy (the share of a
 * unit voxel that a plane at distance {@code d} from its centre leaves inside the solid).
 */
interface Shape {
    /** Approximate signed distance from {@code (z, y, x)} to the surface, in voxels. */
    double distance(double z, double y, double x);

    /** Inclusive voxel bounds {@code {zmin, zmax, ymin, ymax, xmin, xmax}} outside which the shape has no occupancy. */
    int[] bounds();
}
