package org.lossbench.eval.lesion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How reference and predicted lesions (components) are paired, one to one.
 *
 * <ul>
 *   <li>{@code overlap} (default): greedy by overlap. All intersecting pairs are taken in order of
 *   decreasing overlap voxels (ties: lower reference id, then lower predicted id) and a pair is
 *   matched when neither side is matched yet. A reference lesion is detected when it is matched,
 *   that is when some predicted component overlaps it and is not claimed by a reference lesion it
 *   overlaps more.</li>
 *   <li>{@code iou:T}: maximum-weight bipartite matching on IoU over the pairs with IoU >= T, as
 *   panoptica's {@code MaxBipartiteMatching} (optimal assignment maximising the summed IoU, then
 *   the threshold). Solved exactly with the Hungarian algorithm (Kuhn 1955, Munkres 1957) on each
 *   connected block of the eligible pairs. For T > 0.5 a lesion has at most one eligible partner, so
 *   the matching is unique.</li>
 * </ul>
 */
public final class Matching {
    private final double iouThreshold; // NaN for greedy overlap

    private Matching(double iouThreshold) {
        this.iouThreshold = iouThreshold;
    }

    /** Greedy one-to-one matching by largest overlap. */
    public static Matching overlap() {
        return new Matching(Double.NaN);
    }

    /** Maximum-IoU bipartite matching over pairs with IoU >= {@code threshold}. */
    public static Matching iou(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("IoU threshold must be in [0, 1], got " + threshold);
        }
        return new Matching(threshold);
    }

    /** Parses {@code overlap} or {@code iou:T}. */
    public static Matching parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("overlap")) {
            return overlap();
        }
        if (s.startsWith("iou:")) {
            try {
                return iou(Double.parseDouble(s.substring(4)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad IoU threshold in '" + spec + "'; use e.g. iou:0.5");
            }
        }
        throw new IllegalArgumentException("unknown matching '" + spec + "'; use overlap or iou:T");
    }

    @Override
    public String toString() {
        return Double.isNaN(iouThreshold) ? "overlap" : "iou:" + iouThreshold;
    }

    /** The result: for each reference lesion its predicted partner or -1, and the reverse. */
    public record Result(int[] refToPred, int[] predToRef) {
        public int matchedCount() {
            return (int) Arrays.stream(refToPred).filter(p -> p >= 0).count();
        }
    }

    /** Matches {@code nRef} reference and {@code nPred} predicted lesions of the given sizes. */
    public Result match(int nRef, int nPred, long[] refVoxels, long[] predVoxels, Overlaps overlaps) {
        int[] r2p = new int[nRef];
        int[] p2r = new int[nPred];
        Arrays.fill(r2p, -1);
        Arrays.fill(p2r, -1);
        List<Overlaps.Pair> pairs = new ArrayList<>(overlaps.pairs());
        if (Double.isNaN(iouThreshold)) {
            pairs.sort(Comparator.comparingLong(Overlaps.Pair::voxels).reversed()
                    .thenComparingInt(Overlaps.Pair::ref).thenComparingInt(Overlaps.Pair::pred));
            for (Overlaps.Pair p : pairs) {
                if (r2p[p.ref()] < 0 && p2r[p.pred()] < 0) {
                    r2p[p.ref()] = p.pred();
                    p2r[p.pred()] = p.ref();
                }
            }
            return new Result(r2p, p2r);
        }
        List<double[]> eligible = new ArrayList<>(); // {ref, pred, iou}
        for (Overlaps.Pair p : pairs) {
            double iou = p.voxels() / (double) (refVoxels[p.ref()] + predVoxels[p.pred()] - p.voxels());
            if (iou >= iouThreshold && iou > 0) {
                eligible.add(new double[] {p.ref(), p.pred(), iou});
            }
        }
        for (List<double[]> block : blocks(nRef, nPred, eligible)) {
            assignBlock(block, r2p, p2r);
        }
        return new Result(r2p, p2r);
    }

    /** Splits the eligible pairs into connected blocks of the bipartite graph. */
    private static List<List<double[]>> blocks(int nRef, int nPred, List<double[]> edges) {
        int[] parent = new int[nRef + nPred];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (double[] e : edges) {
            int a = find(parent, (int) e[0]);
            int b = find(parent, nRef + (int) e[1]);
            if (a != b) {
                parent[Math.max(a, b)] = Math.min(a, b);
            }
        }
        java.util.Map<Integer, List<double[]>> byRoot = new java.util.TreeMap<>();
        for (double[] e : edges) {
            byRoot.computeIfAbsent(find(parent, (int) e[0]), k -> new ArrayList<>()).add(e);
        }
        return new ArrayList<>(byRoot.values());
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void assignBlock(List<double[]> block, int[] r2p, int[] p2r) {
        int[] refs = block.stream().mapToInt(e -> (int) e[0]).distinct().sorted().toArray();
        int[] preds = block.stream().mapToInt(e -> (int) e[1]).distinct().sorted().toArray();
        boolean transpose = refs.length > preds.length;
        int n = transpose ? preds.length : refs.length;
        int m = transpose ? refs.length : preds.length;
        double[][] cost = new double[n][m];
        for (double[] e : block) {
            int ri = Arrays.binarySearch(refs, (int) e[0]);
            int pi = Arrays.binarySearch(preds, (int) e[1]);
            if (transpose) {
                cost[pi][ri] = -e[2];
            } else {
                cost[ri][pi] = -e[2];
            }
        }
        int[] rowToCol = Hungarian.solve(cost);
        for (int i = 0; i < n; i++) {
            int j = rowToCol[i];
            if (j < 0 || cost[i][j] == 0) {
                continue; // assigned to an ineligible pair: leave unmatched
            }
            int ref = transpose ? refs[j] : refs[i];
            int pred = transpose ? preds[i] : preds[j];
            r2p[ref] = pred;
            p2r[pred] = ref;
        }
    }
}
