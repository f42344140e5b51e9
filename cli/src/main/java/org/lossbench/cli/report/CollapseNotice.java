package org.lossbench.cli.report;

import org.lossbench.eval.results.SummaryFile;

/**
 * A flag in the report for every (loss, class) of a group whose model collapsed the class in some
 * seed: never predicted it on any case of the split ({@code summary.json}: {@code collapse}). Nothing
 * when no loss collapsed any class.
 */
final class CollapseNotice {
    private CollapseNotice() {
    }

    static String html(ReportData d, ReportData.Group g) {
        StringBuilder items = new StringBuilder();
        for (SummaryFile.Loss l : d.summaryGroup(g).losses()) {
            for (SummaryFile.ClassStats c : l.classes()) {
                SummaryFile.Collapse k = c.collapse();
                if (k != null && k.collapsedSeeds() > 0) {
                    items.append("<li><code>").append(Html.escape(l.loss())).append("</code>: ")
                            .append(Html.escape(g.className(c.label()))).append(" never predicted by ").append(k.collapsedSeeds())
                            .append(" of ").append(k.seeds()).append(" seeds (mean AUC of its channel ")
                            .append(auc(k.meanAuc())).append(")</li>\n");
                }
            }
        }
        if (items.length() == 0) {
            return "";
        }
        return "<section class=\"collapse\" id=\"collapse-g" + g.index() + "\">\n<h3>Collapsed classes</h3>\n<ul class=\"failed\">\n" + items
                + "</ul>\n<p class=\"caption\">A collapsed class scores Dice 0 because the model never predicts it, not because it "
                + "tried and missed; an AUC well above 0.5 means the channel still ranks the class's voxels first (docs/statistics.md)."
                + "</p>\n</section>\n";
    }

    /** The AUC with three decimals, or {@code n/a} when it was not recorded. */
    private static String auc(double v) {
        return Double.isFinite(v) ? String.format(java.util.Locale.ROOT, "%.3f", v) : "n/a";
    }
}
