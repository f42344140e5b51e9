package org.lossbench.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MaskPathsTest {
    /** A 4 x 4 mask with the 2 x 2 square at x 1..2, y 1..2 set. */
    static final boolean[] SQUARE = mask(4, 4, "....", ".##.", ".##.", "....");

    @Test
    void fillIsOneRectanglePerRowRun() {
        assertEquals("M1 1h2v1h-2z M1 2h2v1h-2z", MaskPaths.fill(SQUARE, 4, 4));
        assertEquals("M0 0h1v1h-1z M2 0h1v1h-1z", MaskPaths.fill(mask(3, 1, "#.#"), 3, 1));
        assertEquals("", MaskPaths.fill(new boolean[4], 2, 2));
    }

    @Test
    void outlineOfASquare() {
        // top edge on line y=1 and bottom on y=3, both x 1..3; left edge on x=1 and right on x=3, both y 1..3
        assertEquals("M1 1h2 M1 3h2 M1 1v2 M3 1v2", MaskPaths.outline(SQUARE, 4, 4));
    }

    @Test
    void theCropBorderClosesAnOutline() {
        // an L in the corner: rows "##", "#."
        assertEquals("M0 0h2 M1 1h1 M0 2h1 M0 0v2 M1 1v1 M2 0v1", MaskPaths.outline(mask(2, 2, "##", "#."), 2, 2));
    }

    static boolean[] mask(int w, int h, String... rows) {
        boolean[] m = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                m[y * w + x] = rows[y].charAt(x) == '#';
            }
        }
        return m;
    }
}
