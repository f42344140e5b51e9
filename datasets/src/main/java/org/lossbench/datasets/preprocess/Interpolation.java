package org.lossbench.datasets.preprocess;

import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;

/** Sampling a volume at fractional voxel coordinates {@code (z, y, x)}. */
public final class Interpolation {
    private Interpolation() {
    }

    /**
     * Trilinear interpolation of the channel starting at {@code offset} in {@code data}. Outside
     * {@code [0, n - 1]} along an axis the coordinate is clamped to the edge when {@code outside} is
     * NaN, and otherwise the value {@code outside} is returned.
     */
    public static float trilinear(float[] data, int offset, Grid g, double z, double y, double x, float outside) {
        int d = g.depth();
        int h = g.height();
        int w = g.width();
        if (!Float.isNaN(outside) && (z < -0.5 || y < -0.5 || x < -0.5 || z > d - 0.5 || y > h - 0.5 || x > w - 0.5)) {
            return outside;
        }
        z = Math.max(0, Math.min(d - 1, z));
        y = Math.max(0, Math.min(h - 1, y));
        x = Math.max(0, Math.min(w - 1, x));
        int z0 = (int) z;
        int y0 = (int) y;
        int x0 = (int) x;
        int z1 = Math.min(d - 1, z0 + 1);
        int y1 = Math.min(h - 1, y0 + 1);
        int x1 = Math.min(w - 1, x0 + 1);
        double tz = z - z0;
        double ty = y - y0;
        double tx = x - x0;
        double c00 = lerp(data[offset + (z0 * h + y0) * w + x0], data[offset + (z0 * h + y0) * w + x1], tx);
        double c01 = lerp(data[offset + (z0 * h + y1) * w + x0], data[offset + (z0 * h + y1) * w + x1], tx);
        double c10 = lerp(data[offset + (z1 * h + y0) * w + x0], data[offset + (z1 * h + y0) * w + x1], tx);
        double c11 = lerp(data[offset + (z1 * h + y1) * w + x0], data[offset + (z1 * h + y1) * w + x1], tx);
        return (float) lerp(lerp(c00, c01, ty), lerp(c10, c11, ty), tz);
    }

    /** Nearest neighbour (round half up) of a float channel; {@code outside} beyond the volume. */
    public static float nearest(float[] data, int offset, Grid g, double z, double y, double x, float outside) {
        int iz = (int) Math.floor(z + 0.5);
        int iy = (int) Math.floor(y + 0.5);
        int ix = (int) Math.floor(x + 0.5);
        if (iz < 0 || iy < 0 || ix < 0 || iz >= g.depth() || iy >= g.height() || ix >= g.width()) {
            return outside;
        }
        return data[offset + g.index(iz, iy, ix)];
    }

    /**
     * Nearest-neighbour label (round half up). Beyond the volume: the edge label when {@code clamp},
     * else {@code outside}.
     */
    public static int nearest(LabelMap labels, double z, double y, double x, int outside, boolean clamp) {
        Grid g = labels.grid();
        int iz = (int) Math.floor(z + 0.5);
        int iy = (int) Math.floor(y + 0.5);
        int ix = (int) Math.floor(x + 0.5);
        if (clamp) {
            iz = Math.max(0, Math.min(g.depth() - 1, iz));
            iy = Math.max(0, Math.min(g.height() - 1, iy));
            ix = Math.max(0, Math.min(g.width() - 1, ix));
        } else if (iz < 0 || iy < 0 || ix < 0 || iz >= g.depth() || iy >= g.height() || ix >= g.width()) {
            return outside;
        }
        return labels.get(g.index(iz, iy, ix));
    }

    private static double lerp(double a, double b, double t) {
        return a + t * (b - a);
    }
}
