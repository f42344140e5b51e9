package org.lossbench.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lesion detection recall against lesion size, one line with markers per series (loss), for one
 * class: x is the size bin (categorical, in the bins' order), y the recall in {@code [0, 1]}. A bin
 * without reference lesions has no recall: the line breaks there. Under each bin, {@code n=} gives
 * the number of reference lesions in it. The series are moved sideways by {@link #DODGE} pixels each
 * (centred on the bin), so that equal recalls of several losses stay visible. A legend under the axis
 * names the series.
 *
 * <p>Geometry (pixels): bin {@code b} is centred at {@code LEFT + BIN_WIDTH (b + 1/2)}; series {@code i}
 * of {@code m} sits at that x plus {@code DODGE (i - (m - 1) / 2)}; recall {@code r} is at
 * {@code y = TOP + PLOT_HEIGHT (1 - r)}.
 */
public final class RecallChart {
    public static final double LEFT = 52;
    public static final double TOP = 34;
    public static final double PLOT_HEIGHT = 160;
    public static final double BIN_WIDTH = 64;
    public static final double DODGE = 3;
    static final double RIGHT_MARGIN = 12;
    static final double LEGEND_LINE = 15;

    /**
     * One line: its name, colour, and per bin the recall (NaN where the bin has no reference lesions) and the ends of its
     * interval, drawn as a whisker (NaN: none).
     */
    public record Series(String name, String colour, double[] recall, double[] low, double[] high) {
        /** A line without intervals. */
        public Series(String name, String colour, double[] recall) {
            this(name, colour, recall, nans(recall.length), nans(recall.length));
        }

        private static double[] nans(int n) {
            double[] v = new double[n];
            java.util.Arrays.fill(v, Double.NaN);
            return v;
        }
    }

    private final String id;
    private final String title;
    private final List<String> bins;
    private final long[] lesions;
    private final List<Series> series;
    private final LinearScale y = new LinearScale(0, 1, TOP + PLOT_HEIGHT, TOP);
    private final NiceTicks ticks = new NiceTicks(0, 1, 0.2);

    /**
     * @param bins the size bins' names, in order
     * @param lesions the number of reference lesions per bin (the annotation)
     */
    public RecallChart(String id, String title, List<String> bins, long[] lesions, List<Series> series) {
        if (lesions.length != bins.size() || series.stream().anyMatch(s -> s.recall().length != bins.size() || s.low().length != bins.size()
                || s.high().length != bins.size())) {
            throw new IllegalArgumentException("one lesion count, and one recall and interval per bin");
        }
        this.id = id;
        this.title = title;
        this.bins = List.copyOf(bins);
        this.lesions = lesions.clone();
        this.series = List.copyOf(series);
    }

    /** The point of series {@code i} at bin {@code b} with recall {@code r}: {x, y}. */
    public double[] point(int i, int b, double r) {
        return new double[] {LEFT + BIN_WIDTH * (b + 0.5) + DODGE * (i - (series.size() - 1) / 2.0), y.map(r)};
    }

    public double width() {
        int longest = series.stream().mapToInt(s -> s.name().length()).max().orElse(0);
        return Math.max(Math.max(LEFT + BIN_WIDTH * bins.size() + RIGHT_MARGIN, LEFT + 30 + BoxPlotChart.CHAR_WIDTH * longest + RIGHT_MARGIN),
                LEFT + 7.5 * title.length() + RIGHT_MARGIN);
    }

    public double height() {
        return TOP + PLOT_HEIGHT + 40 + LEGEND_LINE * series.size() + 6;
    }

    public String svg() {
        double bottom = TOP + PLOT_HEIGHT;
        double right = LEFT + BIN_WIDTH * bins.size();
        Svg svg = new Svg(id, "chart recall-chart", width(), height(), title, description());
        svg.text(title, "class", "chart-title", "x", Svg.n(LEFT), "y", "16", "font-size", "12", "font-weight", "bold", "fill", Palette.INK);
        Axes.yAxis(svg, y, ticks, LEFT, right, "detection recall");
        Axes.xAxisLine(svg, LEFT, right, bottom);
        svg.group("class", "axis x-axis", "font-size", "10", "fill", Palette.INK, "text-anchor", "middle");
        for (int b = 0; b < bins.size(); b++) {
            double x = LEFT + BIN_WIDTH * (b + 0.5);
            svg.text(bins.get(b) + " mm", "class", "bin-label", "x", Svg.n(x), "y", Svg.n(bottom + 13));
            svg.text("n=" + lesions[b], "class", "n-label", "x", Svg.n(x), "y", Svg.n(bottom + 26), "font-size", "9");
        }
        svg.end();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            svg.group("class", "series recall-series", "data-series", s.name());
            List<String> segment = new ArrayList<>();
            for (int b = 0; b <= bins.size(); b++) {
                double r = b < bins.size() ? s.recall()[b] : Double.NaN;
                if (Double.isNaN(r)) {
                    if (segment.size() > 1) {
                        svg.el("polyline", "class", "line", "points", String.join(" ", segment), "fill", "none", "stroke", s.colour(),
                                "stroke-width", "2");
                    }
                    segment.clear();
                    continue;
                }
                double[] p = point(i, b, r);
                segment.add(Svg.n(p[0]) + "," + Svg.n(p[1]));
            }
            for (int b = 0; b < bins.size(); b++) {
                double r = s.recall()[b];
                if (!Double.isNaN(r) && !Double.isNaN(s.low()[b]) && !Double.isNaN(s.high()[b])) {
                    double x = point(i, b, r)[0];
                    svg.el("line", "class", "ci", "x1", Svg.n(x), "y1", Svg.n(y.map(s.low()[b])), "x2", Svg.n(x), "y2", Svg.n(y.map(s.high()[b])),
                            "stroke", s.colour(), "stroke-width", "1.2");
                }
            }
            for (int b = 0; b < bins.size(); b++) {
                double r = s.recall()[b];
                if (!Double.isNaN(r)) {
                    double[] p = point(i, b, r);
                    svg.el("circle", "class", "point", "cx", Svg.n(p[0]), "cy", Svg.n(p[1]), "r", "3.5", "fill", s.colour(), "stroke",
                            Palette.INK, "stroke-width", "0.8");
                }
            }
            double ly = bottom + 44 + LEGEND_LINE * i;
            svg.el("line", "class", "legend-swatch", "x1", Svg.n(LEFT), "y1", Svg.n(ly - 4), "x2", Svg.n(LEFT + 22), "y2", Svg.n(ly - 4),
                    "stroke", s.colour(), "stroke-width", "2");
            svg.el("circle", "class", "legend-marker", "cx", Svg.n(LEFT + 11), "cy", Svg.n(ly - 4), "r", "3.5", "fill", s.colour(),
                    "stroke", Palette.INK, "stroke-width", "0.8");
            svg.text(s.name(), "class", "legend-label", "x", Svg.n(LEFT + 28), "y", Svg.n(ly), "font-size", "10", "fill", Palette.INK);
            svg.end();
        }
        return svg.done();
    }

    private String description() {
        StringBuilder sb = new StringBuilder("Lesion detection recall per size bin, one line per loss. Reference lesions per bin:");
        for (int b = 0; b < bins.size(); b++) {
            sb.append(' ').append(bins.get(b)).append(" mm ").append(lesions[b]).append(b + 1 < bins.size() ? "," : ".");
        }
        for (Series s : series) {
            sb.append(' ').append(s.name()).append(':');
            for (int b = 0; b < bins.size(); b++) {
                double r = s.recall()[b];
                sb.append(' ').append(Double.isNaN(r) ? "none" : String.format(Locale.ROOT, "%.3f", r)).append(b + 1 < bins.size() ? "," : ".");
            }
        }
        return sb.toString();
    }
}
