package org.lossbench.losses;

import java.util.SplittableRandom;

/** Test inputs: random or given logits and labels. */
final class Inputs {
    private Inputs() {
    }

    /** Random logits uniform in [-scale, scale] and labels uniform in [0, classesUsed). */
    static LossInput random(long seed, int n, int k, int d, int h, int w, double scale, int classesUsed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] logits = new float[n * k * d * h * w];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        int[] labels = new int[n * d * h * w];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = r.nextInt(classesUsed);
        }
        return LossInput.of(new int[] {n, k, d, h, w}, logits, labels, "random case " + seed);
    }

    /** N = 1, K classes, voxels along W: {@code logits[c][x]}, {@code labels[x]}. */
    static LossInput line(float[][] logits, int... labels) {
        int k = logits.length;
        int v = labels.length;
        float[] flat = new float[k * v];
        for (int c = 0; c < k; c++) {
            System.arraycopy(logits[c], 0, flat, c * v, v);
        }
        return LossInput.of(new int[] {1, k, 1, 1, v}, flat, labels, "line");
    }
}
