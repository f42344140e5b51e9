package org.lossbench.datasets.augment;

import java.util.SplittableRandom;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;

/**
 * With probability {@code p}, rotates by {@code k * 90} degrees ({@code k} uniform in 1..3) in a
 * plane chosen uniformly among those whose two axes have the same length and spacing (so the grid
 * is unchanged); exact (no interpolation). One quarter turn in plane {@code (a, b)} takes output
 * voxel {@code (.., i_a, .., i_b, ..)} from source {@code (.., i_b, .., n - 1 - i_a, ..)}, which is
 * {@code numpy.rot90(m, 1, axes=(a, b))}.
 */
public record Rotate90(double p) implements Transform {
    private static final int[][] PLANES = {{0, 1}, {0, 2}, {1, 2}};

    @Override
    public Sample apply(Sample s, SplittableRandom random) {
        if (random.nextDouble() >= p) {
            return s;
        }
        Grid g = s.image().grid();
        int[] shape = g.shape();
        double[] sp = g.spacing();
        int[] usable = new int[3];
        int count = 0;
        for (int i = 0; i < 3; i++) {
            int a = PLANES[i][0];
            int b = PLANES[i][1];
            if (shape[a] == shape[b] && sp[a] == sp[b]) {
                usable[count++] = i;
            }
        }
        int plane = count == 0 ? -1 : usable[random.nextInt(count)];
        int k = 1 + random.nextInt(3);
        return plane < 0 ? s : rotate(s, PLANES[plane][0], PLANES[plane][1], k);
    }

    /** Rotates {@code k} quarter turns in the plane of axes {@code a < b}, which must have equal length. */
    public static Sample rotate(Sample s, int a, int b, int k) {
        Grid g = s.image().grid();
        int[] shape = g.shape();
        int n = g.voxelCount();
        int len = shape[a];
        float[] in = s.image().data();
        float[] out = new float[in.length];
        LabelMap label = s.label() == null ? null : LabelMap.zeros(g, s.label().max());
        int[] p = new int[3];
        int[] q = new int[3];
        for (p[0] = 0; p[0] < shape[0]; p[0]++) {
            for (p[1] = 0; p[1] < shape[1]; p[1]++) {
                for (p[2] = 0; p[2] < shape[2]; p[2]++) {
                    q[0] = p[0];
                    q[1] = p[1];
                    q[2] = p[2];
                    for (int t = 0; t < k; t++) { // one quarter turn: (i_a, i_b) <- (i_b, n - 1 - i_a)
                        int ia = q[a];
                        q[a] = q[b];
                        q[b] = len - 1 - ia;
                    }
                    int dst = g.index(p[0], p[1], p[2]);
                    int src = g.index(q[0], q[1], q[2]);
                    for (int c = 0; c < s.image().channels(); c++) {
                        out[c * n + dst] = in[c * n + src];
                    }
                    if (label != null) {
                        label.set(dst, s.label().get(src));
                    }
                }
            }
        }
        return new Sample(new ImageVolume(g, s.image().channels(), out), label);
    }
}
