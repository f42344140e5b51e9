package org.lossbench.cli.sweep;

import java.util.List;
import org.lossbench.eval.panel.LossPanel;
import org.lossbench.eval.report.Csv;

/**
 * {@code seeds.csv}: the seed level of the sweep's statistics in long form, one row per dataset,
 * model, loss, class, metric and training seed: {@code dice} is the mean Dice over the seed's cases,
 * {@code dsc_agg} the seed's aggregated Dice (docs/statistics.md).
 */
final class PanelFiles {
    static final String SEEDS = "seeds.csv";
    static final List<String> SEEDS_COLUMNS = List.of("dataset", "model", "loss", "label", "metric", "seed", "cases", "value");

    private PanelFiles() {
    }

    static String seedsCsv(List<SweepTables.Group> groups) {
        Csv csv = new Csv().header(SEEDS_COLUMNS);
        for (SweepTables.Group g : groups) {
            for (LossPanel.LossStats l : g.panel().losses()) {
                for (LossPanel.ClassStats c : l.classes()) {
                    c.dice().seedMeans().forEach((seed, v) -> csv.row(g.dataset(), g.model(), l.loss(), c.label(), "dice", seed, l.cases(), v));
                    c.dscAggBySeed().forEach((seed, v) -> csv.row(g.dataset(), g.model(), l.loss(), c.label(), "dsc_agg", seed, l.cases(), v));
                }
            }
        }
        return csv.toString();
    }
}
