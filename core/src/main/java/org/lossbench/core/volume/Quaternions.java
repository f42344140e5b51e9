package org.lossbench.core.volume;

/**
 * Conversions between NIfTI's quaternion qform and a 4x4 affine, following {@code nifti1_io.c}
 * ({@code nifti_quatern_to_mat44} and {@code nifti_mat44_to_quatern}) so that lossbench agrees with
 * every other NIfTI reader.
 */
final class Quaternions {
    private Quaternions() {
    }

    /** The qform parameters of an affine; voxel sizes are the affine's column norms. */
    record Qform(double b, double c, double d, double offsetX, double offsetY, double offsetZ, double qfac) {
    }

    /** {@code nifti_quatern_to_mat44}. Non-positive voxel sizes are replaced by 1, as NIfTI does. */
    static Affine toAffine(double b, double c, double d, double qx, double qy, double qz,
                           double dx, double dy, double dz, double qfac) {
        double a = 1.0 - (b * b + c * c + d * d);
        if (a < 1.e-7) { // special case: a tiny rotation angle was rounded away; renormalise (b, c, d)
            a = 1.0 / Math.sqrt(b * b + c * c + d * d);
            b *= a;
            c *= a;
            d *= a;
            a = 0.0;
        } else {
            a = Math.sqrt(a);
        }
        double xd = dx > 0 ? dx : 1.0;
        double yd = dy > 0 ? dy : 1.0;
        double zd = dz > 0 ? dz : 1.0;
        if (qfac < 0) {
            zd = -zd;
        }
        return Affine.of(
                (a * a + b * b - c * c - d * d) * xd, 2 * (b * c - a * d) * yd, 2 * (b * d + a * c) * zd, qx,
                2 * (b * c + a * d) * xd, (a * a + c * c - b * b - d * d) * yd, 2 * (c * d - a * b) * zd, qy,
                2 * (b * d - a * c) * xd, 2 * (c * d + a * b) * yd, (a * a + d * d - c * c - b * b) * zd, qz,
                0, 0, 0, 1);
    }

    /** {@code nifti_mat44_to_quatern}: the closest rotation (polar decomposition) as a quaternion. */
    static Qform fromAffine(Affine affine) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[i][j] = affine.get(i, j);
            }
        }
        for (int col = 0; col < 3; col++) {
            double len = Math.sqrt(r[0][col] * r[0][col] + r[1][col] * r[1][col] + r[2][col] * r[2][col]);
            if (len == 0.0) {
                for (int row = 0; row < 3; row++) {
                    r[row][col] = row == col ? 1.0 : 0.0;
                }
                len = 1.0;
            }
            for (int row = 0; row < 3; row++) {
                r[row][col] /= len;
            }
        }
        double[][] p = polar(r);
        double det = determinant(p);
        double qfac = 1.0;
        if (det <= 0) {
            qfac = -1.0;
            for (int row = 0; row < 3; row++) {
                p[row][2] = -p[row][2];
            }
        }
        double r11 = p[0][0], r12 = p[0][1], r13 = p[0][2];
        double r21 = p[1][0], r22 = p[1][1], r23 = p[1][2];
        double r31 = p[2][0], r32 = p[2][1], r33 = p[2][2];
        double a = r11 + r22 + r33 + 1.0;
        double b;
        double c;
        double d;
        if (a > 0.5) {
            a = 0.5 * Math.sqrt(a);
            b = 0.25 * (r32 - r23) / a;
            c = 0.25 * (r13 - r31) / a;
            d = 0.25 * (r21 - r12) / a;
        } else {
            double xd = 1.0 + r11 - (r22 + r33);
            double yd = 1.0 + r22 - (r11 + r33);
            double zd = 1.0 + r33 - (r11 + r22);
            if (xd > 1.0) {
                b = 0.5 * Math.sqrt(xd);
                c = 0.25 * (r12 + r21) / b;
                d = 0.25 * (r13 + r31) / b;
                a = 0.25 * (r32 - r23) / b;
            } else if (yd > 1.0) {
                c = 0.5 * Math.sqrt(yd);
                b = 0.25 * (r12 + r21) / c;
                d = 0.25 * (r23 + r32) / c;
                a = 0.25 * (r13 - r31) / c;
            } else {
                d = 0.5 * Math.sqrt(zd);
                b = 0.25 * (r13 + r31) / d;
                c = 0.25 * (r23 + r32) / d;
                a = 0.25 * (r21 - r12) / d;
            }
            if (a < 0.0) {
                b = -b;
                c = -c;
                d = -d;
            }
        }
        return new Qform(b, c, d, affine.get(0, 3), affine.get(1, 3), affine.get(2, 3), qfac);
    }

    /** The orthogonal matrix closest to {@code m}, by the iteration {@code X <- (X + X^-T) / 2}. */
    private static double[][] polar(double[][] m) {
        double[][] x = new double[3][];
        for (int i = 0; i < 3; i++) {
            x[i] = m[i].clone();
        }
        for (int iter = 0; iter < 100; iter++) {
            double[][] inv = inverse(x);
            double change = 0;
            double[][] next = new double[3][3];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    next[i][j] = 0.5 * (x[i][j] + inv[j][i]);
                    change += Math.abs(next[i][j] - x[i][j]);
                }
            }
            x = next;
            if (change < 1e-14) {
                break;
            }
        }
        return x;
    }

    private static double determinant(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    private static double[][] inverse(double[][] m) {
        double det = determinant(m);
        if (det == 0.0) {
            throw new IllegalArgumentException("the affine's 3x3 part is singular");
        }
        double[][] inv = new double[3][3];
        inv[0][0] = (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det;
        inv[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det;
        inv[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det;
        inv[1][0] = (m[1][2] * m[2][0] - m[1][0] * m[2][2]) / det;
        inv[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det;
        inv[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det;
        inv[2][0] = (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det;
        inv[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det;
        inv[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det;
        return inv;
    }
}
