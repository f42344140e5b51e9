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

    @Property(tries = 200)
    void affineToQformAndBack(@ForAll long seed, @ForAll boolean improper) {
        Affine a = randomAffine(new Random(seed), improper);
        Quaternions.Qform q = Quaternions.fromAffine(a);
        assertEquals(improper ? -1.0 : 1.0, q.qfac());
        Affine back = Quaternions.toAffine(q.b(), q.c(), q.d(), q.offsetX(), q.offsetY(), q.offsetZ(),
                a.columnNorm(0), a.columnNorm(1), a.columnNorm(2), q.qfac());
        assertArrayEquals(a.toArray(), back.toArray(), 1e-9);
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
