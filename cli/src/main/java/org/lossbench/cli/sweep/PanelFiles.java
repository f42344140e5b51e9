package org.lossbench.cli.sweep;

import java.util.ArrayList;
import java.util.List;
import org.lossbench.eval.panel.LossPanel;
import org.lossbench.eval.results.AggregateTables;
import org.lossbench.eval.results.AggregateTables.SeedRow;

/**
 * The rows of {@code seeds.csv} ({@link AggregateTables#SEEDS}): the seed level of the sweep's statistics in long form,
 * one row per dataset, model, loss, class, metric and training seed: {@code dice} is the mean Dice over the seed's
 * cases, {@code dsc_agg} the seed's aggregated Dice (docs/statistics.md).
 */
final class PanelFiles {
    private PanelFiles() {
    }

    static List<SeedRow> seedRows(List<SweepTables.Group> groups) {
        List<SeedRow> out = new ArrayList<>();
        for (SweepTables.Group g : groups) {
            for (LossPanel.LossStats l : g.panel().losses()) {
                for (LossPanel.ClassStats c : l.classes()) {
                    c.dice().seedMeans().forEach((seed, v) -> out.add(new SeedRow(g.dataset(), g.model(), l.loss(), c.label(), "dice", seed,
                            l.cases(), v)));
                    c.dscAggBySeed().forEach((seed, v) -> out.add(new SeedRow(g.dataset(), g.model(), l.loss(), c.label(), "dsc_agg", seed,
                            l.cases(), v)));
                }
            }
        }
        return out;
    }
}
