package org.lossbench.cli.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Figure 3: inference seconds per case for each loss ({@code case_timings.csv}, the cases of all seeds
 * pooled), every value as a dot over its box plot. Wall-clock time on the sweep's device, so it varies
 * from run to run; this figure is why {@code report.html} is not byte-identical between runs.
 */
final class TimingFigure {
    private TimingFigure() {
    }

    static String html(ReportData d, ReportData.Group g) {
        Map<List<String>, Table> parts = ReportData.split(d.caseTimings(), "dataset", "model", "loss");
        StringBuilder sb = new StringBuilder();
        sb.append("<section class=\"figure timing\" id=\"fig-timing-g").append(g.index()).append("\">\n<h3>Inference time per case</h3>\n");
        List<BoxPlotChart.Series> series = new ArrayList<>();
        double max = 0;
        for (String loss : g.losses()) {
            Table t = parts.get(List.of(g.dataset(), g.model(), loss));
            double[] v = t == null ? new double[0] : t.doubleColumn("inference_s").asDoubleArray();
            max = Math.max(max, Arrays.stream(v).filter(Double::isFinite).max().orElse(0));
            series.add(new BoxPlotChart.Series(loss, d.colour(loss), v));
        }
        if (series.stream().allMatch(s -> s.values().length == 0)) {
            return sb.append("<p class=\"empty\">No per-case timings (no finished cells, or cells run before they were recorded).</p>\n"
                    + "</section>\n").toString();
        }
        NiceTicks ticks = NiceTicks.of(0, max > 0 ? max : 1, 5);
        sb.append("<div class=\"panels\">\n");
        sb.append(new BoxPlotChart("timing-g" + g.index(), "timing-box", "Inference per case", "seconds (wall clock)", ticks, true, series)
                .svg());
        String threads = d.spec().path("inference").path("threads").asText("0");
        sb.append("</div>\n<p class=\"caption\">Wall-clock seconds of sliding-window inference per case (the cases of all seeds), "
                + "measured by the sweep on ").append(Html.escape(String.join(", ", d.provenance(g, "device"))))
                .append(" (execution provider ").append(Html.escape(String.join(", ", d.provenance(g, "execution_provider"))))
                .append(", threads ").append(Html.escape(threads.equals("0") ? "ONNX Runtime's default" : threads))
                .append("); dots: the cases, box: quartiles, diamond: the mean. Wall time depends on the machine and its load, "
                        + "so these values differ between runs.</p>\n</section>\n");
        return sb.toString();
    }
}
