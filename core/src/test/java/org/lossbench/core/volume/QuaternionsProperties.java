package org.lossbench.core.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The qform conversions invert each other, and agree with hand-derived cases. */
class QuaternionsProperties {

    /** A random rotation (Rodrigues' formula), optionally improper, times positive voxel sizes, plus an offset. */
    private static Affine randomAffine(Random r, boolean improper) {
        double[] axis = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
        double norm = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
        for (int i = 0; i < 3; i++) {
            axis[i] /= norm;
        }
        double theta = r.nextDouble() * 2 * Math.PI;
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        double[][] k = {{0, -axis[2], axis[1]}, {axis[2], 0, -axis[0]}, {-axis[1], axis[0], 0}};
        double[][] rot = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double kk = 0;
                for (int m = 0; m < 3; m++) {
                    kk += k[i][m] * k[m][j];
                }
                rot[i][j] = (i == j ? 1 : 0) + s * k[i][j] + (1 - c) * kk;
            }
        }
        double[] zoom = {0.3 + 3 * r.nextDouble(), 0.3 + 3 * r.nextDouble(), 0.3 + 3 * r.nextDouble()};
        double[] m = new double[16];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[i * 4 + j] = rot[i][j] * zoom[j] * (improper && j == 2 ? -1 : 1);
            }
            m[i * 4 + 3] = 200 * r.nextDouble() - 100;
        }
        m[15] = 1;
        return Affine.of(m);
    }

    /**
     * Round trip within 1e-9, except near a half-turn: {@code nifti_quatern_to_mat44} recovers
     * {@code a = sqrt(1 - b^2 - c^2 - d^2)} and sets it to 0 when {@code a^2 < 1e-7} (within 0.036 degrees
     * of a half-turn; the format stores b, c, d as float32, so it cannot do better). Dropping a changes
     * each rotation entry by at most {@code 2a + a^2} (the terms {@code 2ad}, {@code a^2}, ... and the
     * renormalisation of b, c, d), times the voxel size (at most 3.3 here). A random angle lands in that
     * band with probability 2e-4 per try.
     */
    @Property(tries = 200)
    void affineToQformAndBack(@ForAll long seed, @ForAll boolean improper) {
        Affine a = randomAffine(new Random(seed), improper);
        Quaternions.Qform q = Quaternions.fromAffine(a);
        assertEquals(improper ? -1.0 : 1.0, q.qfac());
        Affine back = Quaternions.toAffine(q.b(), q.c(), q.d(), q.offsetX(), q.offsetY(), q.offsetZ(),
                a.columnNorm(0), a.columnNorm(1), a.columnNorm(2), q.qfac());
        double aSquared = Math.max(0, 1 - (q.b() * q.b() + q.c() * q.c() + q.d() * q.d()));
        double tolerance = aSquared < 1e-7 ? 3.3 * (2 * Math.sqrt(aSquared) + aSquared) + 1e-9 : 1e-9;
        assertArrayEquals(a.toArray(), back.toArray(), tolerance);
    }

    /** The seed that found the half-turn band: 0.00059 rad short of a half-turn, a^2 = 8.7e-8. */
    @Example
    void nearHalfTurnFollowsNifti() {
        affineToQformAndBack(-2147689485407L, false);
    }

    /**
     * 1e-4 rad short of a half-turn about z ({@code a = sin(0.5e-4)}, {@code a^2 = 2.5e-9 < 1e-7}):
     * NIfTI's {@code quatern_to_mat44} reads it as the half-turn itself, x -> -x, y -> -y.
     */
    @Example
    void aRotationJustShortOfAHalfTurnReadsAsTheHalfTurn() {
        double half = (Math.PI - 1e-4) / 2;
        Affine a = Quaternions.toAffine(0, 0, Math.sin(half), 0, 0, 0, 1, 1, 1, 1);
        assertArrayEquals(new double[] {-1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}, a.toArray(), 1e-15);
    }

    @Example
    void identityIsTheZeroQuaternion() {
        Quaternions.Qform q = Quaternions.fromAffine(Affine.scaling(0.5, 0.7, 3));
        assertEquals(0, q.b(), 0);
        assertEquals(0, q.c(), 0);
        assertEquals(0, q.d(), 0);
        assertEquals(1, q.qfac());
    }

    @Example
    void halfTurnAboutZ() {
        // quaternion (a, b, c, d) = (0, 0, 0, 1) is a rotation by pi about z: x -> -x, y -> -y
        Affine a = Quaternions.toAffine(0, 0, 1, 10, 20, 30, 2, 3, 4, 1);
        assertArrayEquals(new double[] {-2, 0, 0, 10, 0, -3, 0, 20, 0, 0, 4, 30, 0, 0, 0, 1}, a.toArray(), 1e-12);
        // qfac -1 flips the third column
        Affine flipped = Quaternions.toAffine(0, 0, 1, 10, 20, 30, 2, 3, 4, -1);
        assertEquals(-4, flipped.get(2, 2), 1e-12);
    }
}
