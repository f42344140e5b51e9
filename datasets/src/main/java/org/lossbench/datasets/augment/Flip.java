package org.lossbench.datasets.augment;

import java.util.SplittableRandom;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;

/** Mirrors along each axis (z, y, x) independently with probability {@code p}; exact (no interpolation). */
public record Flip(double p) implements Transform {
    @Override
    public Sample apply(Sample s, SplittableRandom random) {
        boolean[] flip = {random.nextDouble() < p, random.nextDouble() < p, random.nextDouble() < p};
        return flip(s, flip);
    }

    /** Mirrors along the axes marked in {@code axes} ({@code z, y, x}). */
    public static Sample flip(Sample s, boolean[] axes) {
        if (!axes[0] && !axes[1] && !axes[2]) {
            return s;
        }
        Grid g = s.image().grid();
        int d = g.depth();
        int h = g.height();
        int w = g.width();
        int n = g.voxelCount();
        float[] in = s.image().data();
        float[] out = new float[in.length];
        LabelMap label = s.label() == null ? null : LabelMap.zeros(g, s.label().max());
        for (int z = 0; z < d; z++) {
            int sz = axes[0] ? d - 1 - z : z;
            for (int y = 0; y < h; y++) {
                int sy = axes[1] ? h - 1 - y : y;
                for (int x = 0; x < w; x++) {
                    int sx = axes[2] ? w - 1 - x : x;
                    int dst = g.index(z, y, x);
                    int src = g.index(sz, sy, sx);
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
