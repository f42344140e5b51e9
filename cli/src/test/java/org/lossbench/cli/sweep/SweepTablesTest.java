package org.lossbench.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.lossbench.eval.panel.LossPanel;
import org.lossbench.eval.panel.ReferenceComparison;

/**
 * The sweep's statistics from its cells, against values worked out by hand: the seeds of a loss are
 * averaged per case before the paired test, and with n pairs whose differences all have one sign and
 * distinct sizes the exact two-sided Wilcoxon signed-rank p-value is {@code 2 / 2^n} (only one of the
 * 2^n sign patterns is as extreme on each side).
 */
class SweepTablesTest {
    private static ClassResult row(String id, int label, double dice) {
        ClassResult.LesionCounts l = new ClassResult.LesionCounts(0, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        return new ClassResult(id, label, 1, 0, 0, 1, 1, dice, dice, 1, 1, 1, 1, 0, 0, 0, 0, 1, 2, l);
    }

    /** n cases; class 1 Dice {@code base + step * (seed * n + c + 1)} for case c; class 2 undefined. */
    private static List<CaseResult> cases(long seed, int n, double base, double step) {
        List<CaseResult> out = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            String id = "case" + c;
            double dice = base + step * (seed * n + c + 1);
            out.add(new CaseResult(id, List.of(row(id, 1, dice), row(id, 2, Double.NaN)), List.<LesionRow>of()));
        }
        return out;
    }

    private static SweepTables.Group group(Map<String, double[]> losses, int seeds, int n) {
        List<Cell> cells = new ArrayList<>();
        Map<String, List<CaseResult>> cases = new LinkedHashMap<>();
        losses.forEach((loss, baseStep) -> {
            for (long seed = 0; seed < seeds; seed++) {
                Cell c = new Cell(cells.size(), "d", "m", loss, seed, null, Map.of(), loss + "-" + seed);
                cells.add(c);
                cases.put(c.key(), cases(seed, n, baseStep[0], baseStep[1]));
            }
        });
        List<SweepTables.Group> g = SweepTables.of(cells, cases, Map.of(), "ref", SizeBins.defaults(), 0);
        assertEquals(1, g.size());
        return g.get(0);
    }

    @Test
    void seedsAreAveragedPerCaseAndThreePairsAreUnderpowered() {
        Map<String, double[]> losses = new LinkedHashMap<>();
        losses.put("ref", new double[] {0.5, 0});
        losses.put("good", new double[] {0.5, 0.01});
        SweepTables.Group g = group(losses, 2, 3);
        LossPanel.LossStats good = g.panel().loss("good");
        assertEquals(2, good.seeds());
        assertEquals(3, good.cases());
        // per-seed means: seed 0 0.5 + 0.01 * 2, seed 1 0.5 + 0.01 * 5
        assertEquals(0.52, good.classStats(1).dice().seedMeans().get(0L), 1e-12);
        assertEquals(0.55, good.classStats(1).dice().seedMeans().get(1L), 1e-12);
        assertEquals(0.535, good.classStats(1).dice().mean(), 1e-12);
        assertEquals(Math.sqrt(2 * 0.015 * 0.015), good.classStats(1).dice().sd(), 1e-12);
        ReferenceComparison c = g.panel().comparison();
        assertEquals(1, c.tests(), "class 2 is undefined everywhere: no pair, not in Holm's family");
        assertEquals(3, c.pairs(), "3 cases, each the mean over 2 seeds (not 6 pooled pairs)");
        ReferenceComparison.Row c1 = c.rows().get(0);
        assertEquals(1, c1.result().label());
        // case means: good 0.5 + 0.01 (c + 2.5), ref 0.5: differences 0.025, 0.035, 0.045
        assertEquals(2.0 / 8, c1.result().pValue(), 1e-12);
        // Walsh averages 0.025, 0.03, 0.035, 0.035, 0.04, 0.045: median 0.035
        assertEquals(0.035, c1.result().hodgesLehmann(), 1e-12);
        assertEquals(0.25, c.floor(), 1e-12, "one test on 3 pairs can reach 2/2^3 at best");
        assertTrue(c.underpowered());
        assertEquals("", c1.verdict(), "no verdict from an underpowered table, although every difference is positive");
        ReferenceComparison.Row c2 = c.rows().get(1);
        assertTrue(Double.isNaN(c2.result().pValue()) && c2.verdict().isEmpty());
    }

    @Test
    void holmOverEveryLossOfTheGroupAndVerdictsWhenPowered() {
        Map<String, double[]> losses = new LinkedHashMap<>();
        losses.put("ref", new double[] {0.5, 0});
        losses.put("good", new double[] {0.5, 0.01});
        losses.put("bad", new double[] {0.5, -0.01});
        ReferenceComparison c = group(losses, 1, 8).panel().comparison();
        assertEquals(2, c.tests());
        assertEquals(2 * 2.0 / 256, c.floor(), 1e-15);
        assertFalse(c.underpowered());
        ReferenceComparison.Row good = c.rows().stream().filter(r -> r.loss().equals("good") && r.result().label() == 1).findFirst().orElseThrow();
        ReferenceComparison.Row bad = c.rows().stream().filter(r -> r.loss().equals("bad") && r.result().label() == 1).findFirst().orElseThrow();
        // two p-values of 2/256: Holm gives 4/256 to both, below 0.05
        assertEquals(4.0 / 256, good.result().pHolm(), 1e-12);
        assertEquals(4.0 / 256, bad.result().pHolm(), 1e-12);
        assertEquals("better", good.verdict());
        assertEquals("worse", bad.verdict());
    }
}
