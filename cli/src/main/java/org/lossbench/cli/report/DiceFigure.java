package org.lossbench.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tech.tablesaw.api.Table;

/**
 * Figure 1: per class, box plots of the per-case Dice of each loss ({@code cases.csv}, the cases of all
 * seeds pooled, one value per seed and case), on a fixed 0..1 axis. Undefined Dice values (NaN: under
 * the monai policy a class absent from the reference) are left out and counted in the caption.
 */
final class DiceFigure {
    private DiceFigure() {
    }

    static String html(ReportData d, ReportData.Group g) {
        Map<List<String>, Table> parts = ReportData.split(d.cases(), "dataset", "model", "loss", "label");
        TreeSet<Integer> labels = new TreeSet<>();
        parts.keySet().stream().filter(k -> k.get(0).equals(g.dataset()) && k.get(1).equals(g.model()))
                .forEach(k -> labels.add(Integer.parseInt(k.get(3))));
        StringBuilder sb = new StringBuilder();
        sb.append("<section class=\"figure\" id=\"fig-dice-g").append(g.index()).append("\">\n<h3>Dice per class and loss</h3>\n");
        if (labels.isEmpty()) {
            return sb.append("<p class=\"empty\">No finished cells, so no Dice values.</p>\n</section>\n").toString();
        }
        sb.append("<div class=\"panels\">\n");
        List<String> excluded = new ArrayList<>();
        for (int label : labels) {
            List<BoxPlotChart.Series> series = new ArrayList<>();
            for (String loss : g.losses()) {
                Table t = parts.get(List.of(g.dataset(), g.model(), loss, Integer.toString(label)));
                series.add(new BoxPlotChart.Series(loss, d.colour(loss), t == null ? new double[0] : t.doubleColumn("dice").asDoubleArray()));
            }
            BoxPlotChart chart = new BoxPlotChart("dice-g" + g.index() + "-c" + label, "dice-box", g.className(label), "Dice per case",
                    new NiceTicks(0, 1, 0.2), false, series);
            sb.append(chart.svg());
            List<String> counts = new ArrayList<>();
            for (int i = 0; i < series.size(); i++) {
                counts.add(series.get(i).name() + " " + chart.stats().get(i).excluded());
            }
            excluded.add(g.className(label) + ": " + String.join(", ", counts));
        }
        sb.append("</div>\n<p class=\"caption\">One value per case and seed (the seeds' cases pooled). Box: quartiles (numpy's linear "
                + "percentiles) with the median as a line; whiskers: the most extreme values within 1.5 IQR of the box (Tukey); circles: "
                + "values beyond; diamond: the mean. n: the values drawn. Undefined Dice values (NaN, e.g. a class absent from the "
                + "reference under the monai policy) are left out; per loss: ")
                .append(Html.escape(String.join("; ", excluded))).append(".</p>\n</section>\n");
        return sb.toString();
    }
}
