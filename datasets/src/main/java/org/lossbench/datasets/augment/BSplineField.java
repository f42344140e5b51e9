package org.lossbench.datasets.augment;

import java.util.SplittableRandom;
import org.lossbench.datasets.Rng;

/**
 * A smooth random displacement field: a uniform cubic B-spline whose control-point displacements
 * are independent {@code N(0, sigma^2)} per component, as in the free-form deformations of
 * Rueckert et al. 1999 and the "smooth nonlinear deformations" of the V-Net paper (Milletari et
 * al. 2016).
 *
 * <p>With {@code c} control points along an axis of {@code n} voxels, the knots are
 * {@code s = (n - 1) / (c - 3)} voxels apart and the first lies one spacing before voxel 0, so the
 * spline covers the whole axis. Voxel {@code i} has {@code u = i / s + 1}, {@code j = floor(u)},
 * {@code t = u - j}, and the displacement is {@code sum B_k(t) c[j - 1 + k]} over the four cubic
 * B-spline basis functions {@code B_0 = (1 - t)^3 / 6}, {@code B_1 = (3t^3 - 6t^2 + 4) / 6},
 * {@code B_2 = (-3t^3 + 3t^2 + 3t + 1) / 6}, {@code B_3 = t^3 / 6}. Evaluation is separable.
 */
public final class BSplineField {
    private BSplineField() {
    }

    /**
     * Samples a field on a grid of {@code shape = {D, H, W}} with {@code controlPoints} per axis
     * (at least 4) and control displacement standard deviation {@code sigma} voxels.
     *
     * @return {@code {uz, uy, ux}}, each {@code D * H * W} values in voxels, C order
     */
    public static float[][] random(int[] shape, int controlPoints, double sigma, SplittableRandom random) {
        if (controlPoints < 4) {
            throw new IllegalArgumentException("a cubic B-spline needs at least 4 control points per axis, got " + controlPoints);
        }
        int c = controlPoints;
        float[][] out = new float[3][];
        for (int comp = 0; comp < 3; comp++) {
            double[] coef = new double[c * c * c];
            Rng.gaussians(random, coef);
            for (int i = 0; i < coef.length; i++) {
                coef[i] *= sigma;
            }
            out[comp] = evaluate(shape, c, coef);
        }
        return out;
    }

    /** Evaluates the spline with coefficients {@code coef[c][c][c]} (C order) at every voxel. */
    static float[] evaluate(int[] shape, int c, double[] coef) {
        int d = shape[0];
        int h = shape[1];
        int w = shape[2];
        double[][] bx = weights(w, c);
        double[][] by = weights(h, c);
        double[][] bz = weights(d, c);
        double[] t1 = new double[c * c * w];
        for (int a = 0; a < c * c; a++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int k = 0; k < c; k++) {
                    s += bx[x][k] * coef[a * c + k];
                }
                t1[a * w + x] = s;
            }
        }
        double[] t2 = new double[c * h * w];
        for (int a = 0; a < c; a++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double s = 0;
                    for (int k = 0; k < c; k++) {
                        s += by[y][k] * t1[(a * c + k) * w + x];
                    }
                    t2[(a * h + y) * w + x] = s;
                }
            }
        }
        float[] out = new float[d * h * w];
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double s = 0;
                    for (int k = 0; k < c; k++) {
                        s += bz[z][k] * t2[(k * h + y) * w + x];
                    }
                    out[(z * h + y) * w + x] = (float) s;
                }
            }
        }
        return out;
    }

    /** {@code weights[i][k]}: weight of control point {@code k} at voxel {@code i} of an axis of {@code n}. */
    static double[][] weights(int n, int c) {
        double spacing = n > 1 ? (n - 1.0) / (c - 3) : 1;
        double[][] out = new double[n][c];
        for (int i = 0; i < n; i++) {
            double u = i / spacing + 1;
            int j = Math.min((int) Math.floor(u), c - 3);
            double t = u - j;
            double[] b = basis(t);
            for (int k = 0; k < 4; k++) {
                out[i][j - 1 + k] = b[k];
            }
        }
        return out;
    }

    /** The four uniform cubic B-spline basis values at {@code t in [0, 1]}. */
    static double[] basis(double t) {
        double t2 = t * t;
        double t3 = t2 * t;
        double s = 1 - t;
        return new double[] {s * s * s / 6, (3 * t3 - 6 * t2 + 4) / 6, (-3 * t3 + 3 * t2 + 3 * t + 1) / 6, t3 / 6};
    }
}
