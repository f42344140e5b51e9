package org.lossbench.eval.surface;

import org.lossbench.core.volume.Grid;

/**
 * An axis-aligned box of voxels {@code [z0..z1] x [y0..y1] x [x0..x1]} (inclusive) in a grid's
 * {@code [D][H][W]} index space.
 */
public record Box(int z0, int z1, int y0, int y1, int x0, int x1) {

    public Box {
        if (z1 < z0 || y1 < y0 || x1 < x0) {
            throw new IllegalArgumentException("empty box " + z0 + ".." + z1 + ", " + y0 + ".." + y1 + ", " + x0 + ".." + x1);
        }
    }

    public int depth() {
        return z1 - z0 + 1;
    }

    public int height() {
        return y1 - y0 + 1;
    }

    public int width() {
        return x1 - x0 + 1;
    }

    /** Number of voxels in the box. */
    public long voxels() {
        return (long) depth() * height() * width();
    }

    /** The smallest box holding both. */
    public Box union(Box o) {
        return new Box(Math.min(z0, o.z0), Math.max(z1, o.z1), Math.min(y0, o.y0), Math.max(y1, o.y1),
                Math.min(x0, o.x0), Math.max(x1, o.x1));
    }

    /** The box grown by {@code margin} voxels on every side, clipped to {@code grid}. */
    public Box grow(int margin, Grid grid) {
        return new Box(Math.max(0, z0 - margin), Math.min(grid.depth() - 1, z1 + margin),
                Math.max(0, y0 - margin), Math.min(grid.height() - 1, y1 + margin),
                Math.max(0, x0 - margin), Math.min(grid.width() - 1, x1 + margin));
    }

    /** {@code a} or {@code b} when the other is null; their union otherwise. */
    public static Box unionOf(Box a, Box b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a.union(b);
    }
}
