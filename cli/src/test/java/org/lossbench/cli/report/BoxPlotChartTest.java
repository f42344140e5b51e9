package org.lossbench.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The box plot's SVG geometry against coordinates worked out by hand: the plot area spans y from 34
 * (value 1) to 194 (value 0), so value v is at y = 194 - 160 v; series i is centred at x = 52 + 44 (i + 1/2).
 */
class BoxPlotChartTest {
    static final String SVG = new BoxPlotChart("dice-g0-c1", "dice-box", "class 1 (organ)", "Dice per case", new NiceTicks(0, 1, 0.2), false,
            List.of(new BoxPlotChart.Series("dice", "#E69F00", new double[] {0.5, 0.1, 0.4, 0.2, 0.3}),
                    new BoxPlotChart.Series("a<b&c", "#56B4E9", new double[] {0.9, Double.NaN, 0.0, 0.9, 0.9}),
                    new BoxPlotChart.Series("empty", "#009E73", new double[] {Double.NaN}))).svg();

    @Test
    void boxOfFiveValues() {
        // 0.1..0.5: q1 0.2, median 0.3, q3 0.4, whiskers 0.1 and 0.5 (fences -0.1, 0.7), mean 0.3; centre x 74
        Element s = SvgDom.series(SvgDom.parse(SVG).getDocumentElement(), "dice");
        Element box = SvgDom.byClass(s, "box").get(0);
        assertEquals(62, SvgDom.num(box, "x"));      // 74 - 12
        assertEquals(24, SvgDom.num(box, "width"));
        assertEquals(130, SvgDom.num(box, "y"));     // 194 - 160 * 0.4
        assertEquals(32, SvgDom.num(box, "height")); // (194 - 160 * 0.2) - 130
        Element median = SvgDom.byClass(s, "median").get(0);
        assertEquals(146, SvgDom.num(median, "y1")); // 194 - 48
        List<Element> whiskers = SvgDom.byClass(s, "whisker");
        assertEquals(178, SvgDom.num(whiskers.get(0), "y1")); // 0.1
        assertEquals(162, SvgDom.num(whiskers.get(0), "y2")); // q1
        assertEquals(130, SvgDom.num(whiskers.get(1), "y1")); // q3
        assertEquals(114, SvgDom.num(whiskers.get(1), "y2")); // 0.5
        assertEquals("74,142 78,146 74,150 70,146", SvgDom.byClass(s, "mean").get(0).getAttribute("points"));
        assertEquals(0, SvgDom.byClass(s, "outlier").size());
        assertEquals("n=5", SvgDom.byClass(s, "n-label").get(0).getTextContent());
    }

    @Test
    void outlierAndUndefinedValue() {
        // 0, .9, .9, .9 (NaN left out): box from q1 0.675 (y 86) to q3 0.9 (y 50), 0 an outlier at y 194; centre x 118
        Element s = SvgDom.series(SvgDom.parse(SVG).getDocumentElement(), "a<b&c");
        Element box = SvgDom.byClass(s, "box").get(0);
        assertEquals(106, SvgDom.num(box, "x"));
        assertEquals(50, SvgDom.num(box, "y"));
        assertEquals(36, SvgDom.num(box, "height"));
        Element out = SvgDom.byClass(s, "outlier").get(0);
        assertEquals(118, SvgDom.num(out, "cx"));
        assertEquals(194, SvgDom.num(out, "cy"));
        assertEquals("n=4", SvgDom.byClass(s, "n-label").get(0).getTextContent());
        assertEquals("a<b&c", SvgDom.byClass(s, "series-label").get(0).getTextContent());
    }

    @Test
    void aSeriesWithoutValuesSaysSo() {
        Element s = SvgDom.series(SvgDom.parse(SVG).getDocumentElement(), "empty");
        assertEquals(0, SvgDom.byClass(s, "box").size());
        assertEquals("no values", SvgDom.byClass(s, "no-values").get(0).getTextContent());
    }

    @Test
    void accessibleTitleAndDescriptionAndEscapedNames() {
        Document d = SvgDom.parse(SVG);
        Element svg = d.getDocumentElement();
        assertEquals("dice-g0-c1", svg.getAttribute("id"));
        assertEquals("chart dice-box", svg.getAttribute("class"));
        assertEquals("dice-g0-c1-title dice-g0-c1-desc", svg.getAttribute("aria-labelledby"));
        assertEquals("class 1 (organ)", d.getElementsByTagName("title").item(0).getTextContent());
        String desc = d.getElementsByTagName("desc").item(0).getTextContent();
        assertTrue(desc.contains("a<b&c: n=4") && desc.contains("1 undefined left out"), desc);
        assertTrue(SVG.contains("a&lt;b&amp;c") && !SVG.contains("a<b&c"), "names are escaped in the markup");
        // y-axis ticks at 0, 0.2, ..., 1
        List<Element> ticks = SvgDom.byClass(svg, "tick-label");
        assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0"), ticks.stream().map(Element::getTextContent).toList());
        assertEquals(194 + 3.5, SvgDom.num(ticks.get(0), "y"));
        assertEquals(34 + 3.5, SvgDom.num(ticks.get(5), "y"));
    }

    @Test
    void pointsModeDrawsEveryValue() {
        String svg = new BoxPlotChart("t", "timing-box", "t", "seconds", NiceTicks.of(0, 2, 5), true,
                List.of(new BoxPlotChart.Series("x", "#E69F00", new double[] {1, 1, 1, 2}))).svg();
        List<Element> points = SvgDom.byClass(SvgDom.parse(svg).getDocumentElement(), "point");
        assertEquals(4, points.size());
        // ticks 0..2 by 0.5: value 1 at y 194 - 80; equal values spread sideways (0, -6, +6 px)
        assertEquals(114, SvgDom.num(points.get(0), "cy"));
        assertEquals(List.of(74.0, 68.0, 80.0), points.subList(0, 3).stream().map(e -> SvgDom.num(e, "cx")).toList());
    }
}
