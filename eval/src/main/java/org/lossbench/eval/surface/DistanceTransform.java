package org.lossbench.eval.surface;

import java.util.Arrays;

/**
 * Exact Euclidean distance transform with anisotropic spacing, evaluated only where it is needed:
 * for every voxel carrying a query flag, the distance in mm to the nearest voxel carrying a feature
 * flag, inside one {@link PairMask} box.
 *
 * <p>The transform is separable (Saito and Toriwaki 1994; Felzenszwalb and Huttenlocher, "Distance
 * Transforms of Sampled Functions", Theory of Computing 8, 2012): the squared distance
 * {@code min over features f of (sz dz)^2 + (sy dy)^2 + (sx dx)^2} is minimised one axis at a time.
 * <ol>
 *   <li>Along z: the feature voxels of every column {@code (y, x)} are listed once, as their
 *   ascending z indices (2 bytes per feature voxel, 4 per column); a cursor per column then gives
 *   the integer distance {@code dz} to the column's nearest feature in any slice. No per-voxel
 *   scratch is kept beyond the mask bits.</li>
 *   <li>Per slice that holds query voxels (others are skipped): the lower envelope of parabolas
 *   {@code (sz dz)^2 + (sx (x - x'))^2} along x for every row, then along y only for the columns
 *   that hold query voxels, evaluated only at those voxels.</li>
 * </ol>
 * Every step is exact (a minimum over the same finite set of sums), so the result equals a
 * brute-force nearest-feature search and scipy's {@code distance_transform_edt(..., sampling)} up to
 * floating-point rounding. A query with no feature anywhere in the box gets {@code +inf}.
 */
public final class DistanceTransform {
    private DistanceTransform() {
    }

    /**
     * Distances (mm) from each voxel with {@code queryFlag} to the nearest voxel with
     * {@code featureFlag}, in raster order of the query voxels. With {@code parallel}, columns and
     * slices are split over the calling fork-join pool; the result is the same.
     *
     * @param spacing {@code (sz, sy, sx)} in mm
     */
    public static double[] distances(PairMask mask, int featureFlag, int queryFlag, double[] spacing, long queryCount,
                                     boolean parallel) {
        Box box = mask.box();
        byte[] bits = mask.bits();
        int d = box.depth();
        int slice = box.height() * box.width();
        if (d > Short.MAX_VALUE) {
            throw new IllegalArgumentException("box deeper than " + Short.MAX_VALUE + " slices: " + box);
        }
        Columns columns = Columns.of(bits, featureFlag, d, slice, parallel);
        // where each slice's query voxels start in the output
        int[] start = new int[d + 1];
        Chunks.sum(d, parallel, (from, to) -> {
            for (int z = from; z < to; z++) {
                int n = 0;
                for (int i = z * slice, e = i + slice; i < e; i++) {
                    if ((bits[i] & queryFlag) != 0) {
                        n++;
                    }
                }
                start[z + 1] = n;
            }
            return 0;
        });
        for (int z = 0; z < d; z++) {
            start[z + 1] += start[z];
        }
        if (start[d] != queryCount) {
            throw new IllegalStateException("query count " + queryCount + " but " + start[d] + " query voxels");
        }
        double[] out = new double[start[d]];
        Chunks.sum(d, parallel, (from, to) -> {
            SliceScratch scratch = new SliceScratch(box.height(), box.width());
            int[] cursor = columns.cursors();
            for (int z = from; z < to; z++) {
                if (start[z + 1] > start[z]) {
                    slice(bits, columns, cursor, z, queryFlag, spacing, scratch, out, start[z]);
                }
            }
            return 0;
        });
        return out;
    }

    /**
     * The z indices of the feature voxels of every column {@code (y, x)}, ascending, in one array
     * ({@code z[start[i] .. start[i + 1])} for column i): 2 bytes per feature voxel and 4 per column,
     * instead of a distance per box voxel.
     */
    private static final class Columns {
        final int[] start;
        final short[] z;

        private Columns(int[] start, short[] z) {
            this.start = start;
            this.z = z;
        }

        static Columns of(byte[] bits, int featureFlag, int d, int slice, boolean parallel) {
            int[] start = new int[slice + 1];
            Chunks.sum(slice, parallel, (from, to) -> {
                for (int z = 0; z < d; z++) {
                    int s0 = z * slice;
                    for (int i = from; i < to; i++) {
                        if ((bits[s0 + i] & featureFlag) != 0) {
                            start[i + 1]++;
                        }
                    }
                }
                return 0;
            });
            for (int i = 0; i < slice; i++) {
                start[i + 1] += start[i];
            }
            short[] zs = new short[start[slice]];
            Chunks.sum(slice, parallel, (from, to) -> {
                int[] next = Arrays.copyOfRange(start, from, to);
                for (int z = 0; z < d; z++) {
                    int s0 = z * slice;
                    for (int i = from; i < to; i++) {
                        if ((bits[s0 + i] & featureFlag) != 0) {
                            zs[next[i - from]++] = (short) z;
                        }
                    }
                }
                return 0;
            });
            return new Columns(start, zs);
        }

        /** Fresh per-worker cursors: for each column, the first of its features not yet passed. */
        int[] cursors() {
            return Arrays.copyOf(start, start.length - 1);
        }

        /**
         * Slices from {@code z} to the nearest feature of column {@code i}, or -1 when the column has
         * none; moves the column's cursor forward (z must not decrease between calls).
         */
        int distance(int[] cursor, int i, int z) {
            int end = start[i + 1];
            int c = cursor[i];
            while (c < end && this.z[c] < z) {
                c++;
            }
            cursor[i] = c;
            int best = -1;
            if (c < end) {
                best = this.z[c] - z;
            }
            if (c > start[i]) {
                int up = z - this.z[c - 1];
                if (best < 0 || up < best) {
                    best = up;
                }
            }
            return best;
        }
    }

    /** Per-worker buffers for the x and y passes of one slice. */
    private static final class SliceScratch {
        final double[] plane;
        final double[] f;
        final double[] col;
        final boolean[] columnHasQuery;
        final int[] queryX;
        final Envelope env;

        SliceScratch(int h, int w) {
            plane = new double[h * w];
            f = new double[Math.max(h, w)];
            col = new double[h];
            columnHasQuery = new boolean[w];
            queryX = new int[w];
            env = new Envelope(Math.max(h, w));
        }
    }

    /** x pass on every row of slice z, y pass on the columns holding query voxels, written to out[offset..]. */
    private static void slice(byte[] bits, Columns columns, int[] cursor, int z, int queryFlag, double[] spacing,
                              SliceScratch s, double[] out, int offset) {
        int h = s.col.length;
        int w = s.columnHasQuery.length;
        int s0 = z * h * w;
        double sz = spacing[0];
        double sy = spacing[1];
        double sx = spacing[2];
        Arrays.fill(s.columnHasQuery, false);
        int nCols = 0;
        for (int i = 0; i < h * w; i++) {
            if ((bits[s0 + i] & queryFlag) != 0) {
                int x = i % w;
                if (!s.columnHasQuery[x]) {
                    s.columnHasQuery[x] = true;
                    s.queryX[nCols++] = x;
                }
            }
        }
        // pass along x, every row: g(y, x) = min_x' (sz dz(y, x'))^2 + (sx (x - x'))^2
        for (int y = 0; y < h; y++) {
            int r0 = y * w;
            boolean any = false;
            for (int x = 0; x < w; x++) {
                int dz = columns.distance(cursor, r0 + x, z);
                if (dz < 0) {
                    s.f[x] = Double.POSITIVE_INFINITY;
                } else {
                    double dist = dz * sz;
                    s.f[x] = dist * dist;
                    any = true;
                }
            }
            if (any) {
                s.env.build(s.f, w, sx);
                s.env.evaluateAll(s.plane, r0, w, sx);
            } else {
                Arrays.fill(s.plane, r0, r0 + w, Double.POSITIVE_INFINITY);
            }
        }
        // pass along y, only columns holding a query voxel
        for (int c = 0; c < nCols; c++) {
            int x = s.queryX[c];
            for (int y = 0; y < h; y++) {
                s.f[y] = s.plane[y * w + x];
            }
            s.env.build(s.f, h, sy);
            s.env.evaluateAll(s.col, 0, h, sy);
            for (int y = 0; y < h; y++) {
                s.plane[y * w + x] = s.col[y];
            }
        }
        int n = offset;
        for (int i = 0; i < h * w; i++) {
            if ((bits[s0 + i] & queryFlag) != 0) {
                out[n++] = Math.sqrt(s.plane[i]);
            }
        }
    }

    /**
     * The lower envelope of the parabolas {@code f(q) + (s (p - q))^2} over the sites q where f is
     * finite (Felzenszwalb and Huttenlocher 2012, algorithm DT(f), with sample spacing s).
     */
    static final class Envelope {
        private final int[] v;
        private final double[] zb;
        private int k;
        private double[] f;

        Envelope(int n) {
            v = new int[n];
            zb = new double[n + 1];
        }

        void build(double[] f, int n, double s) {
            this.f = f;
            k = -1;
            for (int q = 0; q < n; q++) {
                double fq = f[q];
                if (fq == Double.POSITIVE_INFINITY) {
                    continue;
                }
                double pq = q * s;
                if (k < 0) {
                    k = 0;
                    v[0] = q;
                    zb[0] = Double.NEGATIVE_INFINITY;
                    zb[1] = Double.POSITIVE_INFINITY;
                    continue;
                }
                double sInt = intersection(q, pq, fq, s);
                while (sInt <= zb[k]) { // zb[0] is -inf, so this stops at k = 0
                    k--;
                    sInt = intersection(q, pq, fq, s);
                }
                k++;
                v[k] = q;
                zb[k] = sInt;
                zb[k + 1] = Double.POSITIVE_INFINITY;
            }
        }

        /** Abscissa where the parabola of site q meets that of the envelope's last site v[k]. */
        private double intersection(int q, double pq, double fq, double s) {
            int r = v[k];
            double pr = r * s;
            return ((fq + pq * pq) - (f[r] + pr * pr)) / (2 * pq - 2 * pr);
        }

        /** Writes the envelope at p = 0..n-1 to {@code out[off + p]}. */
        void evaluateAll(double[] out, int off, int n, double s) {
            if (k < 0) {
                for (int p = 0; p < n; p++) {
                    out[off + p] = Double.POSITIVE_INFINITY;
                }
                return;
            }
            int j = 0;
            for (int p = 0; p < n; p++) {
                double pp = p * s;
                while (zb[j + 1] < pp) {
                    j++;
                }
                double dq = pp - v[j] * s;
                out[off + p] = f[v[j]] + dq * dq;
            }
        }
    }
}
