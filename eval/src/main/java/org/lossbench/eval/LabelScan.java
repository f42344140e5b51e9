package org.lossbench.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.lossbench.core.BadInputException;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.eval.surface.Box;
import org.lossbench.eval.surface.Chunks;

/**
 * One pass over a reference and a prediction map: per label value, the voxel counts in each map,
 * the count where both carry it (true positives), and its bounding box in each map. Runs in
 * parallel over slabs of slices (in the calling fork-join pool) and allocates nothing per voxel.
 */
public final class LabelScan {
    /** Label values must span at most this many integers (one dense counter per value). */
    static final int MAX_LABEL_SPAN = 1 << 20;

    private final int lo;
    private final long[] refCount;
    private final long[] predCount;
    private final long[] both;
    private final int[] refBox; // 6 per label: z0 z1 y0 y1 x0 x1
    private final int[] predBox;

    private LabelScan(int lo, int span) {
        this.lo = lo;
        refCount = new long[span];
        predCount = new long[span];
        both = new long[span];
        refBox = emptyBoxes(span);
        predBox = emptyBoxes(span);
    }

    private static int[] emptyBoxes(int span) {
        int[] b = new int[6 * span];
        for (int i = 0; i < span; i++) {
            b[6 * i] = Integer.MAX_VALUE;
            b[6 * i + 1] = Integer.MIN_VALUE;
            b[6 * i + 2] = Integer.MAX_VALUE;
            b[6 * i + 3] = Integer.MIN_VALUE;
            b[6 * i + 4] = Integer.MAX_VALUE;
            b[6 * i + 5] = Integer.MIN_VALUE;
        }
        return b;
    }

    /** Scans both maps, which must share a grid shape. */
    public static LabelScan of(LabelMap ref, LabelMap pred, String caseId) {
        int lo = Math.min(ref.min(), pred.min());
        int hi = Math.max(ref.max(), pred.max());
        long span = (long) hi - lo + 1;
        if (span > MAX_LABEL_SPAN) {
            throw new BadInputException("case " + caseId + ": label values span " + lo + ".." + hi
                    + ", more than " + MAX_LABEL_SPAN + " values; is this an image rather than a label map?");
        }
        Grid g = ref.grid();
        int d = g.depth();
        // each slab keeps 72 bytes of counters per label value: at most 64 MB of them in all
        int slabs = (int) Math.max(1, Math.min(Math.min(d, 4L * Chunks.parallelism()), (64L << 20) / (72 * span)));
        List<LabelScan> parts = IntStream.range(0, slabs).parallel().mapToObj(s -> {
            LabelScan part = new LabelScan(lo, (int) span);
            part.scan(ref, pred, (int) ((long) d * s / slabs), (int) ((long) d * (s + 1) / slabs));
            return part;
        }).toList();
        LabelScan total = new LabelScan(lo, (int) span);
        for (LabelScan p : parts) {
            total.add(p);
        }
        return total;
    }

    private void scan(LabelMap ref, LabelMap pred, int zFrom, int zTo) {
        Grid g = ref.grid();
        int h = g.height();
        int w = g.width();
        for (int z = zFrom; z < zTo; z++) {
            for (int y = 0; y < h; y++) {
                int base = g.index(z, y, 0);
                int runR = ref.get(base);
                int startR = 0;
                int runP = pred.get(base);
                int startP = 0;
                for (int x = 0; x < w; x++) {
                    int r = ref.get(base + x);
                    int p = pred.get(base + x);
                    if (r == p) {
                        both[r - lo]++;
                    }
                    if (r != runR) {
                        run(refCount, refBox, runR, z, y, startR, x - 1);
                        runR = r;
                        startR = x;
                    }
                    if (p != runP) {
                        run(predCount, predBox, runP, z, y, startP, x - 1);
                        runP = p;
                        startP = x;
                    }
                }
                run(refCount, refBox, runR, z, y, startR, w - 1);
                run(predCount, predBox, runP, z, y, startP, w - 1);
            }
        }
    }

    private void run(long[] count, int[] box, int label, int z, int y, int x0, int x1) {
        int i = label - lo;
        count[i] += x1 - x0 + 1;
        int b = 6 * i;
        if (z < box[b]) {
            box[b] = z;
        }
        if (z > box[b + 1]) {
            box[b + 1] = z;
        }
        if (y < box[b + 2]) {
            box[b + 2] = y;
        }
        if (y > box[b + 3]) {
            box[b + 3] = y;
        }
        if (x0 < box[b + 4]) {
            box[b + 4] = x0;
        }
        if (x1 > box[b + 5]) {
            box[b + 5] = x1;
        }
    }

    private void add(LabelScan o) {
        for (int i = 0; i < refCount.length; i++) {
            refCount[i] += o.refCount[i];
            predCount[i] += o.predCount[i];
            both[i] += o.both[i];
        }
        mergeBoxes(refBox, o.refBox);
        mergeBoxes(predBox, o.predBox);
    }

    private static void mergeBoxes(int[] into, int[] from) {
        for (int i = 0; i < into.length; i += 2) {
            into[i] = Math.min(into[i], from[i]);
            into[i + 1] = Math.max(into[i + 1], from[i + 1]);
        }
    }

    private boolean inRange(int label) {
        return label >= lo && label - lo < refCount.length;
    }

    public long refVoxels(int label) {
        return inRange(label) ? refCount[label - lo] : 0;
    }

    public long predVoxels(int label) {
        return inRange(label) ? predCount[label - lo] : 0;
    }

    /** Voxels labelled {@code label} in both maps. */
    public long bothVoxels(int label) {
        return inRange(label) ? both[label - lo] : 0;
    }

    /** Bounding box of {@code label} in the reference, or null when absent. */
    public Box refBox(int label) {
        return box(refBox, label, refVoxels(label));
    }

    /** Bounding box of {@code label} in the prediction, or null when absent. */
    public Box predBox(int label) {
        return box(predBox, label, predVoxels(label));
    }

    private Box box(int[] boxes, int label, long count) {
        if (count == 0) {
            return null;
        }
        int b = 6 * (label - lo);
        return new Box(boxes[b], boxes[b + 1], boxes[b + 2], boxes[b + 3], boxes[b + 4], boxes[b + 5]);
    }

    /** Non-zero labels present in the reference. */
    public List<Integer> refLabels() {
        return present(refCount);
    }

    /** Non-zero labels present in the prediction. */
    public List<Integer> predLabels() {
        return present(predCount);
    }

    private List<Integer> present(long[] count) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < count.length; i++) {
            if (count[i] > 0 && i + lo != 0) {
                out.add(i + lo);
            }
        }
        return out;
    }
}
