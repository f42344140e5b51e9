package org.lossbench.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.BadInputException;
import org.lossbench.eval.results.SweepLayout;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The whole report from {@link ReportFixture}'s hand-written folder: its charts' values worked out from the fixture by hand. */
class HtmlReportTest {
    @TempDir
    static Path tmp;
    static String html;
    static Document dom;

    @BeforeAll
    static void render() throws Exception {
        Path dir = ReportFixture.write(tmp.resolve("fx"));
        HtmlReport.write(dir);
        html = Files.readString(dir.resolve(SweepLayout.REPORT));
        dom = SvgDom.parse(html);
    }

    @Test
    void oneChartPerClassFigureAndLesion() {
        for (String id : List.of("dice-g0-c1", "dice-g0-c2", "recall-g0-c2", "timing-g0", "overlay-g0-0", "overlay-g0-1", "overlay-g0-2")) {
            assertEquals("svg", SvgDom.byId(dom, id).getTagName(), id);
        }
        assertEquals(2, count("class=\"chart dice-box\""));
        assertEquals(1, count("class=\"chart recall-chart\""), "class 1 has no reference lesions, so no recall panel");
        assertEquals(1, count("class=\"chart timing-box\""));
        assertEquals(3, count("class=\"chart overlay-figure\""));
    }

    @Test
    void diceBoxesComeFromCasesCsvWithNanLeftOutAndCounted() {
        // class 2, dice: nan, 0.9, 0, 0.9, 0.9 -> box from q1 0.675 (y 86) to q3 0.9 (y 50), as BoxPlotChartTest
        Element dice = SvgDom.series(SvgDom.byId(dom, "dice-g0-c2"), "dice");
        Element box = SvgDom.byClass(dice, "box").get(0);
        assertEquals(50, SvgDom.num(box, "y"));
        assertEquals(36, SvgDom.num(box, "height"));
        assertEquals("n=4", SvgDom.byClass(dice, "n-label").get(0).getTextContent());
        Element focal = SvgDom.series(SvgDom.byId(dom, "dice-g0-c2"), ReportFixture.ESCAPED);
        assertEquals("n=3", SvgDom.byClass(focal, "n-label").get(0).getTextContent());
        // focal<&>: 0.5, 0.6, 0.7 -> median 0.6 at y 194 - 96 = 98
        assertEquals(98, SvgDom.num(SvgDom.byClass(focal, "median").get(0), "y1"));
        Element ce = SvgDom.series(SvgDom.byId(dom, "dice-g0-c2"), "ce");
        assertEquals("no values", SvgDom.byClass(ce, "no-values").get(0).getTextContent());
        String caption = SvgDom.byId(dom, "fig-dice-g0").getTextContent();
        assertTrue(caption.contains("class 1 (organ): dice 0, focal<&>é 0, ce 0; class 2 (lesion): dice 1, focal<&>é 2, ce 0"), caption);
    }

    @Test
    void recallComesFromTheReferenceRowsOfLesionsCsv() {
        // bins [0,3) [3,6) [6,inf) centred at x 84, 148, 212; three series dodged by -3, 0, +3 px; y = 194 - 160 r
        Element chart = SvgDom.byId(dom, "recall-g0-c2");
        assertEquals(List.of("81,114", "145,194", "209,34"), points(SvgDom.series(chart, "dice")));          // 0.5, 0, 1
        assertEquals(List.of("84,114", "148,34", "212,34"), points(SvgDom.series(chart, ReportFixture.ESCAPED))); // 0.5, 1, 1
        assertEquals(List.of(), points(SvgDom.series(chart, "ce")));
        assertEquals(List.of("n=2", "n=1", "n=1"), SvgDom.byClass(chart, "n-label").stream().map(Element::getTextContent).toList());
        assertEquals(3, SvgDom.byClass(chart, "recall-series").size(), "one series per loss");
    }

    @Test
    void timingShowsEveryCaseOnTheSweepsDevice() {
        Element chart = SvgDom.byId(dom, "timing-g0");
        assertEquals(3, SvgDom.byClass(SvgDom.series(chart, "dice"), "point").size());
        assertEquals(3, SvgDom.byClass(SvgDom.series(chart, ReportFixture.ESCAPED), "point").size());
        // ticks of [0, 0.7]: range nice(0.7) = 1, step nice(0.25) = 0.2, top 0.8; 0.2 s at y = 194 - 160 * 0.2 / 0.8 = 154
        assertEquals(154, SvgDom.num(SvgDom.byClass(SvgDom.series(chart, "dice"), "median").get(0), "y1"));
        String caption = SvgDom.byId(dom, "fig-timing-g0").getTextContent();
        assertTrue(caption.contains("measured by the sweep on cpu (execution provider CPU, threads 2)"), caption);
    }

    @Test
    void overlaysShowTheSameLesionsForEveryLossWithTheirOwnPredictions() {
        Element first = SvgDom.byId(dom, "overlay-g0-0");
        assertEquals(1, SvgDom.byClass(first, "reference-panel").size());
        List<Element> panels = SvgDom.byClass(first, "prediction-panel");
        assertEquals(List.of("dice", ReportFixture.ESCAPED, "ce"), panels.stream().map(p -> p.getAttribute("data-series")).toList());
        // lesion 1 (the single voxel at y 1, x 62 -> crop pixel 1, 46): the first loss misses it, the second hits it exactly
        assertEquals("missed", SvgDom.byClass(panels.get(0), "panel-status").get(0).getTextContent());
        assertEquals(0, SvgDom.byClass(panels.get(0), "prediction").size());
        assertEquals("detected, Dice 1.000", SvgDom.byClass(panels.get(1), "panel-status").get(0).getTextContent());
        assertEquals("M46 1h1v1h-1z", SvgDom.byClass(panels.get(1), "prediction").get(0).getAttribute("d"));
        assertEquals("no crop", SvgDom.byClass(panels.get(2), "panel-status").get(0).getTextContent());
        assertEquals("M46 1h1 M46 2h1 M46 1v1 M47 1v1", SvgDom.byClass(first, "reference").get(0).getAttribute("d"));
        // the 27-voxel cube: the first loss predicted it one voxel to the right (Dice 36/54)
        Element second = SvgDom.byId(dom, "overlay-g0-1");
        assertEquals("detected, Dice 0.667", SvgDom.byClass(SvgDom.byClass(second, "prediction-panel").get(0), "panel-status").get(0)
                .getTextContent());
        assertEquals("M24 23h3v1h-3z M24 24h3v1h-3z M24 25h3v1h-3z",
                SvgDom.byClass(SvgDom.byClass(second, "prediction-panel").get(0), "prediction").get(0).getAttribute("d"));
        // a 48 x 48 crop of 1 x 0.5 mm pixels is 48 mm tall and 24 mm wide: 144 x 72 px
        Element image = SvgDom.byClass(second, "slice").get(0);
        assertEquals(72, SvgDom.num(image, "width"));
        assertEquals(144, SvgDom.num(image, "height"));
        // the centre ticks point at crop row 24 and column 24: (24.5) * 3 px down, (24.5) * 1.5 px across
        assertEquals("M36.75 -4v4M-5 73.5h5", SvgDom.byClass(second, "centre-mark").get(0).getAttribute("d"));
    }

    @Test
    void headerHasProvenanceAndFailures() {
        String header = dom.getElementsByTagName("header").item(0).getTextContent();
        for (String s : List.of("Sweep fx", "external", "phantom-x", "dice, focal<&>é, ce (reference: dice)", "3 (2 finished, 1 failed)",
                "5".repeat(64), "1.24.2", "0123456789abcdef", "cpu", "17.0.15",
                "phantom-x / m / ce / seed 0 (key cccccccccccc, exit 3): model <ce.onnx> gives 3 classes")) {
            assertTrue(header.contains(s), s + " in " + header);
        }
    }

    @Test
    void summaryTablesAreTheMarkdownTables() {
        Element summary = SvgDom.byId(dom, "summary");
        assertEquals(1, summary.getElementsByTagName("table").getLength());
        Element table = (Element) summary.getElementsByTagName("table").item(0);
        assertEquals("5", table.getElementsByTagName("strong").item(0).getTextContent());
        assertEquals(ReportFixture.ESCAPED, ((Element) table.getElementsByTagName("tr").item(2)).getElementsByTagName("td").item(1).getTextContent());
        assertFalse(summary.getTextContent().contains("Sweep fx"), "the Markdown title is left out");
    }

    @Test
    void namesAreEscapedAndNothingIsFetched() {
        assertFalse(html.contains("focal<&>"), "raw name in the markup");
        assertTrue(html.contains("focal&lt;&amp;&gt;"));
        assertFalse(html.contains("<ce.onnx>"));
        assertFalse(html.toLowerCase().contains("<script"));
        assertFalse(html.contains("url("));
        Matcher m = Pattern.compile("(?:href|src)=\"([^\"]*)\"").matcher(html);
        int images = 0;
        while (m.find()) {
            assertTrue(m.group(1).startsWith("data:image/png;base64,"), m.group(1));
            images++;
        }
        assertEquals(3 * 4, images, "one image per panel: 3 lesions x (reference + 3 losses)");
        Matcher http = Pattern.compile("https?://[^\"\\s<]*").matcher(html);
        while (http.find()) {
            assertEquals("http://www.w3.org/2000/svg", http.group(), "only the SVG namespace names a URL");
        }
    }

    @Test
    void renderingIsDeterministic() {
        assertEquals(html, HtmlReport.render(ReportData.load(tmp.resolve("fx"))));
    }

    @Test
    void aFolderWithoutTheAggregatedOutputsIsBadInput() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        BadInputException e = assertThrows(BadInputException.class, () -> HtmlReport.write(empty));
        assertTrue(e.getMessage().contains("lacks manifest.json") && e.getMessage().contains("lossbench merge"), e.getMessage());
    }

    private static int count(String s) {
        return html.split(Pattern.quote(s), -1).length - 1;
    }

    private static List<String> points(Element series) {
        List<String> out = new ArrayList<>();
        for (Element e : SvgDom.byClass(series, "point")) {
            out.add(e.getAttribute("cx") + "," + e.getAttribute("cy"));
        }
        return out;
    }
}
