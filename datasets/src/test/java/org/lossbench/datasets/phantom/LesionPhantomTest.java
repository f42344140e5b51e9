package org.lossbench.datasets.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Version 1 of phantom-lesions ({@code phantom-lesions@1}), as published; version 2: {@link LesionPhantomV2Test}. */
class LesionPhantomTest {
    private static List<PhantomCase> cases;

    @BeforeAll
    static void generate() {
        cases = Phantoms.generateAll(Phantoms.LESIONS_V1, 11, 2, i -> { });
    }

    @Test
    void hasFortyCasesOf64CubedAtOneMillimetreWithTwoModalities() {
        assertEquals(40, cases.size());
        for (PhantomCase c : cases) {
            assertEquals(2, c.image().channels());
            assertEquals("[64, 64, 64]", c.image().grid().shapeString());
            assertEquals(1.0, c.image().grid().voxelVolume());
            assertEquals(c.image().grid(), c.label().grid());
        }
    }

    @Test
    void classFractionsFallInTheStatedRanges() {
        double n = 64 * 64 * 64;
        for (PhantomCase c : cases) {
            SortedMap<Integer, Long> h = c.label().histogram();
            double organ = h.getOrDefault(1, 0L) / n;
            double vessel = h.getOrDefault(2, 0L) / n;
            double lesion = h.getOrDefault(3, 0L) / n;
            assertTrue(organ >= 0.10 && organ <= 0.20, c.id() + " organ " + organ);
            assertTrue(vessel > 0 && vessel < 0.005, c.id() + " vessel " + vessel);
            assertTrue(lesion < 0.001, c.id() + " lesions " + lesion);
            assertTrue(h.keySet().stream().allMatch(k -> k >= 0 && k <= 3), c.id() + " labels " + h.keySet());
        }
    }

    @Test
    void lesionCountsCoverZeroToSixAndSomeCasesHaveNone() {
        int[] perCount = new int[7];
        for (PhantomCase c : cases) {
            assertTrue(c.lesions().size() <= 6);
            perCount[c.lesions().size()]++;
        }
        assertTrue(perCount[0] >= 3, "cases without lesions: " + Arrays.toString(perCount));
        assertTrue(Arrays.stream(perCount).allMatch(k -> k > 0), Arrays.toString(perCount));
    }

    /** The lesion list is checked against an independent connected-component analysis of the labels. */
    @Test
    void lesionListMatchesConnectedComponentsOfTheLabelMap() {
        for (PhantomCase c : cases) {
            List<Components.Component> comps = Components.of(c.label(), 3);
            assertEquals(c.lesions().size(), comps.size(), c.id());
            for (Lesion l : c.lesions()) {
                assertTrue(l.radiusMm() >= 1 && l.radiusMm() <= 4, c.id() + " radius " + l.radiusMm());
                assertEquals(l.voxels(), l.volumeMm3(), 1e-9);
                Components.Component match = comps.stream().min((a, b) -> Double.compare(dist(a.centroid(), l.centreVoxel()),
                        dist(b.centroid(), l.centreVoxel()))).orElseThrow();
                assertTrue(dist(match.centroid(), l.centreVoxel()) < 0.75, c.id() + " lesion " + l.id() + " centroid");
                assertEquals(l.voxels(), match.voxels(), c.id() + " lesion " + l.id());
                double ball = 4.0 / 3.0 * Math.PI * Math.pow(l.radiusMm(), 3);
                assertTrue(Math.abs(l.voxels() - ball) <= 0.6 * ball + 4, c.id() + " lesion volume " + l.voxels() + " vs " + ball);
                // world centre = affine (identity scaling at 1 mm) of (x, y, z)
                assertEquals(l.centreVoxel()[2], l.centreMm()[0], 1e-9);
                assertEquals(l.centreVoxel()[0], l.centreMm()[2], 1e-9);
            }
        }
    }

    /** Lesions sit inside the organ: every lesion voxel's 6-neighbours are organ or lesion. */
    @Test
    void lesionsAreEmbeddedInTheOrgan() {
        for (PhantomCase c : cases) {
            assertEquals(0, lesionVoxelsTouchingOtherTissue(c), c.id());
        }
    }

    /** Lesion voxels (label 3) with a 6-neighbour that is neither organ (1) nor lesion. */
    static int lesionVoxelsTouchingOtherTissue(PhantomCase c) {
        var g = c.label().grid();
        int bad = 0;
        for (int z = 1; z < g.depth() - 1; z++) {
            for (int y = 1; y < g.height() - 1; y++) {
                for (int x = 1; x < g.width() - 1; x++) {
                    if (c.label().get(z, y, x) != 3) {
                        continue;
                    }
                    int[][] nb = {{z - 1, y, x}, {z + 1, y, x}, {z, y - 1, x}, {z, y + 1, x}, {z, y, x - 1}, {z, y, x + 1}};
                    for (int[] p : nb) {
                        int v = c.label().get(g.index(p[0], p[1], p[2]));
                        if (v != 1 && v != 3) {
                            bad++;
                        }
                    }
                }
            }
        }
        return bad;
    }

    /** Lesion CT values overlap the organ's: most lesion voxels lie within the organ's 5-95% range. */
    @Test
    void lesionContrastOverlapsTheOrgans() {
        int inside = 0;
        int total = 0;
        for (PhantomCase c : cases) {
            float[] ct = c.image().data();
            int n = c.label().size();
            float[] organ = new float[(int) (long) c.label().histogram().getOrDefault(1, 0L)];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (c.label().get(i) == 1) {
                    organ[k++] = ct[i];
                }
            }
            Arrays.sort(organ);
            float lo = organ[(int) (0.05 * organ.length)];
            float hi = organ[(int) (0.95 * organ.length)];
            for (int i = 0; i < n; i++) {
                if (c.label().get(i) == 3) {
                    total++;
                    if (ct[i] >= lo && ct[i] <= hi) {
                        inside++;
                    }
                }
            }
        }
        assertTrue(total > 0);
        assertTrue(inside > 0.5 * total, inside + " of " + total + " lesion voxels within the organ's CT range");
    }

    /** CT air outside the body: mean -1000 HU, Gaussian noise of standard deviation 15 HU. */
    @Test
    void ctNoiseInAirIsGaussianWithTheStatedSigma() {
        PhantomCase c = cases.get(0);
        double s = 0;
        double s2 = 0;
        int k = 0;
        for (int z = 0; z < 64; z++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    double v = c.image().get(0, z, y, x);
                    s += v;
                    s2 += v * v;
                    k++;
                }
            }
        }
        double mean = s / k;
        double sd = Math.sqrt(s2 / k - mean * mean);
        assertEquals(-1000, mean, 3 * 15 / Math.sqrt(k) + 0.5);
        assertEquals(15, sd, 1.5);
    }

    private static double dist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < 3; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
