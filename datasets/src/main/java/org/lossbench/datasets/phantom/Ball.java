package org.lossbench.datasets.phantom;

/** A ball with exact signed distance {@code |p - c| - r} (voxels). */
final class Ball implements Shape {
    private final double cz;
    private final double cy;
    private final double cx;
    private final double radius;

    Ball(double cz, double cy, double cx, double radius) {
        this.cz = cz;
        this.cy = cy;
        this.cx = cx;
        this.radius = radius;
    }

    @Override
    public double distance(double z, double y, double x) {
        double dz = z - cz;
        double dy = y - cy;
        double dx = x - cx;
        return Math.sqrt(dz * dz + dy * dy + dx * dx) - radius;
    }

    @Override
    public int[] bounds() {
        double r = radius + 1;
        return new int[] {
            (int) Math.floor(cz - r), (int) Math.ceil(cz + r),
            (int) Math.floor(cy - r), (int) Math.ceil(cy + r),
            (int) Math.floor(cx - r), (int) Math.ceil(cx + r),
        };
    }
}
