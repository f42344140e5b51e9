package org.lossbench.datasets.phantom;

import java.util.Arrays;
import org.lossbench.core.volume.Grid;

/**
 * A tube of constant radius around a polyline (a vessel). Evaluating the distance to every segment
 * at every voxel would cost {@code O(voxels x segments)}, so the distance is rasterised once into a
 * narrow band around the centreline (each segment updates only the voxels of its own bounding box)
 * and looked up afterwards; outside the band the distance is {@link #FAR}.
 */
final class Tube implements Shape {
    static final double FAR = 1e6;

    private final Grid grid;
    private final float[] centreDistance;
    private final double radius;
    private final int[] bounds;

    /** @param points centreline vertices {@code {z, y, x}} in voxels; {@code band} extra voxels of distance kept beyond the radius */
    Tube(Grid grid, double[][] points, double radius, double band) {
        this.grid = grid;
        this.radius = radius;
        this.centreDistance = new float[grid.voxelCount()];
        Arrays.fill(centreDistance, (float) FAR);
        int[] b = {Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE};
        double reach = radius + band;
        for (int s = 0; s + 1 < points.length; s++) {
            double[] a = points[s];
            double[] c = points[s + 1];
            int z0 = Math.max(0, (int) Math.floor(Math.min(a[0], c[0]) - reach));
            int z1 = Math.min(grid.depth() - 1, (int) Math.ceil(Math.max(a[0], c[0]) + reach));
            int y0 = Math.max(0, (int) Math.floor(Math.min(a[1], c[1]) - reach));
            int y1 = Math.min(grid.height() - 1, (int) Math.ceil(Math.max(a[1], c[1]) + reach));
            int x0 = Math.max(0, (int) Math.floor(Math.min(a[2], c[2]) - reach));
            int x1 = Math.min(grid.width() - 1, (int) Math.ceil(Math.max(a[2], c[2]) + reach));
            for (int z = z0; z <= z1; z++) {
                for (int y = y0; y <= y1; y++) {
                    for (int x = x0; x <= x1; x++) {
                        double d = segmentDistance(z, y, x, a, c);
                        int i = grid.index(z, y, x);
                        if (d < centreDistance[i]) {
                            centreDistance[i] = (float) d;
                        }
                    }
                }
            }
            b[0] = Math.min(b[0], z0);
            b[1] = Math.max(b[1], z1);
            b[2] = Math.min(b[2], y0);
            b[3] = Math.max(b[3], y1);
            b[4] = Math.min(b[4], x0);
            b[5] = Math.max(b[5], x1);
        }
        this.bounds = b;
    }

    /** Distance from {@code p} to the segment {@code [a, c]}. */
    static double segmentDistance(double pz, double py, double px, double[] a, double[] c) {
        double vz = c[0] - a[0];
        double vy = c[1] - a[1];
        double vx = c[2] - a[2];
        double wz = pz - a[0];
        double wy = py - a[1];
        double wx = px - a[2];
        double len2 = vz * vz + vy * vy + vx * vx;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, (wz * vz + wy * vy + wx * vx) / len2));
        double dz = wz - t * vz;
        double dy = wy - t * vy;
        double dx = wx - t * vx;
        return Math.sqrt(dz * dz + dy * dy + dx * dx);
    }

    /** Only integer voxel positions inside the grid are looked up; the tube is rasterised, never warped. */
    @Override
    public double distance(double z, double y, double x) {
        int iz = (int) z;
        int iy = (int) y;
        int ix = (int) x;
        if (iz != z || iy != y || ix != x || iz < 0 || iy < 0 || ix < 0
                || iz >= grid.depth() || iy >= grid.height() || ix >= grid.width()) {
            throw new IllegalArgumentException("a rasterised tube is sampled at voxel centres only");
        }
        double d = centreDistance[grid.index(iz, iy, ix)];
        return d >= FAR ? FAR : d - radius;
    }

    @Override
    public int[] bounds() {
        return bounds.clone();
    }
}
