package org.lossbench.cli.report;

import java.util.List;
import java.util.Locale;

/**
 * One panel of Tukey box plots ({@link BoxStats}), one box per series (loss) side by side, in the
 * series' colours, on a value axis with nice ticks. Each box spans the quartiles with the median as a
 * line; whiskers end at the most extreme values within 1.5 IQR, values beyond are drawn as outliers
 * (small circles); the mean is a white diamond. With {@code showPoints} every value is drawn as a dot
 * (spread sideways in a fixed pattern so equal values stay visible) instead of only the outliers.
 * Series without values are labelled "no values". Under the axis: the number of values of each box
 * and the series' names (rotated).
 *
 * <p>Geometry (pixels): the plot area spans x from {@link #LEFT} to {@code LEFT + SLOT * series}, and y
 * from {@link #TOP} (the highest tick) to {@code TOP + PLOT_HEIGHT} (the lowest); series {@code i} is
 * centred at {@code LEFT + SLOT (i + 1/2)} and its box is {@link #BOX_WIDTH} wide.
 */
public final class BoxPlotChart {
    public static final double LEFT = 52;
    public static final double TOP = 34;
    public static final double PLOT_HEIGHT = 160;
    public static final double SLOT = 44;
    public static final double BOX_WIDTH = 24;
    static final double RIGHT_MARGIN = 12;
    static final double CHAR_WIDTH = 6;
    static final double LABEL_ANGLE = 40;
    private static final double[] SPREAD = {0, -6, 6, -3, 3, -9, 9};

    /** One box: its name (a loss), colour and raw values (NaN allowed: left out and counted). */
    public record Series(String name, String colour, double[] values) {
    }

    private final String id;
    private final String cssClass;
    private final String title;
    private final String yTitle;
    private final NiceTicks ticks;
    private final boolean showPoints;
    private final List<Series> series;
    private final List<BoxStats> stats;
    private final LinearScale y;

    /**
     * @param ticks the value axis (its {@code lo} and {@code hi} are the ends of the plot area)
     */
    public BoxPlotChart(String id, String cssClass, String title, String yTitle, NiceTicks ticks, boolean showPoints, List<Series> series) {
        this.id = id;
        this.cssClass = cssClass;
        this.title = title;
        this.yTitle = yTitle;
        this.ticks = ticks;
        this.showPoints = showPoints;
        this.series = List.copyOf(series);
        this.stats = series.stream().map(s -> BoxStats.of(s.values())).toList();
        this.y = new LinearScale(ticks.lo(), ticks.hi(), TOP + PLOT_HEIGHT, TOP);
    }

    public List<BoxStats> stats() {
        return stats;
    }

    /** The SVG y coordinate of value {@code v}. */
    public double y(double v) {
        return y.map(v);
    }

    /** The x coordinate of the centre of series {@code i}. */
    public static double centre(int i) {
        return LEFT + SLOT * (i + 0.5);
    }

    /** Wide enough for the boxes and for the title (bold 12 px, about 7.5 px a character). */
    public double width() {
        return Math.max(LEFT + SLOT * Math.max(1, series.size()) + RIGHT_MARGIN, LEFT + 7.5 * title.length() + RIGHT_MARGIN);
    }

    public double height() {
        int longest = series.stream().mapToInt(s -> s.name().length()).max().orElse(0);
        return TOP + PLOT_HEIGHT + 26 + Math.min(150, CHAR_WIDTH * longest * Math.sin(Math.toRadians(LABEL_ANGLE))) + 10;
    }

    public String svg() {
        double bottom = TOP + PLOT_HEIGHT;
        double right = LEFT + SLOT * Math.max(1, series.size());
        Svg svg = new Svg(id, "chart " + cssClass, width(), height(), title, description());
        svg.text(title, "class", "chart-title", "x", Svg.n(LEFT), "y", "16", "font-size", "12", "font-weight", "bold", "fill", Palette.INK);
        Axes.yAxis(svg, y, ticks, LEFT, right, yTitle);
        Axes.xAxisLine(svg, LEFT, right, bottom);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            BoxStats b = stats.get(i);
            double cx = centre(i);
            svg.group("class", "series box-series", "data-series", s.name());
            if (b.n() == 0) {
                svg.text("no values", "class", "no-values", "x", Svg.n(cx), "y", Svg.n(bottom - 6), "text-anchor", "middle", "font-size", "9",
                        "fill", Palette.INK, "transform", "rotate(-90 " + Svg.n(cx) + " " + Svg.n(bottom - 6) + ")");
            } else {
                box(svg, s, b, cx);
            }
            double ly = bottom + 12;
            svg.text("n=" + b.n(), "class", "n-label", "x", Svg.n(cx), "y", Svg.n(ly), "text-anchor", "middle", "font-size", "9", "fill",
                    Palette.INK);
            double ty = bottom + 24;
            svg.text(s.name(), "class", "series-label", "x", Svg.n(cx + 3), "y", Svg.n(ty), "text-anchor", "end", "font-size", "10",
                    "fill", Palette.INK, "transform", "rotate(-" + Svg.n(LABEL_ANGLE) + " " + Svg.n(cx + 3) + " " + Svg.n(ty) + ")");
            svg.end();
        }
        return svg.done();
    }

    private void box(Svg svg, Series s, BoxStats b, double cx) {
        double half = BOX_WIDTH / 2;
        double yq1 = y(b.q1());
        double yq3 = y(b.q3());
        svg.el("line", "class", "whisker", "x1", Svg.n(cx), "y1", Svg.n(y(b.whiskerLow())), "x2", Svg.n(cx), "y2", Svg.n(yq1), "stroke",
                Palette.INK);
        svg.el("line", "class", "whisker", "x1", Svg.n(cx), "y1", Svg.n(yq3), "x2", Svg.n(cx), "y2", Svg.n(y(b.whiskerHigh())), "stroke",
                Palette.INK);
        for (double w : new double[] {b.whiskerLow(), b.whiskerHigh()}) {
            svg.el("line", "class", "cap", "x1", Svg.n(cx - half / 2), "y1", Svg.n(y(w)), "x2", Svg.n(cx + half / 2), "y2", Svg.n(y(w)),
                    "stroke", Palette.INK);
        }
        svg.el("rect", "class", "box", "x", Svg.n(cx - half), "y", Svg.n(yq3), "width", Svg.n(BOX_WIDTH), "height", Svg.n(yq1 - yq3),
                "fill", s.colour(), "fill-opacity", "0.45", "stroke", Palette.INK);
        svg.el("line", "class", "median", "x1", Svg.n(cx - half), "y1", Svg.n(y(b.median())), "x2", Svg.n(cx + half), "y2",
                Svg.n(y(b.median())), "stroke", Palette.INK, "stroke-width", "2");
        double[] dots = showPoints ? b.values() : b.outliers();
        for (int k = 0; k < dots.length; k++) {
            double dx = showPoints ? SPREAD[k % SPREAD.length] : 0;
            svg.el("circle", "class", showPoints ? "point" : "outlier", "cx", Svg.n(cx + dx), "cy", Svg.n(y(dots[k])), "r", "2.5",
                    "fill", showPoints ? s.colour() : "none", "stroke", Palette.INK, "stroke-width", "0.8");
        }
        double my = y(b.mean());
        svg.el("polygon", "class", "mean", "points", Svg.n(cx) + "," + Svg.n(my - 4) + " " + Svg.n(cx + 4) + "," + Svg.n(my) + " "
                + Svg.n(cx) + "," + Svg.n(my + 4) + " " + Svg.n(cx - 4) + "," + Svg.n(my), "fill", "#FFFFFF", "stroke", Palette.INK);
    }

    private String description() {
        StringBuilder sb = new StringBuilder("Box plots (quartiles, median, whiskers at 1.5 IQR, mean as a diamond) of " + yTitle
                + ", one per series:");
        for (int i = 0; i < series.size(); i++) {
            BoxStats b = stats.get(i);
            sb.append(' ').append(series.get(i).name()).append(": n=").append(b.n());
            if (b.n() > 0) {
                sb.append(String.format(Locale.ROOT, ", median %.4g, quartiles %.4g-%.4g, mean %.4g", b.median(), b.q1(), b.q3(), b.mean()));
            }
            if (b.excluded() > 0) {
                sb.append(", ").append(b.excluded()).append(" undefined left out");
            }
            sb.append(i + 1 < series.size() ? ";" : ".");
        }
        return sb.toString();
    }
}
