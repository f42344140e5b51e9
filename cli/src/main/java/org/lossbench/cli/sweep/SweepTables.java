package org.lossbench.cli.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.ClassSeparability;
import org.lossbench.eval.lesion.SizeBins;
import org.lossbench.eval.panel.LossPanel;
import org.lossbench.eval.panel.SeedRuns;

/**
 * The statistics of a sweep, computed from the finished cells' files: the cells are grouped by
 * (dataset, model), and each group's losses, with their seeds as a level of the analysis, make one
 * {@link LossPanel} (docs/statistics.md): seed-level Dice with hierarchical intervals, DSCagg, the
 * collapse diagnosis, rank stability, and the paired comparison with the reference loss.
 */
public final class SweepTables {
    /** A dataset and model with its losses, in the spec's order. */
    public record Group(String dataset, String model, LossPanel panel) {
    }

    private SweepTables() {
    }

    /**
     * @param cases per cell key, the cell's case results (case ids as in the dataset); cells without an
     *              entry (failed) are left out
     * @param separability per cell key, the cell's {@link ClassSeparability} rows (absent for cells that predate them)
     */
    public static List<Group> of(List<Cell> cells, Map<String, List<CaseResult>> cases, Map<String, List<ClassSeparability>> separability,
                                 String referenceLoss, SizeBins bins, long seed) {
        Map<List<String>, Map<String, List<Cell>>> grouped = new LinkedHashMap<>();
        for (Cell c : cells) {
            if (cases.containsKey(c.key())) {
                grouped.computeIfAbsent(List.of(c.dataset(), c.model()), k -> new LinkedHashMap<>())
                        .computeIfAbsent(c.loss(), k -> new ArrayList<>()).add(c);
            }
        }
        List<Group> out = new ArrayList<>();
        grouped.forEach((dm, byLoss) -> {
            List<SeedRuns> runs = new ArrayList<>();
            byLoss.forEach((loss, cs) -> {
                Map<Long, List<CaseResult>> bySeed = new TreeMap<>();
                Map<Long, List<ClassSeparability>> sep = new TreeMap<>();
                for (Cell c : cs) {
                    bySeed.put(c.seed(), cases.get(c.key()));
                    if (separability.containsKey(c.key())) {
                        sep.put(c.seed(), separability.get(c.key()));
                    }
                }
                runs.add(new SeedRuns(loss, new TreeMap<>(bySeed), sep));
            });
            out.add(new Group(dm.get(0), dm.get(1), LossPanel.of(runs, referenceLoss, bins, seed)));
        });
        return out;
    }
}
