package org.lossbench.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The radix sort against {@link Arrays#sort(float[])}, bit for bit, on arrays long enough to take the radix path. */
class FloatSortTest {
    private static void sameAsArraysSort(float[] a) {
        float[] expected = a.clone();
        Arrays.sort(expected);
        float[] actual = a.clone();
        FloatSort.sort(actual);
        int[] e = new int[a.length];
        int[] g = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            e[i] = Float.floatToRawIntBits(expected[i]);
            g[i] = Float.floatToRawIntBits(actual[i]);
        }
        assertArrayEquals(e, g);
    }

    @Test
    void probabilitiesLikeASoftmaxGives() {
        SplittableRandom r = new SplittableRandom(1);
        float[] a = new float[1 << 18];
        for (int i = 0; i < a.length; i++) {
            double x = r.nextDouble();
            a[i] = (float) (x < 0.9 ? x * 1e-6 : x); // most voxels near 0, ties among them after rounding
        }
        sameAsArraysSort(a);
    }

    @Test
    void signsZerosInfinitiesSubnormalsAndTies() {
        SplittableRandom r = new SplittableRandom(2);
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, 1f, -1f, 0.5f};
        float[] a = new float[3 * FloatSort.RADIX_FROM];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextInt(3) == 0 ? special[r.nextInt(special.length)] : Float.intBitsToFloat(r.nextInt());
            if (Float.isNaN(a[i])) {
                a[i] = 2f;
            }
        }
        sameAsArraysSort(a);
    }

    @Test
    void allEqualKeysSkipEveryPass() {
        float[] a = new float[FloatSort.RADIX_FROM];
        Arrays.fill(a, 0.25f);
        sameAsArraysSort(a);
    }

    @Test
    void aNaNOrAShortArrayGoesToArraysSort() {
        SplittableRandom r = new SplittableRandom(3);
        float[] a = new float[2 * FloatSort.RADIX_FROM];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextGaussian();
        }
        a[17] = Float.NaN;
        sameAsArraysSort(a);
        sameAsArraysSort(new float[] {3f, -0f, 0f, Float.NaN, -2f});
    }
}
