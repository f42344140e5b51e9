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
 *   <li>Along z, for every column, the integer distance {@code dz} to the nearest feature in that
 *   column, by one forward and one backward sweep over whole slices (cache friendly). It is kept
 *   as a {@code short} per voxel: 2 bytes per box voxel, the only per-voxel scratch.</li>
 *   <li>Per slice that holds query voxels: the lower envelope of parabolas
 *   {@code (sz dz)^2 + (sx (x - x'))^2} along x for every row, then along y only for the columns
 *   that hold query voxels, evaluated only at those voxels.</li>
 * </ol>
 * Every step is exact (a minimum over the same finite set of sums), so the result equals a
 * brute-force nearest-feature search and scipy's {@code distance_transform_edt(..., sampling)} up to
 * floating-point rounding. A query with no feature anywhere in the box gets {@code +inf}.
 */
public final class DistanceTransform {
    private static final short NONE = Short.MAX_VALUE;

    private DistanceTransform() {
    }

    /**
     * Distances (mm) from each voxel with {@code queryFlag} to the nearest voxel with
     * {@code featureFlag}, in raster order of the query voxels.
     *
     * @param spacing {@code (sz, sy, sx)} in mm
     */
    public static double[] distances(PairMask mask, int featureFlag, int queryFlag, double[] spacing, long queryCount) {
        Box box = mask.box();
        byte[] bits = mask.bits();
        int d = box.depth();
        int h = box.height();
        int w = box.width();
        int slice = h * w;
        if (box.depth() >= NONE) {
            throw new IllegalArgumentException("box deeper than " + (NONE - 1) + " slices: " + box);
        }
        double[] out = new double[Math.toIntExact(queryCount)];
        short[] dz = columnDistances(bits, featureFlag, d, slice);
        double sz = spacing[0];
        double sy = spacing[1];
        double sx = spacing[2];
        double[] rowPass = new double[slice];
        Envelope env = new Envelope(Math.max(h, w));
        double[] f = new double[Math.max(h, w)];
        boolean[] columnHasQuery = new boolean[w];
        int[] queryX = new int[w];
        double[] colDist = new double[h];
        int n = 0;
        for (int z = 0; z < d; z++) {
            int s0 = z * slice;
            int nCols = 0;
            Arrays.fill(columnHasQuery, false);
            boolean any = false;
            for (int i = 0; i < slice; i++) {
                if ((bits[s0 + i] & queryFlag) != 0) {
                    any = true;
                    int x = i % w;
                    if (!columnHasQuery[x]) {
                        columnHasQuery[x] = true;
                        queryX[nCols++] = x;
                    }
                }
            }
            if (!any) {
                continue;
            }
            // pass along x, every row: g(y, x) = min_x' (sz dz(y, x'))^2 + (sx (x - x'))^2
            for (int y = 0; y < h; y++) {
                int r0 = y * w;
                for (int x = 0; x < w; x++) {
                    short v = dz[s0 + r0 + x];
                    f[x] = v == NONE ? Double.POSITIVE_INFINITY : (v * sz) * (v * sz);
                }
                env.build(f, w, sx);
                env.evaluateAll(rowPass, r0, 1, w, sx);
            }
            // pass along y, only columns holding a query voxel; evaluate only at query voxels
            Arrays.sort(queryX, 0, nCols);
            for (int c = 0; c < nCols; c++) {
                int x = queryX[c];
                for (int y = 0; y < h; y++) {
                    f[y] = rowPass[y * w + x];
                }
                env.build(f, h, sy);
                env.evaluateAll(colDist, 0, 1, h, sy);
                for (int y = 0; y < h; y++) {
                    rowPass[y * w + x] = colDist[y];
                }
            }
            for (int i = 0; i < slice; i++) {
                if ((bits[s0 + i] & queryFlag) != 0) {
                    out[n++] = Math.sqrt(rowPass[i]);
                }
            }
        }
        return out;
    }

    /** Per column, the number of slices to the nearest feature along z, or {@link #NONE}. */
    private static short[] columnDistances(byte[] bits, int featureFlag, int d, int slice) {
        short[] dz = new short[d * slice];
        for (int z = 0; z < d; z++) {
            int s0 = z * slice;
            for (int i = 0; i < slice; i++) {
                if ((bits[s0 + i] & featureFlag) != 0) {
                    dz[s0 + i] = 0;
                } else if (z > 0 && dz[s0 - slice + i] != NONE) {
                    dz[s0 + i] = (short) (dz[s0 - slice + i] + 1);
                } else {
                    dz[s0 + i] = NONE;
                }
            }
        }
        for (int z = d - 2; z >= 0; z--) {
            int s0 = z * slice;
            for (int i = 0; i < slice; i++) {
                short below = dz[s0 + slice + i];
                if (below != NONE && below + 1 < dz[s0 + i]) {
                    dz[s0 + i] = (short) (below + 1);
                }
            }
        }
        return dz;
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

        /** Writes the envelope at p = 0..n-1 to {@code out[off + p * stride]}. */
        void evaluateAll(double[] out, int off, int stride, int n, double s) {
            if (k < 0) {
                for (int p = 0; p < n; p++) {
                    out[off + p * stride] = Double.POSITIVE_INFINITY;
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
                out[off + p * stride] = f[v[j]] + dq * dq;
            }
        }
    }
}
