package org.lossbench.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.io.Json;
import org.lossbench.eval.results.SweepLayout;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The rank-stability blob plot and the collapse flags, from a hand-written summary.json: the
 * geometry of BlobChart worked out by hand (rank r at y = 30 + 30 (r - 1/2), a share f drawn with
 * radius 13 sqrt(f)).
 */
class RankAndCollapseReportTest {
    @TempDir
    Path tmp;

    private Document render(boolean collapsed) throws Exception {
        Path dir = ReportFixture.write(tmp.resolve("fx"));
        Map<String, Object> dice = Map.of("loss", "dice", "classes", List.of(Map.of("label", 2, "collapse",
                Map.of("seeds", 3, "collapsed_seeds", collapsed ? 2 : 0, "mean_auc", 0.91234, "mean_peak_prob_ref", 0.2))));
        Map<String, Object> ranks = Map.of("label", 2, "metric", "dice", "resamples", 1000, "losses", List.of(
                Map.of("loss", "dice", "rank", 2, "rank_counts", List.of(250, 750)),
                Map.of("loss", ReportFixture.ESCAPED, "rank", 1, "rank_counts", List.of(750, 250))));
        Files.writeString(dir.resolve("summary.json"), Json.pretty(Map.of("groups", List.of(Map.of("dataset", "phantom-x", "model", "m",
                "label_names", Map.of("1", "organ", "2", "lesion"), "losses", List.of(dice), "ranks", List.of(ranks))))));
        HtmlReport.write(dir);
        return SvgDom.parse(Files.readString(dir.resolve(SweepLayout.REPORT)));
    }

    @Test
    void blobPlotColumnsInObservedRankOrderWithAreasByShare() throws Exception {
        Document dom = render(false);
        Element chart = SvgDom.byId(dom, "ranks-g0-c2");
        Element first = SvgDom.series(chart, ReportFixture.ESCAPED);
        Element second = SvgDom.series(chart, "dice");
        List<Element> blobs = children(first, "circle").stream().filter(e -> e.hasAttribute("data-rank")).toList();
        assertEquals(2, blobs.size());
        // the first column (observed rank 1) at x = 48 + 58 / 2 = 77; rank 1 at y 45 with share 0.75, rank 2 at y 75 with 0.25
        assertEquals(77, SvgDom.num(blobs.get(0), "cx"));
        assertEquals(45, SvgDom.num(blobs.get(0), "cy"));
        assertEquals(13 * Math.sqrt(0.75), SvgDom.num(blobs.get(0), "r"), 0.005, "SVG numbers carry two decimals");
        assertEquals(75, SvgDom.num(blobs.get(1), "cy"));
        assertEquals(13 * Math.sqrt(0.25), SvgDom.num(blobs.get(1), "r"), 0.005);
        // 95% of the ranks: the 2.5% quantile is rank 1, the 97.5% rank 2; the median rank 1
        Element interval = SvgDom.byClass(first, "interval").get(0);
        assertEquals(45, SvgDom.num(interval, "y1"));
        assertEquals(75, SvgDom.num(interval, "y2"));
        assertEquals(45, SvgDom.num(SvgDom.byClass(first, "median").get(0), "cy"));
        // the second column: x = 48 + 58 * 1.5 = 135, its median rank 2 (cumulative share 0.25 < 0.5)
        assertEquals(135, SvgDom.num(SvgDom.byClass(second, "median").get(0), "cx"));
        assertEquals(75, SvgDom.num(SvgDom.byClass(second, "median").get(0), "cy"));
    }

    @Test
    void collapsedClassesAreFlaggedAndNothingOtherwise() throws Exception {
        Document dom = render(true);
        Element section = SvgDom.byId(dom, "collapse-g0");
        assertTrue(section.getTextContent().contains("class 2 (lesion) never predicted by 2 of 3 seeds (mean AUC of its channel 0.912)"),
                section.getTextContent());
        render(false);
        assertFalse(Files.readString(tmp.resolve("fx").resolve(SweepLayout.REPORT)).contains("id=\"collapse-g0\""), "no collapse, no flag");
    }

    private static List<Element> children(Element root, String tag) {
        List<Element> out = new java.util.ArrayList<>();
        org.w3c.dom.NodeList nl = root.getElementsByTagName(tag);
        for (int i = 0; i < nl.getLength(); i++) {
            out.add((Element) nl.item(i));
        }
        return out;
    }
}
