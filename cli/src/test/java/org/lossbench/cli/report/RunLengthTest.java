package org.lossbench.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RunLengthTest {
    @Test
    void runsStartWithZeros() {
        assertArrayEquals(new int[] {2, 2, 1}, RunLength.encode(new boolean[] {false, false, true, true, false}));
        assertArrayEquals(new int[] {0, 2, 1}, RunLength.encode(new boolean[] {true, true, false}));
        assertArrayEquals(new int[] {3}, RunLength.encode(new boolean[3]));
        assertArrayEquals(new int[] {0}, RunLength.encode(new boolean[0]));
    }

    @Test
    void decodeInvertsEncode() {
        boolean[] m = {true, false, false, true, true, true, false, true};
        assertArrayEquals(m, RunLength.decode(RunLength.encode(m), m.length));
        assertArrayEquals(new boolean[] {false, false, true, true, false}, RunLength.decode(new int[] {2, 2, 1}, 5));
    }

    @Test
    void runsThatDoNotAddUpAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> RunLength.decode(new int[] {2, 2}, 5));
        assertThrows(IllegalArgumentException.class, () -> RunLength.decode(new int[] {2, 4}, 5));
        assertThrows(IllegalArgumentException.class, () -> RunLength.decode(new int[] {-1, 6}, 5));
    }
}
