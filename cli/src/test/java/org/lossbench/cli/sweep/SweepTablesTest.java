package org.lossbench.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.ClassResult;
import org.lossbench.eval.lesion.LesionRow;
import org.lossbench.eval.lesion.SizeBins;

/**
 * Paired comparisons of the sweep, against p-values worked out by hand: with n pairs whose
 * differences all have one sign and distinct sizes, the exact two-sided Wilcoxon signed-rank p-value
 * is {@code 2 / 2^n} (only one of the 2^n sign patterns is as extreme on each side).
 */
class SweepTablesTest {
    private static ClassResult row(String id, int label, double dice) {
        ClassResult.LesionCounts l = new ClassResult.LesionCounts(0, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        return new ClassResult(id, label, 1, 0, 0, 1, 1, dice, dice, 1, 1, 1, 1, 0, 0, 0, 0, 1, 2, l);
    }

    /** 3 cases per seed; class 1 Dice {@code base + step * (i + 1)} for the i-th pair; class 2 undefined. */
    private static List<CaseResult> cases(long seed, double base, double step) {
        List<CaseResult> out = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            String id = "s" + seed + "/case" + c;
            int i = (int) seed * 3 + c;
            out.add(new CaseResult(id, List.of(row(id, 1, base + step * (i + 1)), row(id, 2, Double.NaN)), List.<LesionRow>of()));
        }
        return out;
    }

    private static Cell cell(int index, String loss, long seed) {
        return new Cell(index, "d", "m", loss, seed, null, Map.of(), loss + "-" + seed);
    }

    private static List<SweepTables.Group> tables(Map<String, double[]> losses) {
        List<Cell> cells = new ArrayList<>();
        Map<String, List<CaseResult>> cases = new LinkedHashMap<>();
        losses.forEach((loss, baseStep) -> {
            for (long seed = 0; seed < 2; seed++) {
                Cell c = cell(cells.size(), loss, seed);
                cells.add(c);
                cases.put(c.key(), cases(seed, baseStep[0], baseStep[1]));
            }
        });
        return SweepTables.of(cells, cases, "ref", SizeBins.defaults(), 0);
    }

    @Test
    void oneLossBetterOnEverySeedAndCase() {
        Map<String, double[]> losses = new LinkedHashMap<>();
        losses.put("ref", new double[] {0.5, 0});
        losses.put("good", new double[] {0.5, 0.01});
        List<SweepTables.Group> g = tables(losses);
        assertEquals(1, g.size());
        assertEquals(6, g.get(0).losses().get("good").cases().size(), "seeds pooled: 2 x 3 cases");
        List<SweepTables.Comparison> cs = g.get(0).comparisons();
        assertEquals(2, cs.size());
        SweepTables.Comparison c1 = cs.get(0);
        assertEquals(1, c1.label());
        assertEquals(6, c1.n());
        assertEquals(2.0 / 64, c1.p(), 1e-12);
        assertEquals(2.0 / 64, c1.pHolm(), 1e-12, "one defined test: Holm changes nothing");
        assertEquals(0.035, c1.medianDifference(), 1e-12, "median of 0.01..0.06");
        assertEquals("better", c1.verdict());
        SweepTables.Comparison c2 = cs.get(1);
        assertTrue(Double.isNaN(c2.p()) && Double.isNaN(c2.pHolm()) && c2.verdict().isEmpty(), "class 2 is undefined everywhere");
        assertEquals(0, c2.n());
    }

    @Test
    void holmOverEveryLossOfTheGroup() {
        Map<String, double[]> losses = new LinkedHashMap<>();
        losses.put("ref", new double[] {0.5, 0});
        losses.put("good", new double[] {0.5, 0.01});
        losses.put("bad", new double[] {0.5, -0.01});
        List<SweepTables.Comparison> cs = tables(losses).get(0).comparisons();
        SweepTables.Comparison good = cs.stream().filter(c -> c.loss().equals("good") && c.label() == 1).findFirst().orElseThrow();
        SweepTables.Comparison bad = cs.stream().filter(c -> c.loss().equals("bad") && c.label() == 1).findFirst().orElseThrow();
        // two defined p-values of 1/32: Holm gives min(1, 2 p) = 1/16 to both, above 0.05: no verdicts
        assertEquals(1.0 / 16, good.pHolm(), 1e-12);
        assertEquals(1.0 / 16, bad.pHolm(), 1e-12);
        assertEquals(-0.035, bad.medianDifference(), 1e-12);
        assertTrue(good.verdict().isEmpty() && bad.verdict().isEmpty());
    }
}
