package org.lossbench.cli.report;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.lesion.LesionRow;
import org.lossbench.eval.stats.Percentiles;
import org.lossbench.eval.results.FormatTag;

/**
 * Captures, while a sweep cell runs, the slice crops that the report's overlay figure shows (the
 * prediction itself is not kept). Fed case by case, it keeps the {@code count} smallest reference
 * lesions over all cases, chosen from the reference only (by voxel count, then case id, class and
 * component number), so every cell of a dataset picks the same lesions and the report can put the
 * losses' predictions side by side. For each it takes the axial slice through the lesion's centroid
 * ({@code k = round(centroid_k)}), a {@code crop x crop} window centred on {@code (round(centroid_j),
 * round(centroid_i))} and moved inside the volume at the borders (the whole extent when the volume is
 * smaller), the first image channel quantised to 8 bits over the crop's 1st to 99th percentile
 * (numpy's linear percentiles), and the reference and predicted masks of the lesion's class.
 * Deterministic: the same inputs give the same bytes.
 */
public final class OverlayCapture {
    public static final int DEFAULT_COUNT = 3;
    public static final int DEFAULT_CROP = 48;
    /** The image channel shown. */
    public static final int CHANNEL = 0;
    static final double WINDOW_LOW = 1;
    static final double WINDOW_HIGH = 99;

    static final Comparator<Overlay> ORDER = Comparator.comparingLong(Overlay::voxels).thenComparing(Overlay::caseId)
            .thenComparingInt(Overlay::label).thenComparingInt(Overlay::lesionId);

    private final int count;
    private final int crop;
    private final List<Overlay> kept = new ArrayList<>();

    public OverlayCapture() {
        this(DEFAULT_COUNT, DEFAULT_CROP);
    }

    public OverlayCapture(int count, int crop) {
        if (count < 1 || crop < 1) {
            throw new IllegalArgumentException("overlay count and crop size must be positive");
        }
        this.count = count;
        this.crop = crop;
    }

    /** Considers the reference lesions of one evaluated case ({@code result}, from the evaluator). */
    public void add(ImageVolume image, LabelMap reference, LabelMap prediction, CaseResult result) {
        for (LesionRow r : result.lesions()) {
            if (!r.source().equals("ref")) {
                continue;
            }
            if (kept.size() == count && r.voxels() > kept.get(count - 1).voxels()) {
                continue;
            }
            Overlay o = extract(result.caseId(), image, reference, prediction, r, crop);
            kept.add(o);
            kept.sort(ORDER);
            if (kept.size() > count) {
                kept.remove(count);
            }
        }
    }

    /** The kept crops, smallest lesion first. */
    public List<Overlay> overlays() {
        return List.copyOf(kept);
    }

    /** The cell's {@code overlays.json}. */
    public OverlayFile file() {
        return new OverlayFile(FormatTag.OVERLAYS, CHANNEL, crop, overlays());
    }

    /** The crop of one reference lesion (see the class comment). */
    static Overlay extract(String caseId, ImageVolume image, LabelMap reference, LabelMap prediction, LesionRow r, int crop) {
        Grid g = reference.grid();
        if (!image.grid().matches(g, 1e-3) || !prediction.grid().matches(g, 1e-3)) {
            throw new IllegalArgumentException("case " + caseId + ": image, reference and prediction grids differ");
        }
        double[] c = r.centroidVoxel();
        int k = clamp(round(c[2]), 0, g.depth() - 1);
        int h = Math.min(crop, g.height());
        int w = Math.min(crop, g.width());
        int cy = round(c[1]);
        int cx = round(c[0]);
        int y0 = clamp(cy - crop / 2, 0, g.height() - h);
        int x0 = clamp(cx - crop / 2, 0, g.width() - w);
        double[] values = new double[h * w];
        boolean[] ref = new boolean[h * w];
        boolean[] pred = new boolean[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                values[p] = image.get(CHANNEL, k, y0 + y, x0 + x);
                ref[p] = reference.get(k, y0 + y, x0 + x) == r.label();
                pred[p] = prediction.get(k, y0 + y, x0 + x) == r.label();
            }
        }
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        double lo = Percentiles.percentileOfSorted(sorted, WINDOW_LOW);
        double hi = Percentiles.percentileOfSorted(sorted, WINDOW_HIGH);
        return new Overlay(caseId, r.label(), r.id(), r.voxels(), r.diameterMm(), r.sizeBin(), k, y0, x0, h, w,
                new int[] {cy - y0, cx - x0}, new double[] {g.spacingY(), g.spacingX()}, new double[] {lo, hi}, Base64.getEncoder().encodeToString(quantise(values, lo, hi)),
                RunLength.encode(ref), RunLength.encode(pred), r.matchedId() != 0, r.dice());
    }

    /** {@code round(255 (v - lo) / (hi - lo))} clamped to 0..255; all 0 when {@code hi <= lo} (a flat crop). */
    static byte[] quantise(double[] values, double lo, double hi) {
        byte[] out = new byte[values.length];
        if (!(hi > lo)) {
            return out;
        }
        for (int i = 0; i < values.length; i++) {
            long q = Math.round(255 * (values[i] - lo) / (hi - lo));
            out[i] = (byte) Math.max(0, Math.min(255, q));
        }
        return out;
    }

    private static int round(double v) {
        return (int) Math.floor(v + 0.5);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
