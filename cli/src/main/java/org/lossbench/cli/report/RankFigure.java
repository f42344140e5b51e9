package org.lossbench.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.lossbench.eval.results.SummaryFile;

/**
 * Figure: per class, the stability of the losses' ranking on Dice as a {@link BlobChart}, from
 * {@code summary.json}'s {@code ranks} (the bootstrap of eval.stats.RankStability: cases and seeds
 * resampled). Shown when a group has two or more losses.
 */
final class RankFigure {
    private RankFigure() {
    }

    static String html(ReportData d, ReportData.Group g) {
        List<SummaryFile.Ranks> ranks = d.summaryGroup(g).ranks();
        if (ranks.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<section class=\"figure\" id=\"fig-ranks-g").append(g.index()).append("\">\n<h3>Rank stability (Dice)</h3>\n");
        sb.append("<div class=\"panels\">\n");
        int resamples = 0;
        for (SummaryFile.Ranks r : ranks) {
            int label = r.label();
            resamples = r.resamples();
            List<BlobChart.Column> columns = new ArrayList<>();
            for (SummaryFile.LossRank l : r.losses()) {
                columns.add(new BlobChart.Column(l.loss(), d.colour(l.loss()), l.rank(), l.rankCounts()));
            }
            columns.sort(Comparator.comparingInt(BlobChart.Column::observedRank));
            sb.append(new BlobChart("ranks-g" + g.index() + "-c" + label, g.className(label), columns).svg());
        }
        sb.append("</div>\n<p class=\"caption\">Each column is a loss, in the order of its observed rank by mean Dice (mean over seeds "
                + "of the per-seed mean). Circle area: the share of ").append(resamples).append(" bootstrap resamples (cases shared by "
                + "all losses, each loss's seeds drawn on their own) in which the loss took that rank; line: the middle 95% of its "
                + "resampled ranks; dot: their median; cross: the observed rank. Wide, overlapping columns mean the ranking is not "
                + "stable: the data do not tell those losses apart.</p>\n</section>\n");
        return sb.toString();
    }
}
