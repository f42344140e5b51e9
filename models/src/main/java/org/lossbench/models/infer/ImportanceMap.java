package org.lossbench.models.infer;

import java.util.Arrays;

/**
 * Per-voxel window weights {@code [D][H][W]} for a {@link Blend} mode (see there for the formula). Gaussian
 * weights are floored at {@link #FLOOR} = 1e-3, as MONAI's {@code compute_importance_map} does
 * ({@code clamp(w, min=max(min(w), 1e-3))}): a window's corner (about 1e-8 of its centre at sigma = roi/8)
 * still counts a little where no other window reaches, and blending never divides by a weight sum that
 * float rounds to 0.
 */
final class ImportanceMap {
    static final double FLOOR = 1e-3;

    private ImportanceMap() {
    }

    static float[] of(Blend blend, int[] roi, double sigmaScale) {
        float[] w = new float[roi[0] * roi[1] * roi[2]];
        if (blend == Blend.CONSTANT) {
            Arrays.fill(w, 1f);
            return w;
        }
        double[][] g = new double[3][];
        for (int a = 0; a < 3; a++) {
            g[a] = new double[roi[a]];
            double c = (roi[a] - 1) / 2.0;
            double sigma = sigmaScale * roi[a];
            for (int i = 0; i < roi[a]; i++) {
                g[a][i] = Math.exp(-(i - c) * (i - c) / (2 * sigma * sigma));
            }
        }
        int i = 0;
        for (int z = 0; z < roi[0]; z++) {
            for (int y = 0; y < roi[1]; y++) {
                for (int x = 0; x < roi[2]; x++) {
                    w[i++] = (float) Math.max(g[0][z] * g[1][y] * g[2][x], FLOOR);
                }
            }
        }
        return w;
    }
}
