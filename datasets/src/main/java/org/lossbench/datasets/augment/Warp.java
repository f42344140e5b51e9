package org.lossbench.datasets.augment;

import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.datasets.preprocess.Interpolation;

/**
 * Resamples a sample through a coordinate map: output voxel {@code p} takes the source value at
 * {@code map(p)}, interpolated trilinearly (or by nearest neighbour) for the image and always by
 * nearest neighbour for the label, so both move through the same map. Outside the source the image
 * gets {@code fill} and the label 0 (background).
 */
final class Warp {
    /** Source coordinates {@code (z, y, x)} of output voxel {@code (z, y, x)}, written to {@code out}. */
    @FunctionalInterface
    interface CoordinateMap {
        void source(int z, int y, int x, double[] out);
    }

    private Warp() {
    }

    static Sample apply(Sample s, CoordinateMap map, ImageInterpolation interp, float fill) {
        Grid g = s.image().grid();
        int n = g.voxelCount();
        int channels = s.image().channels();
        float[] in = s.image().data();
        float[] out = new float[in.length];
        LabelMap label = s.label() == null ? null : LabelMap.zeros(g, s.label().max());
        double[] c = new double[3];
        for (int z = 0; z < g.depth(); z++) {
            for (int y = 0; y < g.height(); y++) {
                for (int x = 0; x < g.width(); x++) {
                    map.source(z, y, x, c);
                    int dst = g.index(z, y, x);
                    for (int ch = 0; ch < channels; ch++) {
                        out[ch * n + dst] = interp == ImageInterpolation.TRILINEAR
                                ? Interpolation.trilinear(in, ch * n, g, c[0], c[1], c[2], fill)
                                : Interpolation.nearest(in, ch * n, g, c[0], c[1], c[2], fill);
                    }
                    if (label != null) {
                        int v = Interpolation.nearest(s.label(), c[0], c[1], c[2], 0, false);
                        if (v != 0) {
                            label.set(dst, v);
                        }
                    }
                }
            }
        }
        return new Sample(new ImageVolume(g, channels, out), label);
    }
}
