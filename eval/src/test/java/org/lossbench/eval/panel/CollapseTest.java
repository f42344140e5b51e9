package org.lossbench.eval.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossbench.eval.ClassResult;
import org.lossbench.eval.ClassSeparability;

class CollapseTest {
    /** A class result with only the counts that matter here (the rest NaN or zero). */
    private static ClassResult result(String c, long predVoxels) {
        double nan = Double.NaN;
        return new ClassResult(c, 2, 0, predVoxels, 5, 5, predVoxels, 0, 0, nan, 0, 5, predVoxels, nan, nan, nan, nan, nan, 2,
                new ClassResult.LesionCounts(1, 0, 0, 1, 0, nan, 0, nan, 0, nan));
    }

    @Test
    void aSeedIsCollapsedWhenNoCaseHasAPredictedVoxel() {
        Map<Long, List<ClassResult>> results = Map.of(
                0L, List.of(result("a", 0), result("b", 0)),
                1L, List.of(result("a", 0), result("b", 3)),
                2L, List.of(result("a", 0), result("b", 0)));
        Map<Long, List<ClassSeparability>> sep = Map.of(
                0L, List.of(new ClassSeparability("a", 2, 0.2, 0.9), new ClassSeparability("b", 2, 0.4, 0.7)),
                1L, List.of(new ClassSeparability("a", 2, 0.6, 1.0), new ClassSeparability("b", 2, Double.NaN, Double.NaN)),
                2L, List.of(new ClassSeparability("a", 2, 0.1, 0.5), new ClassSeparability("b", 2, 0.1, 0.5)));
        Collapse c = Collapse.of(2, results, sep);
        assertEquals(3, c.seeds());
        assertEquals(2, c.collapsedSeeds(), "seeds 0 and 2 never predict the class; seed 1 does in case b");
        assertFalse(c.always());
        // per-seed means of the defined values: AUC 0.8, 1.0, 0.5 -> 2.3 / 3; peak 0.3, 0.6, 0.1 -> 1.0 / 3
        assertEquals(2.3 / 3, c.meanAuc(), 1e-15);
        assertEquals(1.0 / 3, c.meanPeakInRef(), 1e-15);
    }

    @Test
    void withoutSeparabilityRecordsTheFiguresAreUndefined() {
        Collapse c = Collapse.of(2, Map.of(0L, List.of(result("a", 0))), Map.of());
        assertTrue(c.always());
        assertTrue(Double.isNaN(c.meanAuc()) && Double.isNaN(c.meanPeakInRef()));
    }
}
