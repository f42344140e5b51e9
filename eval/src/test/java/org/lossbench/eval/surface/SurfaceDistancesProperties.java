package org.lossbench.eval.surface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;

/** The separable EDT against a brute-force nearest-edge search on small random masks. */
class SurfaceDistancesProperties {
    private static final ForkJoinPool POOL = new ForkJoinPool(3);

    @Property(tries = 200)
    void distancesEqualBruteForce(@ForAll @IntRange(min = 1, max = 7) int d, @ForAll @IntRange(min = 1, max = 8) int h,
                                  @ForAll @IntRange(min = 1, max = 9) int w, @ForAll long seed,
                                  @ForAll @DoubleRange(min = 0.2, max = 4) double sz, @ForAll @DoubleRange(min = 0.2, max = 4) double sy,
                                  @ForAll @DoubleRange(min = 0.2, max = 4) double sx, @ForAll @DoubleRange(min = 0.05, max = 0.7) double density) {
        Grid g = Grid.of(d, h, w, sz, sy, sx);
        SplittableRandom rng = new SplittableRandom(seed);
        LabelMap ref = LabelMap.zeros(g);
        LabelMap pred = LabelMap.zeros(g);
        for (int i = 0; i < g.voxelCount(); i++) {
            ref.set(i, rng.nextDouble() < density ? 1 : 0);
            pred.set(i, rng.nextDouble() < density ? 1 : 0);
        }
        Box whole = new Box(0, d - 1, 0, h - 1, 0, w - 1);
        PairMask mask = PairMask.ofLabel(ref, pred, 1, whole, false);
        List<int[]> edgeA = edges(ref, g);
        List<int[]> edgeB = edges(pred, g);
        assertEquals(edgeA.size(), mask.edgeCountA());
        assertEquals(edgeB.size(), mask.edgeCountB());
        if (edgeA.isEmpty() || edgeB.isEmpty()) {
            return;
        }
        SurfaceDistances sd = SurfaceDistances.of(mask, g.spacing(), false);
        assertArrayEquals(brute(edgeA, edgeB, g), sd.aToB(), 1e-9);
        assertArrayEquals(brute(edgeB, edgeA, g), sd.bToA(), 1e-9);
        // split over three workers: bit-identical
        SurfaceDistances par = POOL.submit(() -> SurfaceDistances.of(PairMask.ofLabel(ref, pred, 1, whole, true), g.spacing(), true)).join();
        assertArrayEquals(sd.aToB(), par.aToB(), 0.0);
        assertArrayEquals(sd.bToA(), par.bToA(), 0.0);
    }

    /** Edge voxels in raster order: in the mask with a face neighbour outside the mask or the image. */
    static List<int[]> edges(LabelMap m, Grid g) {
        List<int[]> out = new ArrayList<>();
        int[][] nb = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        for (int z = 0; z < g.depth(); z++) {
            for (int y = 0; y < g.height(); y++) {
                for (int x = 0; x < g.width(); x++) {
                    if (m.get(z, y, x) != 1) {
                        continue;
                    }
                    for (int[] o : nb) {
                        int zz = z + o[0];
                        int yy = y + o[1];
                        int xx = x + o[2];
                        boolean inside = zz >= 0 && yy >= 0 && xx >= 0 && zz < g.depth() && yy < g.height() && xx < g.width();
                        if (!inside || m.get(zz, yy, xx) != 1) {
                            out.add(new int[] {z, y, x});
                            break;
                        }
                    }
                }
            }
        }
        return out;
    }

    static double[] brute(List<int[]> from, List<int[]> to, Grid g) {
        double[] out = new double[from.size()];
        for (int i = 0; i < from.size(); i++) {
            int[] a = from.get(i);
            double best = Double.POSITIVE_INFINITY;
            for (int[] b : to) {
                double dz = (a[0] - b[0]) * g.spacingZ();
                double dy = (a[1] - b[1]) * g.spacingY();
                double dx = (a[2] - b[2]) * g.spacingX();
                best = Math.min(best, Math.sqrt(dz * dz + dy * dy + dx * dx));
            }
            out[i] = best;
        }
        return out;
    }
}
