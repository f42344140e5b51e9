package org.lossbench.eval.lesion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MatchingTest {
    /**
     * Reference lesions A, B and predicted X, Y, 10 voxels each; overlaps A-X 8 (IoU 8/12 = 0.667),
     * A-Y 6 (IoU 6/14 = 0.429), B-X 6 (0.429). Greedy overlap takes A-X first, then B has no free
     * partner. Maximum-IoU matching at T = 0.3 prefers A-Y + B-X (total 0.857 > 0.667). At T = 0.5
     * only A-X is eligible.
     */
    @Test
    void greedyAndBipartiteDiffer() {
        Overlaps ov = new Overlaps();
        ov.add(0, 0, 8);
        ov.add(0, 1, 6);
        ov.add(1, 0, 6);
        long[] ten = {10, 10};
        Matching.Result greedy = Matching.overlap().match(2, 2, ten, ten, ov);
        assertArrayEquals(new int[] {0, -1}, greedy.refToPred());
        assertArrayEquals(new int[] {0, -1}, greedy.predToRef());
        Matching.Result low = Matching.parse("iou:0.3").match(2, 2, ten, ten, ov);
        assertArrayEquals(new int[] {1, 0}, low.refToPred());
        assertEquals(2, low.matchedCount());
        Matching.Result high = Matching.parse("iou:0.5").match(2, 2, ten, ten, ov);
        assertArrayEquals(new int[] {0, -1}, high.refToPred());
    }

    @Test
    void badSpecsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Matching.parse("iou:x"));
        assertThrows(IllegalArgumentException.class, () -> Matching.parse("iou:1.5"));
        assertThrows(IllegalArgumentException.class, () -> Matching.parse("hungarian"));
    }

    /** A 3x3 assignment whose optimum (cost 5: rows to columns 1, 0, 2) is not the diagonal (cost 7). */
    @Test
    void hungarianFindsTheOptimum() {
        double[][] cost = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
        assertArrayEquals(new int[] {1, 0, 2}, Hungarian.solve(cost));
    }

    /** The Hungarian optimum equals the best of all permutations on small random matrices. */
    @Property(tries = 200)
    void hungarianEqualsBruteForce(@ForAll @IntRange(min = 1, max = 5) int n, @ForAll @IntRange(min = 0, max = 2) int extra,
                                   @ForAll long seed) {
        int m = n + extra;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        double[][] cost = new double[n][m];
        for (double[] row : cost) {
            for (int j = 0; j < m; j++) {
                row[j] = rng.nextInt(10) - 5;
            }
        }
        int[] a = Hungarian.solve(cost);
        assertEquals(best(cost, 0, new boolean[m]), total(cost, a), 1e-9);
        assertEquals(n, java.util.Arrays.stream(a).distinct().count());
    }

    private static double total(double[][] cost, int[] rowToCol) {
        double t = 0;
        for (int i = 0; i < rowToCol.length; i++) {
            t += cost[i][rowToCol[i]];
        }
        return t;
    }

    private static double best(double[][] cost, int row, boolean[] used) {
        if (row == cost.length) {
            return 0;
        }
        double b = Double.POSITIVE_INFINITY;
        for (int j = 0; j < used.length; j++) {
            if (!used[j]) {
                used[j] = true;
                b = Math.min(b, cost[row][j] + best(cost, row + 1, used));
                used[j] = false;
            }
        }
        return b;
    }
}
