package org.lossbench.cli.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Run-length code of a binary mask in row-major order: the lengths of the alternating runs, starting
 * with a run of 0s (which may be empty). {@code 0 0 1 1 0} is {@code [2, 2, 1]}, {@code 1 1 0} is
 * {@code [0, 2, 1]}; the lengths add up to the mask's size.
 */
public final class RunLength {
    private RunLength() {
    }

    public static int[] encode(boolean[] mask) {
        List<Integer> runs = new ArrayList<>();
        boolean current = false;
        int length = 0;
        for (boolean b : mask) {
            if (b != current) {
                runs.add(length);
                current = b;
                length = 0;
            }
            length++;
        }
        runs.add(length);
        return runs.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Decodes {@code runs} into a mask of {@code size} values; throws when the runs do not add up to it. */
    public static boolean[] decode(int[] runs, int size) {
        boolean[] mask = new boolean[size];
        int at = 0;
        boolean value = false;
        for (int r : runs) {
            if (r < 0 || at + r > size) {
                throw new IllegalArgumentException("run lengths exceed the mask's " + size + " values");
            }
            if (value) {
                java.util.Arrays.fill(mask, at, at + r, true);
            }
            at += r;
            value = !value;
        }
        if (at != size) {
            throw new IllegalArgumentException("run lengths add up to " + at + ", not the mask's " + size + " values");
        }
        return mask;
    }
}
