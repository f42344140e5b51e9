package org.lossbench.cli.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.lossbench.eval.results.SummaryFile;
import tech.tablesaw.api.Table;

/**
 * Figure 2: per class, lesion detection recall against lesion size, one line per loss
 * ({@code lesions.csv}, reference rows). A bin's recall for a loss is detected / reference lesions
 * over the cases of all its seeds (a lesion counts once per seed, as in {@code summary.md}); a lesion
 * is detected when {@code matched_id} is set. The bins are the sweep's {@code evaluation.size_bins};
 * the annotation {@code n} is the number of distinct reference lesions in the bin (each counted once,
 * whatever the number of seeds). Whiskers: the 95% crossed hierarchical bootstrap interval of the recall, for the
 * lesion-like classes that {@code summary.json}'s {@code lesion_detection} covers (docs/statistics.md).
 */
final class RecallFigure {
    private RecallFigure() {
    }

    static String html(ReportData d, ReportData.Group g) {
        Table refs = d.lesions().where(d.lesions().stringColumn("source").isEqualTo("ref")
                .and(d.lesions().stringColumn("dataset").isEqualTo(g.dataset())).and(d.lesions().stringColumn("model").isEqualTo(g.model())));
        List<String> bins = d.sizeBins();
        StringBuilder sb = new StringBuilder();
        sb.append("<section class=\"figure\" id=\"fig-recall-g").append(g.index()).append("\">\n<h3>Lesion detection recall by size</h3>\n");
        Map<List<String>, Table> byLoss = ReportData.split(refs, "loss", "label", "size_bin");
        Map<List<String>, Table> byClass = ReportData.split(refs, "label", "size_bin");
        TreeSet<Integer> labels = new TreeSet<>();
        byClass.keySet().forEach(k -> labels.add(Integer.parseInt(k.get(0))));
        if (labels.isEmpty()) {
            return sb.append("<p class=\"empty\">No reference lesions in the finished cells.</p>\n</section>\n").toString();
        }
        sb.append("<div class=\"panels\">\n");
        for (int label : labels) {
            String l = Integer.toString(label);
            long[] n = new long[bins.size()];
            for (int b = 0; b < bins.size(); b++) {
                Table t = byClass.get(List.of(l, bins.get(b)));
                if (t != null) {
                    Set<String> distinct = new HashSet<>();
                    for (int r = 0; r < t.rowCount(); r++) {
                        distinct.add(t.stringColumn("case").get(r) + "/" + t.intColumn("id").get(r));
                    }
                    n[b] = distinct.size();
                }
            }
            List<RecallChart.Series> series = new ArrayList<>();
            List<SummaryFile.LesionDetection> intervals = d.summaryGroup(g).lesionDetection();
            for (String loss : g.losses()) {
                double[] recall = new double[bins.size()];
                double[] low = new double[bins.size()];
                double[] high = new double[bins.size()];
                for (int b = 0; b < bins.size(); b++) {
                    Table t = byLoss.get(List.of(loss, l, bins.get(b)));
                    recall[b] = t == null ? Double.NaN : (double) detected(t) / t.rowCount();
                    String bin = bins.get(b);
                    SummaryFile.LesionDetection ci = intervals.stream()
                            .filter(x -> x.label() == label && x.loss().equals(loss) && x.bin().equals(bin)).findFirst().orElse(null);
                    low[b] = ci == null ? Double.NaN : ci.ciLow();
                    high[b] = ci == null ? Double.NaN : ci.ciHigh();
                }
                series.add(new RecallChart.Series(loss, d.colour(loss), recall, low, high));
            }
            sb.append(new RecallChart("recall-g" + g.index() + "-c" + label, g.className(label), bins, n, series).svg());
        }
        sb.append("</div>\n<p class=\"caption\">Detection recall = detected / reference lesions in each size bin (equivalent-sphere "
                + "diameter, the sweep's size bins), over the cases of all seeds; a lesion is detected when a predicted lesion is matched "
                + "to it (docs/metrics.md). n: distinct reference lesions in the bin. Whiskers (classes with several lesions per case): the "
                + "recall's 95% bootstrap interval over cases and seeds (docs/statistics.md). No point: the loss has no reference lesion in the "
                + "bin. Series are shifted sideways by a few pixels so that equal values stay visible.</p>\n</section>\n");
        return sb.toString();
    }

    private static int detected(Table t) {
        int k = 0;
        for (int r = 0; r < t.rowCount(); r++) {
            String m = t.stringColumn("matched_id").get(r);
            if (m != null && !m.isEmpty()) {
                k++;
            }
        }
        return k;
    }
}
