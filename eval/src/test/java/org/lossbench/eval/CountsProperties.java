package org.lossbench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.eval.lesion.Connectivity;
import org.lossbench.eval.lesion.Matching;
import org.lossbench.eval.surface.Box;

/** Voxel counts, bounding boxes and lesion bookkeeping against direct counting on random maps. */
class CountsProperties {

    @Property(tries = 100)
    void scanAndCountsEqualDirectCounting(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int classes,
                                          @ForAll @IntRange(min = 0, max = 2) int connectivity,
                                          @ForAll @IntRange(min = 0, max = 1) int match) {
        Grid g = Grid.of(5, 6, 7);
        SplittableRandom rng = new SplittableRandom(seed);
        LabelMap ref = LabelMap.zeros(g);
        LabelMap pred = LabelMap.zeros(g);
        for (int i = 0; i < g.voxelCount(); i++) {
            ref.set(i, rng.nextInt(3) == 0 ? 1 + rng.nextInt(classes) : 0);
            pred.set(i, rng.nextInt(3) == 0 ? 1 + rng.nextInt(classes) : 0);
        }
        LabelScan scan = LabelScan.of(ref, pred, "p");
        EvalConfig cfg = EvalConfig.defaults().withLabels(java.util.stream.IntStream.rangeClosed(1, classes).boxed().toList())
                .withConnectivity(Connectivity.values()[connectivity])
                .withMatching(match == 0 ? Matching.overlap() : Matching.iou(0.1));
        CaseResult r = new CaseEvaluator(cfg).evaluate("p", ref, pred, "r", "p");
        for (int l = 1; l <= classes; l++) {
            long nr = 0;
            long np = 0;
            long both = 0;
            int[] rb = {Integer.MAX_VALUE, -1, Integer.MAX_VALUE, -1, Integer.MAX_VALUE, -1};
            for (int z = 0; z < g.depth(); z++) {
                for (int y = 0; y < g.height(); y++) {
                    for (int x = 0; x < g.width(); x++) {
                        boolean a = ref.get(z, y, x) == l;
                        boolean b = pred.get(z, y, x) == l;
                        nr += a ? 1 : 0;
                        np += b ? 1 : 0;
                        both += a && b ? 1 : 0;
                        if (a) {
                            rb[0] = Math.min(rb[0], z);
                            rb[1] = Math.max(rb[1], z);
                            rb[2] = Math.min(rb[2], y);
                            rb[3] = Math.max(rb[3], y);
                            rb[4] = Math.min(rb[4], x);
                            rb[5] = Math.max(rb[5], x);
                        }
                    }
                }
            }
            assertEquals(nr, scan.refVoxels(l));
            assertEquals(np, scan.predVoxels(l));
            assertEquals(both, scan.bothVoxels(l));
            if (nr == 0) {
                assertNull(scan.refBox(l));
            } else {
                assertEquals(new Box(rb[0], rb[1], rb[2], rb[3], rb[4], rb[5]), scan.refBox(l));
            }
            int label = l;
            ClassResult c = r.classes().stream().filter(x -> x.label() == label).findFirst().orElseThrow();
            assertEquals(both, c.tp());
            assertEquals(np - both, c.fp());
            assertEquals(nr - both, c.fn());
            ClassResult.LesionCounts les = c.lesions();
            assertEquals(les.refLesions(), les.tp() + les.fn());
            assertEquals(les.predLesions(), les.tp() + les.fp());
            long refRows = r.lesions().stream().filter(x -> x.label() == label && x.source().equals("ref")).count();
            long fpRows = r.lesions().stream().filter(x -> x.label() == label && x.source().equals("pred")).count();
            assertEquals(les.refLesions(), refRows);
            assertEquals(les.fp(), fpRows);
            long lesionVoxels = r.lesions().stream().filter(x -> x.label() == label && x.source().equals("ref"))
                    .mapToLong(x -> x.voxels()).sum();
            assertEquals(nr, lesionVoxels);
        }
    }
}
