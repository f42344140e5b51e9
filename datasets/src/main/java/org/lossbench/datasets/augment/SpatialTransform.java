package org.lossbench.datasets.augment;

import java.util.SplittableRandom;
import org.lossbench.core.volume.Grid;
import org.lossbench.datasets.Rng;

/**
 * Random rotation, isotropic scaling and elastic deformation, fused into one coordinate map so the
 * image is interpolated once (as batchgenerators' {@code SpatialTransform} in nnU-Net does).
 *
 * <p>For output voxel {@code p} with grid centre {@code c} and spacing {@code s} (mm per voxel):
 * {@code src = c + (R^T (s * (p - c)) / k) / s + u(p)}, where {@code R = R_z(a) R_y(b) R_x(g)}
 * rotates about the three axes by angles uniform in {@code [-maxAngle, maxAngle]} (applied in mm, so
 * anisotropic grids rotate correctly), {@code k} is a zoom factor uniform in {@code [scaleMin, scaleMax]}
 * ({@code k > 1} enlarges the content), and {@code u} is a {@link BSplineField} displacement
 * (voxels). Each of rotation, scaling and deformation is applied with its own probability.
 *
 * @param interp image interpolation (labels are always nearest neighbour); trilinear by default
 */
public record SpatialTransform(double maxAngle, double pRotation, double scaleMin, double scaleMax, double pScale,
                               int controlPoints, double elasticSigma, double pElastic, ImageInterpolation interp, float fill)
        implements Transform {

    /** nnU-Net-like defaults: rotation +-30 deg (p 0.2), zoom 0.7..1.4 (p 0.2), B-spline deformation (p 0.2). */
    public static SpatialTransform defaults() {
        return new SpatialTransform(Math.toRadians(30), 0.2, 0.7, 1.4, 0.2, 5, 2.0, 0.2, ImageInterpolation.TRILINEAR, 0f);
    }

    @Override
    public Sample apply(Sample s, SplittableRandom random) {
        boolean rotate = random.nextDouble() < pRotation;
        double a = Rng.uniform(random, -maxAngle, maxAngle);
        double b = Rng.uniform(random, -maxAngle, maxAngle);
        double g = Rng.uniform(random, -maxAngle, maxAngle);
        boolean scale = random.nextDouble() < pScale;
        double k = Rng.uniform(random, scaleMin, scaleMax);
        boolean elastic = random.nextDouble() < pElastic;
        Grid grid = s.image().grid();
        float[][] u = elastic ? BSplineField.random(grid.shape(), controlPoints, elasticSigma, random) : null;
        if (!rotate && !scale && !elastic) {
            return s;
        }
        return apply(s, rotate ? new double[] {a, b, g} : new double[3], scale ? k : 1, u);
    }

    /** Applies rotation angles {@code (a, b, g)} (radians, about z, y, x), zoom {@code k} and displacement {@code u}. */
    Sample apply(Sample s, double[] angles, double k, float[][] u) {
        Grid grid = s.image().grid();
        double[] r = rotation(angles[0], angles[1], angles[2]);
        double[] sp = grid.spacing();
        double cz = (grid.depth() - 1) / 2.0;
        double cy = (grid.height() - 1) / 2.0;
        double cx = (grid.width() - 1) / 2.0;
        Warp.CoordinateMap map = (z, y, x, out) -> {
            double qz = (z - cz) * sp[0];
            double qy = (y - cy) * sp[1];
            double qx = (x - cx) * sp[2];
            // R^T q / k
            double tz = (r[0] * qz + r[3] * qy + r[6] * qx) / k;
            double ty = (r[1] * qz + r[4] * qy + r[7] * qx) / k;
            double tx = (r[2] * qz + r[5] * qy + r[8] * qx) / k;
            out[0] = cz + tz / sp[0];
            out[1] = cy + ty / sp[1];
            out[2] = cx + tx / sp[2];
            if (u != null) {
                int i = grid.index(z, y, x);
                out[0] += u[0][i];
                out[1] += u[1][i];
                out[2] += u[2][i];
            }
        };
        return Warp.apply(s, map, interp, fill);
    }

    /**
     * Row-major 3x3 rotation acting on {@code (z, y, x)} vectors: {@code a} turns the (y, x) plane
     * (about z), {@code b} the (z, x) plane, {@code g} the (z, y) plane; {@code R = R_a R_b R_g}.
     */
    static double[] rotation(double a, double b, double g) {
        double ca = StrictMath.cos(a);
        double sa = StrictMath.sin(a);
        double cb = StrictMath.cos(b);
        double sb = StrictMath.sin(b);
        double cg = StrictMath.cos(g);
        double sg = StrictMath.sin(g);
        double[] ra = {1, 0, 0, 0, ca, -sa, 0, sa, ca};
        double[] rb = {cb, 0, -sb, 0, 1, 0, sb, 0, cb};
        double[] rg = {cg, -sg, 0, sg, cg, 0, 0, 0, 1};
        return mul(mul(ra, rb), rg);
    }

    private static double[] mul(double[] p, double[] q) {
        double[] o = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                o[i * 3 + j] = p[i * 3] * q[j] + p[i * 3 + 1] * q[3 + j] + p[i * 3 + 2] * q[6 + j];
            }
        }
        return o;
    }
}
