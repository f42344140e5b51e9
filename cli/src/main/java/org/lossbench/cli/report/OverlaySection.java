package org.lossbench.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 4: slice overlays at the smallest reference lesions, one row per lesion, one panel per loss.
 * The lesions are those of the group's first finished cell's {@code overlays.json} (every cell of a
 * dataset chose the same ones, from the reference only); each loss shows the crop of its first
 * finished cell in plan order (its first seed).
 */
final class OverlaySection {
    private OverlaySection() {
    }

    static String html(ReportData d, ReportData.Group g) {
        StringBuilder sb = new StringBuilder();
        sb.append("<section class=\"figure\" id=\"fig-overlay-g").append(g.index()).append("\">\n<h3>Slice overlays at the smallest "
                + "lesions</h3>\n");
        Map<String, OverlayFile> byLoss = new LinkedHashMap<>();
        Map<String, Long> seedOf = new LinkedHashMap<>();
        for (ReportData.CellInfo c : d.doneCells(g)) {
            if (!byLoss.containsKey(c.loss())) {
                OverlayFile f = d.overlays(c);
                if (f != null) {
                    byLoss.put(c.loss(), f);
                    seedOf.put(c.loss(), c.seed());
                }
            }
        }
        if (byLoss.isEmpty()) {
            return sb.append("<p class=\"empty\">No overlay data: no finished cell has an overlays.json (cells run by a lossbench "
                    + "without overlay capture).</p>\n</section>\n").toString();
        }
        List<Overlay> lesions = byLoss.values().iterator().next().overlays();
        if (lesions.isEmpty()) {
            return sb.append("<p class=\"empty\">The evaluation cases have no reference lesions.</p>\n</section>\n").toString();
        }
        for (int n = 0; n < lesions.size(); n++) {
            Overlay ref = lesions.get(n);
            List<OverlayFigure.Panel> panels = new ArrayList<>();
            for (String loss : g.losses()) {
                OverlayFile f = byLoss.get(loss);
                Overlay o = f == null ? null : f.overlays().stream().filter(x -> x.lesionKey().equals(ref.lesionKey())
                        && x.height() == ref.height() && x.width() == ref.width() && x.y0() == ref.y0() && x.x0() == ref.x0()
                        && x.slice() == ref.slice()).findFirst().orElse(null);
                panels.add(new OverlayFigure.Panel(loss, o));
            }
            sb.append(new OverlayFigure("overlay-g" + g.index() + "-" + n, ref, panels).svg());
        }
        List<String> seeds = new ArrayList<>();
        seedOf.forEach((l, s) -> seeds.add(l + " seed " + s));
        sb.append("<p class=\"caption\">The ").append(lesions.size()).append(" smallest reference lesions of the evaluation cases "
                + "(by voxel count, chosen from the reference only, so every loss shows the same slices): the axial slice through each "
                + "lesion's centroid, a crop of at most ").append(byLoss.values().iterator().next().cropSize()).append(" voxels square "
                + "around it, image channel ").append(byLoss.values().iterator().next().channel()).append(" in grey (its crop's 1st to "
                + "99th percentile). Blue outline: the reference of the lesion's class; vermillion: the loss's prediction of that class. "
                + "Panels from ").append(Html.escape(String.join(", ", seeds))).append(".</p>\n</section>\n");
        return sb.toString();
    }
}
