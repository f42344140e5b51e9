package org.lossbench.datasets.phantom;

/**
 * A rotated ellipsoid whose radius is modulated by a smooth function of direction, giving organ-like
 * blobs: {@code rho(q) = |q / r|} with {@code q = R^T (p - c)}, and the surface is
 * {@code rho = m(n)}, {@code m(n) = 1 + sum_k a_k sin(f_k . n + phi_k)}, {@code n = q / |q|}.
 *
 * <p>The signed distance is the first-order estimate {@code (rho - m) / |grad rho|}, with
 * {@code |grad rho| = |q / r^2| / rho}; it is exact on a sphere and accurate to a fraction of a voxel
 * near the surface of the mildly eccentric shapes used here, which is where it is used. Far from
 * the surface of a modulated ellipsoid, a bound replaces it (see {@link #FAR_INSIDE}).
 */
final class Ellipsoid implements Shape {
    /**
     * Beyond these distances (voxels) inside or outside, a bound on the distance is returned instead
     * of the exact estimate: every caller only asks whether a point is outside (>= 0.5), inside
     * (< 0) or deeper inside than a lesion radius plus margin (< -5.5), which the bound answers alike.
     */
    static final double FAR_INSIDE = 8;
    static final double FAR_OUTSIDE = 1;

    private final double cz;
    private final double cy;
    private final double cx;
    private final double rz;
    private final double ry;
    private final double rx;
    private final double[] rot; // row-major 3x3, columns = ellipsoid axes in (z, y, x)
    private final double[][] modulation; // rows {a, fz, fy, fx, phi}
    private final double maxScale;

    Ellipsoid(double[] centre, double[] radii, double[] rotation, double[][] modulation) {
        this.cz = centre[0];
        this.cy = centre[1];
        this.cx = centre[2];
        this.rz = radii[0];
        this.ry = radii[1];
        this.rx = radii[2];
        this.rot = rotation.clone();
        this.modulation = modulation;
        double amp = 0;
        for (double[] m : modulation) {
            amp += Math.abs(m[0]);
        }
        this.maxScale = 1 + amp;
    }

    /** An axis-aligned, unmodulated ellipsoid. */
    static Ellipsoid axisAligned(double[] centre, double[] radii) {
        return new Ellipsoid(centre, radii, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[0][]);
    }

    /** Rotation matrix for Euler angles (radians) about z, then y, then x. */
    static double[] rotation(double a, double b, double c) {
        double ca = StrictMath.cos(a);
        double sa = StrictMath.sin(a);
        double cb = StrictMath.cos(b);
        double sb = StrictMath.sin(b);
        double cc = StrictMath.cos(c);
        double sc = StrictMath.sin(c);
        double[] rzm = {1, 0, 0, 0, ca, -sa, 0, sa, ca};
        double[] rym = {cb, 0, sb, 0, 1, 0, -sb, 0, cb};
        double[] rxm = {cc, -sc, 0, sc, cc, 0, 0, 0, 1};
        return multiply(multiply(rzm, rym), rxm);
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] out = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += a[i * 3 + k] * b[k * 3 + j];
                }
                out[i * 3 + j] = s;
            }
        }
        return out;
    }

    @Override
    public double distance(double z, double y, double x) {
        double pz = z - cz;
        double py = y - cy;
        double px = x - cx;
        double qz = rot[0] * pz + rot[3] * py + rot[6] * px;
        double qy = rot[1] * pz + rot[4] * py + rot[7] * px;
        double qx = rot[2] * pz + rot[5] * py + rot[8] * px;
        double sz = qz / rz;
        double sy = qy / ry;
        double sx = qx / rx;
        double rho = Math.sqrt(sz * sz + sy * sy + sx * sx);
        if (rho < 1e-9) {
            return -Math.min(rz, Math.min(ry, rx));
        }
        double gz = sz / rz;
        double gy = sy / ry;
        double gx = sx / rx;
        double grad = Math.sqrt(gz * gz + gy * gy + gx * gx) / rho;
        double m = 1;
        if (modulation.length > 0) {
            // m lies in [2 - maxScale, maxScale]; far from the surface the bound decides (and skips the sines)
            double inner = (rho - (2 - maxScale)) / grad;
            if (inner < -FAR_INSIDE) {
                return inner;
            }
            double outer = (rho - maxScale) / grad;
            if (outer > FAR_OUTSIDE) {
                return outer;
            }
            double len = Math.sqrt(qz * qz + qy * qy + qx * qx);
            double nz = qz / len;
            double ny = qy / len;
            double nx = qx / len;
            for (double[] k : modulation) {
                m += k[0] * StrictMath.sin(k[1] * nz + k[2] * ny + k[3] * nx + k[4]);
            }
        }
        return (rho - m) / grad;
    }

    @Override
    public int[] bounds() {
        double r = Math.max(rz, Math.max(ry, rx)) * maxScale + 1;
        return new int[] {
            (int) Math.floor(cz - r), (int) Math.ceil(cz + r),
            (int) Math.floor(cy - r), (int) Math.ceil(cy + r),
            (int) Math.floor(cx - r), (int) Math.ceil(cx + r),
        };
    }
}
