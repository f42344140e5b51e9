package org.lossbench.datasets.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BSplineFieldTest {
    /** Cubic B-splines form a partition of unity: equal coefficients give that constant. */
    @Test
    void constantCoefficientsReproduceTheConstant() {
        int c = 5;
        double[] coef = new double[c * c * c];
        java.util.Arrays.fill(coef, 2.5);
        float[] f = BSplineField.evaluate(new int[] {7, 9, 11}, c, coef);
        for (float v : f) {
            assertEquals(2.5, v, 1e-5);
        }
    }

    /** Cubic B-splines reproduce linear functions: coefficients {@code c_k = k} along x give {@code u = x / s + 1}. */
    @Test
    void linearCoefficientsReproduceTheKnotCoordinate() {
        int c = 6;
        int[] shape = {4, 5, 13};
        double[] coef = new double[c * c * c];
        for (int i = 0; i < coef.length; i++) {
            coef[i] = i % c;
        }
        float[] f = BSplineField.evaluate(shape, c, coef);
        double s = (13 - 1.0) / (c - 3);
        for (int z = 0; z < 4; z++) {
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 13; x++) {
                    assertEquals(x / s + 1, f[(z * 5 + y) * 13 + x], 1e-5);
                }
            }
        }
    }
}
