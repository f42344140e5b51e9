package org.lossbench.datasets.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.lossbench.core.BadInputException;
import org.lossbench.core.volume.Grid;
import org.lossbench.datasets.Seeds;
import org.lossbench.datasets.augment.Sample;
import org.lossbench.datasets.augment.Transform;
import org.lossbench.datasets.loader.LoadedCase;
import org.lossbench.datasets.preprocess.CropPad;

/**
 * Draws training batches of patches with foreground oversampling, as nnU-Net's data loader does:
 * in every batch of {@code N}, the last {@code round(N * foregroundShare)} patches are centred on a
 * voxel of a foreground class chosen uniformly among the classes present in the case (so rare
 * classes are seen as often as common ones), the others are placed uniformly at random.
 *
 * <p>Batch {@code b} is a pure function of {@code (seed, b)}: patch {@code j} draws everything (case,
 * class, voxel, position, augmentation) from {@code Seeds.random(seed, b, j)}. Batches can therefore
 * be built on any number of threads, in any order, with identical results.
 *
 * <p>Placement: along an axis of length {@code n} and patch length {@code p}, the patch start lies in
 * {@code [min(0, n - p), max(0, n - p)]} (patches larger than the volume are padded with 0 and
 * background); a foreground patch starts at {@code v - p / 2} clamped to that range.
 */
public final class PatchSampler {
    /** At most this many voxel positions are kept per class and case (evenly strided beyond it). */
    static final int MAX_POSITIONS = 100_000;

    private final List<LoadedCase> cases;
    private final List<int[]> classes = new ArrayList<>();
    private final List<int[][]> positions = new ArrayList<>();
    private final int[] patch;
    private final int batchSize;
    private final int forcedPerBatch;
    private final Transform augmentation;
    private final long seed;
    private final int channels;

    /**
     * @param augmentation applied to every patch after cutting, or {@code null}
     */
    public PatchSampler(List<LoadedCase> cases, int[] patch, int batchSize, double foregroundShare, Transform augmentation, long seed) {
        if (cases.isEmpty()) {
            throw new BadInputException("no training cases to sample patches from");
        }
        if (patch.length != 3 || patch[0] < 1 || patch[1] < 1 || patch[2] < 1) {
            throw new IllegalArgumentException("patch shape must be three positive sizes (D, H, W)");
        }
        if (batchSize < 1 || !(foregroundShare >= 0 && foregroundShare <= 1)) {
            throw new IllegalArgumentException("batch size must be >= 1 and the foreground share in [0, 1]");
        }
        this.cases = List.copyOf(cases);
        this.patch = patch.clone();
        this.batchSize = batchSize;
        this.forcedPerBatch = (int) Math.round(batchSize * foregroundShare);
        this.augmentation = augmentation;
        this.seed = seed;
        this.channels = cases.get(0).image().channels();
        for (LoadedCase c : cases) {
            if (c.label() == null) {
                throw new BadInputException("case '" + c.id() + "' has no label map; training needs labelled cases");
            }
            if (c.image().channels() != channels) {
                throw new BadInputException("case '" + c.id() + "' has " + c.image().channels() + " channels, case '"
                        + cases.get(0).id() + "' has " + channels);
            }
            index(c);
        }
    }

    private void index(LoadedCase c) {
        SortedMap<Integer, Long> hist = c.label().histogram();
        List<Integer> fg = hist.keySet().stream().filter(k -> k > 0).toList();
        int[] cls = fg.stream().mapToInt(Integer::intValue).toArray();
        int[][] pos = new int[cls.length][];
        TreeMap<Integer, Integer> slot = new TreeMap<>();
        for (int k = 0; k < cls.length; k++) {
            long count = hist.get(cls[k]);
            int stride = (int) Math.max(1, (count + MAX_POSITIONS - 1) / MAX_POSITIONS);
            pos[k] = new int[(int) ((count + stride - 1) / stride)];
            slot.put(cls[k], k);
        }
        int[] seen = new int[cls.length];
        int[] filled = new int[cls.length];
        for (int i = 0; i < c.label().size(); i++) {
            int v = c.label().get(i);
            if (v > 0) {
                int k = slot.get(v);
                int stride = (int) Math.max(1, (hist.get(v) + MAX_POSITIONS - 1) / MAX_POSITIONS);
                if (seen[k]++ % stride == 0) {
                    pos[k][filled[k]++] = i;
                }
            }
        }
        classes.add(cls);
        positions.add(pos);
    }

    public int batchSize() {
        return batchSize;
    }

    /** Batch number {@code b}. */
    public Batch batch(long b) {
        int pv = patch[0] * patch[1] * patch[2];
        float[] images = new float[batchSize * channels * pv];
        int[] labels = new int[batchSize * pv];
        String[] ids = new String[batchSize];
        boolean[] forced = new boolean[batchSize];
        for (int j = 0; j < batchSize; j++) {
            SplittableRandom r = Seeds.random(seed, b, j);
            int ci = r.nextInt(cases.size());
            LoadedCase c = cases.get(ci);
            forced[j] = j >= batchSize - forcedPerBatch;
            int[] start = forced[j] && classes.get(ci).length > 0 ? foregroundStart(ci, c.label().grid(), r)
                    : randomStart(c.label().grid(), r);
            Sample s = new Sample(CropPad.image(c.image(), start, patch, 0f), CropPad.labels(c.label(), start, patch, 0));
            if (augmentation != null) {
                s = augmentation.apply(s, r);
            }
            System.arraycopy(s.image().data(), 0, images, j * channels * pv, channels * pv);
            for (int i = 0; i < pv; i++) {
                labels[j * pv + i] = s.label().get(i);
            }
            ids[j] = c.id();
        }
        return new Batch(b, images, labels, new int[] {batchSize, channels, patch[0], patch[1], patch[2]}, ids, forced);
    }

    private int[] randomStart(Grid g, SplittableRandom r) {
        int[] n = g.shape();
        int[] start = new int[3];
        for (int a = 0; a < 3; a++) {
            int lo = Math.min(0, n[a] - patch[a]);
            int hi = Math.max(0, n[a] - patch[a]);
            start[a] = lo + r.nextInt(hi - lo + 1);
        }
        return start;
    }

    private int[] foregroundStart(int ci, Grid g, SplittableRandom r) {
        int[] cls = classes.get(ci);
        int k = r.nextInt(cls.length);
        int[] pos = positions.get(ci)[k];
        int v = pos[r.nextInt(pos.length)];
        int[] centre = {v / (g.height() * g.width()), (v / g.width()) % g.height(), v % g.width()};
        int[] n = g.shape();
        int[] start = new int[3];
        for (int a = 0; a < 3; a++) {
            int lo = Math.min(0, n[a] - patch[a]);
            int hi = Math.max(0, n[a] - patch[a]);
            start[a] = Math.max(lo, Math.min(hi, centre[a] - patch[a] / 2));
        }
        return start;
    }
}
