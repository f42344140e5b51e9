package org.lossbench.eval.bench;

import java.util.SplittableRandom;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;

/**
 * A synthetic CT-like reference/prediction pair for the evaluator benchmark: 12 classes whose sizes
 * span seven orders of magnitude (a body-sized ellipsoid of about 27 M voxels down to 150 single
 * voxels), with a prediction made of the same shapes moved, resized, partly missed and partly
 * invented. Deterministic for a seed.
 */
final class SyntheticPhantom {
    final LabelMap ref;
    final LabelMap pred;

    private SyntheticPhantom(LabelMap ref, LabelMap pred) {
        this.ref = ref;
        this.pred = pred;
    }

    static SyntheticPhantom generate(Grid g, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        LabelMap ref = LabelMap.zeros(g, 255);
        LabelMap pred = LabelMap.zeros(g, 255);
        int d = g.depth();
        int h = g.height();
        int w = g.width();
        int cz = d / 2;
        int cy = h / 2;
        int cx = w / 2;
        // 1 body
        ellipsoid(ref, 1, cz, cy, cx, d * 0.46, h * 0.45, w * 0.39);
        ellipsoid(pred, 1, cz + 1, cy, cx - 1, d * 0.46 + 1, h * 0.45 + 2, w * 0.39 + 1);
        // 2 liver, 3 and 4 kidneys, 6 spleen
        ellipsoid(ref, 2, cz - 30, cy - 25, cx - 75, 40, 80, 70);
        ellipsoid(pred, 2, cz - 29, cy - 23, cx - 76, 39, 79, 71);
        ellipsoid(ref, 3, cz - 20, cy + 45, cx + 75, 25, 30, 20);
        ellipsoid(pred, 3, cz - 20, cy + 46, cx + 75, 25, 30, 21);
        ellipsoid(ref, 4, cz - 20, cy + 45, cx - 75, 25, 30, 20);
        ellipsoid(pred, 4, cz - 18, cy + 45, cx - 74, 24, 31, 20);
        ellipsoid(ref, 6, cz - 10, cy - 55, cx + 95, 20, 40, 30);
        ellipsoid(pred, 6, cz - 10, cy - 53, cx + 95, 21, 40, 29);
        // 5 aorta: a cylinder along z
        cylinder(ref, 5, 20, d - 20, cy + 5, cx, 10);
        cylinder(pred, 5, 22, d - 20, cy + 5, cx + 1, 11);
        // 7 tumour inside the liver
        ellipsoid(ref, 7, cz - 35, cy - 30, cx - 80, 8, 8, 8);
        ellipsoid(pred, 7, cz - 35, cy - 29, cx - 80, 7, 8, 8);
        // 8 lesions: 60 spheres of radius 1..6, 80% found (moved by one voxel, radius +-1), 10 invented
        for (int i = 0; i < 60; i++) {
            int r = 1 + rng.nextInt(6);
            int z = 15 + rng.nextInt(d - 30);
            int y = h / 4 + rng.nextInt(h / 2);
            int x = w / 4 + rng.nextInt(w / 2);
            ellipsoid(ref, 8, z, y, x, r, r, r);
            if (rng.nextDouble() < 0.8) {
                int rp = Math.max(1, r + rng.nextInt(3) - 1);
                ellipsoid(pred, 8, z + rng.nextInt(3) - 1, y + rng.nextInt(3) - 1, x, rp, rp, rp);
            }
        }
        for (int i = 0; i < 10; i++) {
            int r = 1 + rng.nextInt(4);
            ellipsoid(pred, 8, 15 + rng.nextInt(d - 30), h / 4 + rng.nextInt(h / 2), w / 4 + rng.nextInt(w / 2), r, r, r);
        }
        // 9 a thin sheet, two slices thick, one slice off in the prediction
        box(ref, 9, cz + 60, cz + 61, cy - 150, cy + 150, cx - 150, cx + 150);
        box(pred, 9, cz + 61, cz + 62, cy - 150, cy + 150, cx - 148, cx + 150);
        // 10 single voxels: 150, 70% found, 20 invented
        for (int i = 0; i < 150; i++) {
            int z = rng.nextInt(d);
            int y = rng.nextInt(h);
            int x = rng.nextInt(w);
            ref.set(z, y, x, 10);
            if (rng.nextDouble() < 0.7) {
                pred.set(z, y, x, 10);
            }
        }
        for (int i = 0; i < 20; i++) {
            pred.set(rng.nextInt(d), rng.nextInt(h), rng.nextInt(w), 10);
        }
        // 11 nodules of radius 2..3
        for (int i = 0; i < 20; i++) {
            int r = 2 + rng.nextInt(2);
            int z = 10 + rng.nextInt(d - 20);
            int y = 10 + rng.nextInt(h - 20);
            int x = 10 + rng.nextInt(w - 20);
            ellipsoid(ref, 11, z, y, x, r, r, r);
            ellipsoid(pred, 11, z, y + 1, x, r, r, r);
        }
        // 12 a structure the prediction misses entirely
        ellipsoid(ref, 12, cz + 40, cy - 60, cx + 20, 5, 5, 5);
        return new SyntheticPhantom(ref, pred);
    }

    private static void ellipsoid(LabelMap m, int label, int cz, int cy, int cx, double rz, double ry, double rx) {
        Grid g = m.grid();
        for (int z = Math.max(0, (int) Math.floor(cz - rz)); z <= Math.min(g.depth() - 1, (int) Math.ceil(cz + rz)); z++) {
            double fz = (z - cz) / rz;
            for (int y = Math.max(0, (int) Math.floor(cy - ry)); y <= Math.min(g.height() - 1, (int) Math.ceil(cy + ry)); y++) {
                double fy = (y - cy) / ry;
                double rest = 1 - fz * fz - fy * fy;
                if (rest < 0) {
                    continue;
                }
                double half = rx * Math.sqrt(rest);
                int x0 = Math.max(0, (int) Math.ceil(cx - half));
                int x1 = Math.min(g.width() - 1, (int) Math.floor(cx + half));
                for (int x = x0; x <= x1; x++) {
                    m.set(z, y, x, label);
                }
            }
        }
    }

    private static void cylinder(LabelMap m, int label, int z0, int z1, int cy, int cx, int r) {
        for (int z = z0; z <= z1; z++) {
            for (int y = cy - r; y <= cy + r; y++) {
                for (int x = cx - r; x <= cx + r; x++) {
                    if ((y - cy) * (y - cy) + (x - cx) * (x - cx) <= r * r) {
                        m.set(z, y, x, label);
                    }
                }
            }
        }
    }

    private static void box(LabelMap m, int label, int z0, int z1, int y0, int y1, int x0, int x1) {
        for (int z = z0; z <= z1; z++) {
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    m.set(z, y, x, label);
                }
            }
        }
    }
}
