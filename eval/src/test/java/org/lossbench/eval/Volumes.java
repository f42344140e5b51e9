package org.lossbench.eval;

import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;

/** Builders of small label maps for tests. */
public final class Volumes {
    private Volumes() {
    }

    /** Voxel predicate. */
    @FunctionalInterface
    public interface Shape {
        boolean contains(int z, int y, int x);
    }

    /** Sets {@code label} where {@code shape} holds. */
    public static LabelMap paint(LabelMap map, int label, Shape shape) {
        Grid g = map.grid();
        for (int z = 0; z < g.depth(); z++) {
            for (int y = 0; y < g.height(); y++) {
                for (int x = 0; x < g.width(); x++) {
                    if (shape.contains(z, y, x)) {
                        map.set(z, y, x, label);
                    }
                }
            }
        }
        return map;
    }

    /** Box {@code [z0..z1] x [y0..y1] x [x0..x1]} inclusive. */
    public static Shape cube(int z0, int z1, int y0, int y1, int x0, int x1) {
        return (z, y, x) -> z >= z0 && z <= z1 && y >= y0 && y <= y1 && x >= x0 && x <= x1;
    }

    /** Lattice ball {@code (z-cz)^2 + (y-cy)^2 + (x-cx)^2 <= r^2} (in voxels). */
    public static Shape ball(int cz, int cy, int cx, int r) {
        return (z, y, x) -> (z - cz) * (z - cz) + (y - cy) * (y - cy) + (x - cx) * (x - cx) <= r * r;
    }

    /** A map with {@code label} painted on {@code shape}. */
    public static LabelMap of(Grid g, int label, Shape shape) {
        return paint(LabelMap.zeros(g), label, shape);
    }
}
