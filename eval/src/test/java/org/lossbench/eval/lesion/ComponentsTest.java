package org.lossbench.eval.lesion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.eval.surface.Box;

class ComponentsTest {

    static Components components(LabelMap m, int label, int conn) {
        Grid g = m.grid();
        return Components.of(m, label, new Box(0, g.depth() - 1, 0, g.height() - 1, 0, g.width() - 1), Connectivity.of(conn));
    }

    /** (2,2,2) and (3,3,3) touch only at a corner: one component for 26, two for 18 and 6. */
    @Test
    void cornerTouchingVoxels() {
        LabelMap m = LabelMap.zeros(Grid.of(6, 6, 6));
        m.set(2, 2, 2, 1);
        m.set(3, 3, 3, 1);
        assertEquals(1, components(m, 1, 26).count());
        assertEquals(2, components(m, 1, 18).count());
        assertEquals(2, components(m, 1, 6).count());
    }

    /** (2,2,2) and (2,3,3) share an edge: one component for 26 and 18, two for 6. */
    @Test
    void edgeTouchingVoxels() {
        LabelMap m = LabelMap.zeros(Grid.of(6, 6, 6));
        m.set(2, 2, 2, 1);
        m.set(2, 3, 3, 1);
        assertEquals(1, components(m, 1, 26).count());
        assertEquals(1, components(m, 1, 18).count());
        assertEquals(2, components(m, 1, 6).count());
        // an edge across slices: (2,2,2) and (3,2,3)
        LabelMap n = LabelMap.zeros(Grid.of(6, 6, 6));
        n.set(2, 2, 2, 1);
        n.set(3, 2, 3, 1);
        assertEquals(1, components(n, 1, 18).count());
        assertEquals(2, components(n, 1, 6).count());
    }

    /**
     * A U shape whose arms meet only in a later row: one component, whose statistics are: voxels
     * 3 + 3 + 1 = 7 in slice 0; rows y=0: x=0 and x=2; y=1: x=0 and x=2; y=2: x=0..2.
     * Centroid x = (0+2+0+2+0+1+2)/7 = 1, y = (0+0+1+1+2+2+2)/7 = 8/7.
     */
    @Test
    void uShapeMergesAndSummarises() {
        LabelMap m = LabelMap.zeros(Grid.of(1, 3, 3));
        m.set(0, 0, 0, 1);
        m.set(0, 0, 2, 1);
        m.set(0, 1, 0, 1);
        m.set(0, 1, 2, 1);
        m.set(0, 2, 0, 1);
        m.set(0, 2, 1, 1);
        m.set(0, 2, 2, 1);
        Components c = components(m, 1, 6);
        assertEquals(1, c.count());
        assertEquals(7, c.voxels(0));
        assertArrayEquals(new double[] {0, 8.0 / 7, 1}, c.centroid(0), 1e-12);
        assertEquals(new Box(0, 0, 0, 2, 0, 2), c.box(0));
    }

    /** Component count, sizes and numbering equal a breadth-first flood fill in raster order. */
    @Property(tries = 150)
    void equalsFloodFill(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int d, @ForAll @IntRange(min = 1, max = 7) int h,
                         @ForAll @IntRange(min = 1, max = 8) int w, @ForAll @DoubleRange(min = 0.1, max = 0.6) double density) {
        Grid g = Grid.of(d, h, w);
        SplittableRandom rng = new SplittableRandom(seed);
        LabelMap m = LabelMap.zeros(g);
        for (int i = 0; i < g.voxelCount(); i++) {
            m.set(i, rng.nextDouble() < density ? 1 : 0);
        }
        for (int conn : new int[] {6, 18, 26}) {
            int[] labels = floodFill(m, conn);
            int n = java.util.Arrays.stream(labels).max().orElse(0);
            Components c = components(m, 1, conn);
            assertEquals(n, c.count(), "connectivity " + conn);
            long[] sizes = new long[n];
            for (int v : labels) {
                if (v > 0) {
                    sizes[v - 1]++;
                }
            }
            for (int k = 0; k < n; k++) {
                assertEquals(sizes[k], c.voxels(k), "component " + (k + 1) + " connectivity " + conn);
            }
        }
    }

    /** Labels 1..n by BFS from each unlabelled voxel in raster order. */
    static int[] floodFill(LabelMap m, int conn) {
        Grid g = m.grid();
        int[] lab = new int[g.voxelCount()];
        int next = 0;
        for (int s = 0; s < lab.length; s++) {
            if (m.get(s) != 1 || lab[s] != 0) {
                continue;
            }
            lab[s] = ++next;
            ArrayDeque<Integer> q = new ArrayDeque<>();
            q.add(s);
            while (!q.isEmpty()) {
                int v = q.poll();
                int z = v / (g.height() * g.width());
                int y = (v / g.width()) % g.height();
                int x = v % g.width();
                for (int dz = -1; dz <= 1; dz++) {
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int steps = Math.abs(dz) + Math.abs(dy) + Math.abs(dx);
                            if (steps == 0 || (conn == 6 && steps > 1) || (conn == 18 && steps > 2)) {
                                continue;
                            }
                            int zz = z + dz;
                            int yy = y + dy;
                            int xx = x + dx;
                            if (zz < 0 || yy < 0 || xx < 0 || zz >= g.depth() || yy >= g.height() || xx >= g.width()) {
                                continue;
                            }
                            int u = g.index(zz, yy, xx);
                            if (m.get(u) == 1 && lab[u] == 0) {
                                lab[u] = next;
                                q.add(u);
                            }
                        }
                    }
                }
            }
        }
        return lab;
    }
}
