package org.lossbench.eval.lesion;

import java.util.Arrays;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.eval.surface.Box;

/**
 * Connected components of one label of a label map, found on runs (maximal stretches of the label
 * along x) with union-find (He, Chao and Suzuki, "A run-based two-scan labeling algorithm", IEEE
 * TIP 17(5), 2008). Memory grows with the number of runs, not with the number of voxels, so the
 * components of a body-sized class cost a few MB, not an int per voxel.
 *
 * <p>Components are numbered 1..n in the order of their first voxel in C-order (z, then y, then x),
 * which is the numbering {@code scipy.ndimage.label} gives.
 */
public final class Components {
    private final Grid grid;
    private final int label;
    // runs in raster order
    private int nRuns;
    private int[] runZ = new int[64];
    private int[] runY = new int[64];
    private int[] runX0 = new int[64];
    private int[] runX1 = new int[64];
    private int[] runComp; // 0-based component of each run
    private int count;
    private long[] voxels;
    private double[] sumZ;
    private double[] sumY;
    private double[] sumX;
    private int[] boxes; // 6 per component
    private int[] compRunStart; // runs of component c: order[compRunStart[c] .. compRunStart[c+1])
    private int[] order;

    private Components(Grid grid, int label) {
        this.grid = grid;
        this.label = label;
    }

    /** Components of {@code label} in {@code map}, looking only inside {@code box} (null: none). */
    public static Components of(LabelMap map, int label, Box box, Connectivity connectivity) {
        Components c = new Components(map.grid(), label);
        if (box != null) {
            c.findRuns(map, box);
        }
        c.link(connectivity, box);
        c.summarise();
        return c;
    }

    private void findRuns(LabelMap map, Box box) {
        for (int z = box.z0(); z <= box.z1(); z++) {
            for (int y = box.y0(); y <= box.y1(); y++) {
                int base = grid.index(z, y, 0);
                int x = box.x0();
                while (x <= box.x1()) {
                    if (map.get(base + x) != label) {
                        x++;
                        continue;
                    }
                    int start = x;
                    while (x <= box.x1() && map.get(base + x) == label) {
                        x++;
                    }
                    addRun(z, y, start, x - 1);
                }
            }
        }
    }

    private void addRun(int z, int y, int x0, int x1) {
        if (nRuns == runZ.length) {
            int n = nRuns * 2;
            runZ = Arrays.copyOf(runZ, n);
            runY = Arrays.copyOf(runY, n);
            runX0 = Arrays.copyOf(runX0, n);
            runX1 = Arrays.copyOf(runX1, n);
        }
        runZ[nRuns] = z;
        runY[nRuns] = y;
        runX0[nRuns] = x0;
        runX1[nRuns] = x1;
        nRuns++;
    }

    /** Union-find over runs that touch runs in earlier rows. */
    private void link(Connectivity conn, Box box) {
        int[] parent = new int[nRuns];
        for (int i = 0; i < nRuns; i++) {
            parent[i] = i;
        }
        if (nRuns > 0) {
            int h = box.height();
            int rows = box.depth() * h;
            // runs of box row k (z * h + y): rowStart[k] .. rowEnd[k], rowStart -1 when none
            int[] rowStart = new int[rows];
            Arrays.fill(rowStart, -1);
            for (int r = nRuns - 1; r >= 0; r--) {
                rowStart[(runZ[r] - box.z0()) * h + runY[r] - box.y0()] = r;
            }
            int[] rowEnd = new int[rows];
            for (int r = 0; r < nRuns; r++) {
                rowEnd[(runZ[r] - box.z0()) * h + runY[r] - box.y0()] = r + 1;
            }
            int[][] offsets = {{0, -1}, {-1, -1}, {-1, 0}, {-1, 1}};
            for (int r = 0; r < nRuns; r++) {
                int zr = runZ[r] - box.z0();
                int yr = runY[r] - box.y0();
                for (int[] o : offsets) {
                    int dz = o[0];
                    int dy = o[1];
                    if (!conn.rowsAdjacent(dz, dy)) {
                        continue;
                    }
                    int zq = zr + dz;
                    int yq = yr + dy;
                    if (zq < 0 || yq < 0 || yq >= h) {
                        continue;
                    }
                    int row = zq * h + yq;
                    int first = rowStart[row];
                    if (first < 0) {
                        continue;
                    }
                    int slack = conn.diagonalInX(dz, dy) ? 1 : 0;
                    for (int q = first; q < rowEnd[row]; q++) {
                        if (runX0[q] > runX1[r] + slack) {
                            break;
                        }
                        if (runX1[q] + slack >= runX0[r]) {
                            union(parent, r, q);
                        }
                    }
                }
            }
        }
        // number components by first run in raster order (runs are in raster order)
        runComp = new int[nRuns];
        int[] compOfRoot = new int[nRuns];
        Arrays.fill(compOfRoot, -1);
        count = 0;
        for (int r = 0; r < nRuns; r++) {
            int root = find(parent, r);
            if (compOfRoot[root] < 0) {
                compOfRoot[root] = count++;
            }
            runComp[r] = compOfRoot[root];
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            // keep the earlier run as root
            if (ra < rb) {
                parent[rb] = ra;
            } else {
                parent[ra] = rb;
            }
        }
    }

    private void summarise() {
        voxels = new long[count];
        sumZ = new double[count];
        sumY = new double[count];
        sumX = new double[count];
        boxes = new int[6 * count];
        for (int c = 0; c < count; c++) {
            boxes[6 * c] = Integer.MAX_VALUE;
            boxes[6 * c + 1] = Integer.MIN_VALUE;
            boxes[6 * c + 2] = Integer.MAX_VALUE;
            boxes[6 * c + 3] = Integer.MIN_VALUE;
            boxes[6 * c + 4] = Integer.MAX_VALUE;
            boxes[6 * c + 5] = Integer.MIN_VALUE;
        }
        compRunStart = new int[count + 1];
        for (int r = 0; r < nRuns; r++) {
            int c = runComp[r];
            long len = runX1[r] - runX0[r] + 1;
            voxels[c] += len;
            sumZ[c] += (double) runZ[r] * len;
            sumY[c] += (double) runY[r] * len;
            sumX[c] += (runX0[r] + runX1[r]) * (double) len / 2.0;
            int b = 6 * c;
            boxes[b] = Math.min(boxes[b], runZ[r]);
            boxes[b + 1] = Math.max(boxes[b + 1], runZ[r]);
            boxes[b + 2] = Math.min(boxes[b + 2], runY[r]);
            boxes[b + 3] = Math.max(boxes[b + 3], runY[r]);
            boxes[b + 4] = Math.min(boxes[b + 4], runX0[r]);
            boxes[b + 5] = Math.max(boxes[b + 5], runX1[r]);
            compRunStart[c + 1]++;
        }
        for (int c = 0; c < count; c++) {
            compRunStart[c + 1] += compRunStart[c];
        }
        order = new int[nRuns];
        int[] fill = Arrays.copyOf(compRunStart, count);
        for (int r = 0; r < nRuns; r++) {
            order[fill[runComp[r]]++] = r;
        }
    }

    public Grid grid() {
        return grid;
    }

    public int label() {
        return label;
    }

    /** Number of components. */
    public int count() {
        return count;
    }

    /** Voxels of component {@code c} (0-based). */
    public long voxels(int c) {
        return voxels[c];
    }

    /** Centroid of component {@code c} as voxel indices {@code (z, y, x)}. */
    public double[] centroid(int c) {
        double n = voxels[c];
        return new double[] {sumZ[c] / n, sumY[c] / n, sumX[c] / n};
    }

    /** Bounding box of component {@code c}. */
    public Box box(int c) {
        int b = 6 * c;
        return new Box(boxes[b], boxes[b + 1], boxes[b + 2], boxes[b + 3], boxes[b + 4], boxes[b + 5]);
    }

    /** Visits the runs of component {@code c}. */
    public void forEachRun(int c, RunVisitor visitor) {
        for (int i = compRunStart[c]; i < compRunStart[c + 1]; i++) {
            int r = order[i];
            visitor.run(runZ[r], runY[r], runX0[r], runX1[r]);
        }
    }

    /** Receives a run: row {@code (z, y)}, voxels {@code x0..x1} inclusive. */
    @FunctionalInterface
    public interface RunVisitor {
        void run(int z, int y, int x0, int x1);
    }

    /**
     * Overlap voxel counts between every pair of components of {@code ref} and {@code pred} that
     * intersect, by merging their runs row by row.
     */
    public static Overlaps overlaps(Components ref, Components pred) {
        Overlaps out = new Overlaps();
        int i = 0;
        int j = 0;
        while (i < ref.nRuns && j < pred.nRuns) {
            long ki = rowKey(ref, i);
            long kj = rowKey(pred, j);
            if (ki < kj) {
                i++;
            } else if (kj < ki) {
                j++;
            } else {
                int lo = Math.max(ref.runX0[i], pred.runX0[j]);
                int hi = Math.min(ref.runX1[i], pred.runX1[j]);
                if (lo <= hi) {
                    out.add(ref.runComp[i], pred.runComp[j], hi - lo + 1);
                }
                if (ref.runX1[i] < pred.runX1[j]) {
                    i++;
                } else {
                    j++;
                }
            }
        }
        return out;
    }

    private static long rowKey(Components c, int r) {
        return (long) c.runZ[r] * c.grid.height() + c.runY[r];
    }
}
