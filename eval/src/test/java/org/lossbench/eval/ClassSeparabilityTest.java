package org.lossbench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.lossbench.core.BadInputException;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;

class ClassSeparabilityTest {
    /** The AUC by its definition: every (positive, negative) pair, a win counting 1 and a tie 1/2. */
    private static double bruteForceAuc(float[] p, int[] labels, int k) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < p.length; i++) {
            if (labels[i] != k) {
                continue;
            }
            for (int j = 0; j < p.length; j++) {
                if (labels[j] == k) {
                    continue;
                }
                pairs++;
                wins += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
            }
        }
        return pairs == 0 ? Double.NaN : wins / pairs;
    }

    @Test
    void handExample() {
        // 1 x 1 x 4 voxels, classes 0 and 1; class 1 at voxels 1 and 3
        Grid g = Grid.of(1, 1, 4);
        LabelMap ref = LabelMap.of(g, new int[] {0, 1, 0, 1});
        float[] p1 = {0.2f, 0.9f, 0.4f, 0.4f};
        float[] p0 = new float[4];
        for (int i = 0; i < 4; i++) {
            p0[i] = 1 - p1[i];
        }
        float[] data = new float[8];
        System.arraycopy(p0, 0, data, 0, 4);
        System.arraycopy(p1, 0, data, 4, 4);
        List<ClassSeparability> s = ClassSeparability.of("c", new ImageVolume(g, 2, data), ref, new int[] {1});
        // pairs (pos, neg): (0.9, 0.2) win, (0.9, 0.4) win, (0.4, 0.2) win, (0.4, 0.4) tie: 3.5 / 4
        assertEquals(0.875, s.get(0).auc(), 1e-15);
        assertEquals(0.9f, s.get(0).peakInRef(), 0);
        assertEquals(1, s.get(0).label());
    }

    @Test
    void aCollapsedChannelHasNoPeakButMayStillRankTheClass() {
        // the channel never exceeds 0.01, yet is highest exactly inside the reference: AUC 1, peak 0.01
        Grid g = Grid.of(2, 2, 2);
        int[] labels = {0, 0, 2, 0, 0, 2, 0, 0};
        float[] data = new float[3 * 8];
        for (int i = 0; i < 8; i++) {
            data[2 * 8 + i] = labels[i] == 2 ? 0.01f : 0.001f;
            data[i] = 1 - data[2 * 8 + i];
        }
        ClassSeparability s = ClassSeparability.of("c", new ImageVolume(g, 3, data), LabelMap.of(g, labels), new int[] {1, 2}).get(1);
        assertEquals(1.0, s.auc(), 0);
        assertEquals(0.01f, s.peakInRef(), 0);
        ClassSeparability absent = ClassSeparability.of("c", new ImageVolume(g, 3, data), LabelMap.of(g, labels), new int[] {1}).get(0);
        assertTrue(Double.isNaN(absent.auc()) && Double.isNaN(absent.peakInRef()), "class 1 is not in the reference: " + absent);
    }

    @Test
    void aConstantChannelHasAucOneHalf() {
        Grid g = Grid.of(1, 2, 3);
        float[] data = new float[12];
        java.util.Arrays.fill(data, 0.5f);
        ClassSeparability s = ClassSeparability.of("c", new ImageVolume(g, 2, data), LabelMap.of(g, new int[] {1, 0, 0, 1, 1, 0}),
                new int[] {1}).get(0);
        assertEquals(0.5, s.auc(), 0);
    }

    @Test
    void mismatchedShapesOrAMissingChannelAreBadInput() {
        Grid g = Grid.of(1, 2, 3);
        ImageVolume p = new ImageVolume(g, 2, new float[12]);
        assertThrows(BadInputException.class, () -> ClassSeparability.of("c", p, LabelMap.zeros(Grid.of(1, 3, 2)), new int[] {1}));
        BadInputException e = assertThrows(BadInputException.class, () -> ClassSeparability.of("c", p, LabelMap.zeros(g), new int[] {2}));
        assertTrue(e.getMessage().contains("class 2"), e.getMessage());
    }

    /** Random scores on a coarse grid of values (many ties) and random labels: the sort-and-merge AUC equals the pairwise count. */
    @Property(tries = 200)
    void aucEqualsThePairwiseDefinition(@ForAll @IntRange(min = 1, max = 60) int n, @ForAll @IntRange(min = 1, max = 5) int levels,
                                        @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Grid g = Grid.of(1, 1, n);
        int[] labels = new int[n];
        float[] data = new float[2 * n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(2);
            data[n + i] = rng.nextInt(levels) / (float) levels;
            data[i] = 1 - data[n + i];
        }
        ClassSeparability s = ClassSeparability.of("c", new ImageVolume(g, 2, data), LabelMap.of(g, labels), new int[] {0, 1}).get(1);
        double want = bruteForceAuc(java.util.Arrays.copyOfRange(data, n, 2 * n), labels, 1);
        if (Double.isNaN(want)) {
            assertTrue(Double.isNaN(s.auc()));
        } else {
            assertEquals(want, s.auc(), 1e-12);
        }
    }
}
