package org.lossbench.cli.report;

import java.util.List;
import java.util.Locale;

/**
 * The slice overlays of one reference lesion: a first panel with the image and the reference contour,
 * then one panel per loss with its prediction of the lesion's class filled (vermillion, half
 * transparent) under the reference contour (blue). Each crop is drawn {@link #PANEL} pixels along its
 * longer side (in mm, from the in-plane spacing; voxels as sharp squares or rectangles), above it the panel's name and whether
 * that loss detected the lesion (with the pair's Dice); short ticks on the top and left edges point at
 * the lesion's centre row and column (other lesions of its class in the crop show too).
 */
public final class OverlayFigure {
    /** The longer side of a panel in screen pixels (a 48-voxel crop: 3 pixels per voxel). */
    public static final double PANEL = 144;
    static final double GAP = 10;
    static final double HEADER = 30;

    /** One loss's panel: its name and its cell's crop of the lesion (null when that cell has none). */
    public record Panel(String loss, Overlay overlay) {
    }

    private final String id;
    private final Overlay reference;
    private final List<Panel> panels;

    /** @param reference the crop whose image and reference mask the first panel shows (any of the panels' crops) */
    public OverlayFigure(String id, Overlay reference, List<Panel> panels) {
        this.id = id;
        this.reference = reference;
        this.panels = List.copyOf(panels);
    }

    double panelWidth() {
        return PANEL * widthMm() / Math.max(widthMm(), heightMm());
    }

    double panelHeight() {
        return PANEL * heightMm() / Math.max(widthMm(), heightMm());
    }

    private double widthMm() {
        return reference.width() * reference.spacingMm()[1];
    }

    private double heightMm() {
        return reference.height() * reference.spacingMm()[0];
    }

    public double width() {
        return GAP + (panels.size() + 1) * (panelWidth() + GAP);
    }

    public double height() {
        return HEADER + panelHeight() + GAP;
    }

    public String svg() {
        Overlay r = reference;
        String title = "Case " + r.caseId() + ", class " + r.label() + ", lesion " + r.lesionId() + " (" + r.voxels() + " voxels, "
                + String.format(Locale.ROOT, "%.2f", r.diameterMm()) + " mm), slice k=" + r.slice();
        StringBuilder desc = new StringBuilder("Axial slice crop (rows " + r.y0() + "-" + (r.y0() + r.height() - 1) + ", columns " + r.x0()
                + "-" + (r.x0() + r.width() - 1) + ") with the reference contour; then per loss the predicted area:");
        for (Panel p : panels) {
            desc.append(' ').append(p.loss()).append(' ').append(status(p.overlay())).append(';');
        }
        Svg svg = new Svg(id, "chart overlay-figure", width(), height(), title, desc.toString());
        String image = GreyPng.dataUri(r.image(), r.width(), r.height());
        String outline = MaskPaths.outline(r.reference(), r.width(), r.height());
        panel(svg, 0, "reference", "", image, outline, null);
        for (int i = 0; i < panels.size(); i++) {
            Panel p = panels.get(i);
            String fill = p.overlay() == null ? null : MaskPaths.fill(p.overlay().prediction(), r.width(), r.height());
            panel(svg, i + 1, p.loss(), status(p.overlay()), image, outline, fill == null ? "" : fill);
        }
        return svg.done();
    }

    private void panel(Svg svg, int index, String name, String status, String image, String outline, String fill) {
        double x = GAP + index * (panelWidth() + GAP);
        double sx = panelWidth() / reference.width();
        double sy = panelHeight() / reference.height();
        svg.group("class", fill == null ? "overlay-panel reference-panel" : "overlay-panel prediction-panel", "data-series", name,
                "transform", "translate(" + Svg.n(x) + " " + Svg.n(HEADER) + ")");
        svg.text(name, "class", "panel-label", "x", "0", "y", "-16", "font-size", "10", "font-weight", "bold", "fill", Palette.INK);
        svg.text(status, "class", "panel-status", "x", "0", "y", "-5", "font-size", "9", "fill", Palette.INK);
        svg.el("image", "class", "slice", "href", image, "x", "0", "y", "0", "width", Svg.n(panelWidth()), "height", Svg.n(panelHeight()),
                "preserveAspectRatio", "none", "style", "image-rendering:pixelated");
        double my = (reference.centre()[0] + 0.5) * sy;
        double mx = (reference.centre()[1] + 0.5) * sx;
        svg.el("path", "class", "centre-mark", "d", "M" + Svg.n(mx) + " -4v4M-5 " + Svg.n(my) + "h5", "stroke", Palette.INK, "stroke-width", "1.5");
        svg.group("transform", "scale(" + Svg.n(sx) + " " + Svg.n(sy) + ")");
        if (fill != null && !fill.isEmpty()) {
            svg.el("path", "class", "prediction", "d", fill, "fill", Palette.PREDICTION, "fill-opacity", "0.5", "stroke", "none");
        }
        if (!outline.isEmpty()) {
            svg.el("path", "class", "reference", "d", outline, "fill", "none", "stroke", Palette.REFERENCE, "stroke-width", "2",
                    "vector-effect", "non-scaling-stroke", "stroke-linecap", "square");
        }
        svg.end();
        svg.end();
    }

    private static String status(Overlay o) {
        if (o == null) {
            return "no crop";
        }
        return o.detected() ? String.format(Locale.ROOT, "detected, Dice %.3f", o.lesionDice()) : "missed";
    }
}
