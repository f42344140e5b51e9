package org.lossbench.cli.report;

/** The value axis shared by the charts: a vertical axis line, ticks with labels, light grid lines, and a rotated axis title. */
final class Axes {
    private Axes() {
    }

    /**
     * Draws the y axis at {@code left} for the plot area {@code [left, right]} x {@code [top, bottom]}
     * of {@code scale}, with a tick, a label and a grid line at every value of {@code ticks}.
     */
    static void yAxis(Svg svg, LinearScale scale, NiceTicks ticks, double left, double right, String title) {
        double top = scale.map(ticks.hi());
        double bottom = scale.map(ticks.lo());
        svg.group("class", "axis y-axis", "font-size", "10", "fill", Palette.INK);
        for (double t : ticks.values()) {
            double y = scale.map(t);
            svg.el("line", "class", "grid", "x1", Svg.n(left), "y1", Svg.n(y), "x2", Svg.n(right), "y2", Svg.n(y), "stroke", Palette.GRID);
            svg.el("line", "class", "tick", "x1", Svg.n(left - 4), "y1", Svg.n(y), "x2", Svg.n(left), "y2", Svg.n(y), "stroke", Palette.INK);
            svg.text(ticks.label(t), "class", "tick-label", "x", Svg.n(left - 6), "y", Svg.n(y + 3.5), "text-anchor", "end");
        }
        svg.el("line", "class", "axis-line", "x1", Svg.n(left), "y1", Svg.n(top), "x2", Svg.n(left), "y2", Svg.n(bottom), "stroke", Palette.INK);
        double mid = (top + bottom) / 2;
        svg.text(title, "class", "axis-title", "x", "12", "y", Svg.n(mid), "text-anchor", "middle", "transform",
                "rotate(-90 12 " + Svg.n(mid) + ")");
        svg.end();
    }

    /** The x axis line under the plot area. */
    static void xAxisLine(Svg svg, double left, double right, double bottom) {
        svg.el("line", "class", "axis-line x-axis", "x1", Svg.n(left), "y1", Svg.n(bottom), "x2", Svg.n(right), "y2", Svg.n(bottom),
                "stroke", Palette.INK);
    }
}
