package org.lossbench.cli.report;

import java.util.List;

/**
 * challengeR's blob plot of ranking stability (Wiesenfarth et al. 2021, Sci Rep 11:2369, fig. 4):
 * one column per loss, in the order of its observed rank; in each column a circle at every rank the
 * loss took in the bootstrap, its area proportional to the share of resamples that gave that rank;
 * a black line from the 2.5th to the 97.5th percentile of the bootstrap ranks, a black dot at the
 * median, and a cross at the observed rank. Rank 1 is at the top.
 *
 * <p>Geometry (pixels): loss column {@code i} is centred at {@code x = LEFT + COLUMN (i + 1/2)}; rank
 * {@code r} (1..L) at {@code y = TOP + ROW (r - 1/2)}; a share {@code f} has radius
 * {@code MAX_RADIUS sqrt(f)}, so area is proportional to f.
 */
public final class BlobChart {
    public static final double LEFT = 48;
    public static final double TOP = 30;
    public static final double COLUMN = 58;
    public static final double ROW = 30;
    public static final double MAX_RADIUS = 13;
    static final double BOTTOM = 96;

    /**
     * One loss: its name, colour, observed rank and the number of resamples that gave each rank.
     *
     * @param rankCounts element {@code r - 1}: resamples in which the loss ranked r
     */
    public record Column(String loss, String colour, int observedRank, List<Integer> rankCounts) {
        int resamples() {
            return rankCounts.stream().mapToInt(Integer::intValue).sum();
        }

        /** The rank at the q-th quantile (0..1) of the bootstrap ranks: the smallest r whose cumulative share reaches q. */
        int rankQuantile(double q) {
            int n = resamples();
            int cum = 0;
            for (int r = 0; r < rankCounts.size(); r++) {
                cum += rankCounts.get(r);
                if (cum >= q * n && cum > 0) {
                    return r + 1;
                }
            }
            return rankCounts.size();
        }
    }

    private final String id;
    private final String title;
    private final List<Column> columns;

    /** @param columns the losses in the order of their observed rank */
    public BlobChart(String id, String title, List<Column> columns) {
        this.id = id;
        this.title = title;
        this.columns = List.copyOf(columns);
    }

    public double x(int column) {
        return LEFT + COLUMN * (column + 0.5);
    }

    public double y(int rank) {
        return TOP + ROW * (rank - 0.5);
    }

    /** The radius of a circle for a share {@code f} of the resamples. */
    public static double radius(double f) {
        return MAX_RADIUS * Math.sqrt(f);
    }

    public double width() {
        return Math.max(LEFT + COLUMN * columns.size() + 12, LEFT + 7.5 * title.length() + 12);
    }

    public double height() {
        return TOP + ROW * columns.size() + BOTTOM;
    }

    public String svg() {
        int ranks = columns.size();
        double bottom = TOP + ROW * ranks;
        Svg svg = new Svg(id, "chart blob-chart", width(), height(), title,
                "Bootstrap distribution of each loss's rank: circle area is the share of resamples giving that rank; "
                        + "line: 95% of the resampled ranks; dot: median; cross: observed rank.");
        svg.text(title, "x", Svg.n(LEFT), "y", "18", "font-size", "13", "font-weight", "600", "fill", Palette.INK);
        for (int r = 1; r <= ranks; r++) {
            svg.el("line", "x1", Svg.n(LEFT), "x2", Svg.n(LEFT + COLUMN * ranks), "y1", Svg.n(y(r)), "y2", Svg.n(y(r)), "stroke",
                    Palette.GRID, "stroke-width", "1");
            svg.text(Integer.toString(r), "x", Svg.n(LEFT - 8), "y", Svg.n(y(r) + 4), "font-size", "11", "text-anchor", "end", "fill",
                    Palette.INK);
        }
        svg.text("rank", "x", "12", "y", Svg.n(TOP + ROW * ranks / 2.0), "font-size", "11", "fill", Palette.INK, "transform",
                "rotate(-90 12 " + Svg.n(TOP + ROW * ranks / 2.0) + ")", "text-anchor", "middle");
        Axes.xAxisLine(svg, LEFT, LEFT + COLUMN * ranks, bottom);
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            double x = x(i);
            int n = c.resamples();
            svg.group("class", "series", "data-series", c.loss());
            for (int r = 1; r <= c.rankCounts().size(); r++) {
                int k = c.rankCounts().get(r - 1);
                if (k > 0) {
                    svg.el("circle", "cx", Svg.n(x), "cy", Svg.n(y(r)), "r", Svg.n(radius(k / (double) n)), "fill", c.colour(),
                            "fill-opacity", "0.75", "data-rank", Integer.toString(r), "data-share", Svg.n(k / (double) n));
                }
            }
            svg.el("line", "x1", Svg.n(x), "x2", Svg.n(x), "y1", Svg.n(y(c.rankQuantile(0.025))), "y2", Svg.n(y(c.rankQuantile(0.975))),
                    "stroke", "#000", "stroke-width", "1.5", "class", "interval");
            svg.el("circle", "cx", Svg.n(x), "cy", Svg.n(y(c.rankQuantile(0.5))), "r", "2.5", "fill", "#000", "class", "median");
            double yo = y(c.observedRank());
            svg.el("path", "d", "M" + Svg.n(x - 4) + " " + Svg.n(yo - 4) + "L" + Svg.n(x + 4) + " " + Svg.n(yo + 4) + "M" + Svg.n(x - 4) + " "
                    + Svg.n(yo + 4) + "L" + Svg.n(x + 4) + " " + Svg.n(yo - 4), "stroke", "#000", "stroke-width", "1.5", "class", "observed");
            svg.end();
            svg.text(c.loss(), "x", Svg.n(x), "y", Svg.n(bottom + 12), "font-size", "11", "text-anchor", "end", "fill", Palette.INK,
                    "transform", "rotate(-40 " + Svg.n(x) + " " + Svg.n(bottom + 12) + ")");
        }
        return svg.done();
    }
}
