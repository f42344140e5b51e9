package org.lossbench.datasets.split;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;

class StrataTest {
    private static int[] ones(int n) {
        int[] l = new int[100];
        java.util.Arrays.fill(l, 0, n, 1);
        return l;
    }

    @Test
    void stratumNamesMissingClassesAndTheSmallestSizeClass() {
        Grid g = Grid.of(1, 1, 100);
        int[] l = new int[100];
        for (int i = 0; i < 70; i++) {
            l[i] = 1;          // 70 voxels: 4^3 = 64 <= 70 < 256
        }
        for (int i = 70; i < 85; i++) {
            l[i] = 3;          // 15 voxels: 4^1 = 4 <= 15 < 16
        }
        assertEquals("missing=[2] smallest=4^1", Strata.ofLabels(LabelMap.of(g, l), Set.of(0, 1, 2, 3)));
        l[70] = 2;             // class 2 present with 1 voxel: 4^0
        assertEquals("missing=[] smallest=4^0", Strata.ofLabels(LabelMap.of(g, l), Set.of(0, 1, 2, 3)));
        assertEquals("empty", Strata.ofLabels(LabelMap.zeros(g), Set.of(0, 1)));
        assertEquals("missing=[2, 4, 5] smallest=4^3", Strata.ofLabels(LabelMap.of(g, ones(70)), Set.of(5, 4, 2, 1, 0)));
    }
}
