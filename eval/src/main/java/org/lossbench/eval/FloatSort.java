package org.lossbench.eval;

import java.util.Arrays;

/**
 * Sorts a {@code float[]} in ascending order, in the order of {@link Arrays#sort(float[])} (-0.0 before 0.0), by a
 * least-significant-digit radix sort on the floats' bits: four stable counting passes of 8 bits each over keys that
 * order as unsigned integers exactly as the floats order as numbers (the sign bit flipped for a positive float, every
 * bit for a negative one), a pass skipped when every key has the same byte there. Arrays with a NaN, and short
 * arrays, go to {@link Arrays#sort(float[])}.
 *
 * <p>Why not a library: {@link ClassSeparability}'s ROC AUC sorts every voxel's probability once per class and case,
 * the bulk of a sweep cell's evaluation time. On 2^18 probabilities this sort took 3.8-11.9 ms against 18-23 ms for
 * {@code Arrays.sort} and 15.8-18.1 ms for fastutil's {@code FloatArrays.radixSort} (already on the class path
 * through Tablesaw), on the 2-core machine beside a training run.
 */
final class FloatSort {
    /** Below this length {@link Arrays#sort(float[])} is as fast and needs no scratch arrays. */
    static final int RADIX_FROM = 1 << 12;

    private FloatSort() {
    }

    static void sort(float[] a) {
        int n = a.length;
        if (n < RADIX_FROM) {
            Arrays.sort(a);
            return;
        }
        int[] keys = new int[n];
        for (int i = 0; i < n; i++) {
            float f = a[i];
            if (f != f) {
                Arrays.sort(a);
                return;
            }
            int bits = Float.floatToRawIntBits(f);
            keys[i] = bits ^ ((bits >> 31) | 0x80000000);
        }
        int[] scratch = new int[n];
        int[] count = new int[257];
        for (int shift = 0; shift < 32; shift += 8) {
            Arrays.fill(count, 0);
            for (int k : keys) {
                count[((k >>> shift) & 0xFF) + 1]++;
            }
            if (count[((keys[0] >>> shift) & 0xFF) + 1] == n) {
                continue; // every key has this byte: the pass would not move anything
            }
            for (int b = 0; b < 256; b++) {
                count[b + 1] += count[b];
            }
            for (int k : keys) {
                scratch[count[(k >>> shift) & 0xFF]++] = k;
            }
            int[] t = keys;
            keys = scratch;
            scratch = t;
        }
        for (int i = 0; i < n; i++) {
            int k = keys[i];
            a[i] = Float.intBitsToFloat(k ^ ((~k >> 31) | 0x80000000));
        }
    }
}
