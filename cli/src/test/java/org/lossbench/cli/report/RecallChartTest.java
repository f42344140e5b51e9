package org.lossbench.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The recall chart's points against coordinates worked out by hand: bin b is centred at
 * x = 52 + 64 (b + 1/2) = 84, 148, 212, 276; with two series, the first is 1.5 px left of the centre
 * and the second 1.5 px right; recall r is at y = 194 - 160 r.
 */
class RecallChartTest {
    static final List<String> BINS = List.of("[0,3)", "[3,6)", "[6,12)", "[12,inf)");
    static final String SVG = new RecallChart("recall-g0-c2", "class 2 (lesion)", BINS, new long[] {4, 4, 0, 1},
            List.of(new RecallChart.Series("dice", "#E69F00", new double[] {0.5, 0.75, Double.NaN, 1.0}),
                    new RecallChart.Series("focal", "#56B4E9", new double[] {0.25, 1.0, Double.NaN, 0.0}))).svg();

    @Test
    void pointsOfEachSeries() {
        Element root = SvgDom.parse(SVG).getDocumentElement();
        assertEquals(List.of("82.5,114", "146.5,74", "274.5,34"), points(SvgDom.series(root, "dice")));
        assertEquals(List.of("85.5,154", "149.5,34", "277.5,194"), points(SvgDom.series(root, "focal")));
    }

    @Test
    void theLineBreaksAtABinWithoutLesions() {
        Element root = SvgDom.parse(SVG).getDocumentElement();
        List<Element> lines = SvgDom.byClass(SvgDom.series(root, "dice"), "line");
        assertEquals(1, lines.size(), "one segment of two points; the single point after the gap has no line");
        assertEquals("82.5,114 146.5,74", lines.get(0).getAttribute("points"));
        assertEquals("85.5,154 149.5,34", SvgDom.byClass(SvgDom.series(root, "focal"), "line").get(0).getAttribute("points"));
    }

    @Test
    void binLabelsAndLesionCounts() {
        Element root = SvgDom.parse(SVG).getDocumentElement();
        assertEquals(List.of("n=4", "n=4", "n=0", "n=1"), SvgDom.byClass(root, "n-label").stream().map(Element::getTextContent).toList());
        assertEquals(List.of("[0,3) mm", "[3,6) mm", "[6,12) mm", "[12,inf) mm"),
                SvgDom.byClass(root, "bin-label").stream().map(Element::getTextContent).toList());
        assertEquals(List.of("dice", "focal"), SvgDom.byClass(root, "legend-label").stream().map(Element::getTextContent).toList());
        assertEquals(84, SvgDom.num(SvgDom.byClass(root, "bin-label").get(0), "x"));
    }

    /** A whisker from y(low) to y(high) at its point's x: dice at [0,3) with recall 0.5 in [0.25, 0.75] spans y 154 to 74. */
    @Test
    void intervalsAreWhiskersAtThePoints() {
        double nan = Double.NaN;
        String svg = new RecallChart("r", "lesion", BINS, new long[] {4, 4, 0, 1},
                List.of(new RecallChart.Series("dice", "#E69F00", new double[] {0.5, 0.75, nan, 1.0}, new double[] {0.25, nan, nan, 1.0},
                        new double[] {0.75, nan, nan, 1.0}), new RecallChart.Series("focal", "#56B4E9", new double[] {0.25, 1.0, nan, 0.0}))).svg();
        Element root = SvgDom.parse(svg).getDocumentElement();
        List<Element> ci = SvgDom.byClass(SvgDom.series(root, "dice"), "ci");
        assertEquals(2, ci.size(), "bins [0,3) and [12,inf); [3,6) has no interval");
        assertEquals(List.of(82.5, 154.0, 82.5, 74.0), List.of(SvgDom.num(ci.get(0), "x1"), SvgDom.num(ci.get(0), "y1"),
                SvgDom.num(ci.get(0), "x2"), SvgDom.num(ci.get(0), "y2")));
        assertEquals(List.of(), SvgDom.byClass(SvgDom.series(root, "focal"), "ci"));
    }

    private static List<String> points(Element series) {
        return SvgDom.byClass(series, "point").stream().map(e -> e.getAttribute("cx") + "," + e.getAttribute("cy")).toList();
    }
}
