package org.lossbench.datasets.phantom;

import java.util.SplittableRandom;
import org.lossbench.core.volume.Grid;
import org.lossbench.datasets.Rng;

/**
 * Turns a noise-free tissue image into an acquired one: point-spread blur, smooth multiplicative
 * bias field, then noise. All randomness comes from the generator passed in.
 */
final class Acquisition {
    private Acquisition() {
    }

    /** Applies the modality's acquisition model to {@code image} in place. */
    static void acquire(Grid grid, float[] image, Modality modality, SplittableRandom random) {
        if (modality.psfSigma() > 0) {
            gaussianBlur(grid, image, modality.psfSigma());
        }
        if (modality.biasStrength() > 0) {
            applyBiasField(grid, image, modality.biasStrength(), random);
        }
        addNoise(image, modality, random);
    }

    /** Separable Gaussian blur, kernel truncated at 3 sigma, edges clamped. */
    static void gaussianBlur(Grid grid, float[] image, double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = StrictMath.exp(-0.5 * i * i / (sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        float[] tmp = new float[image.length];
        convolveAxis(grid, image, tmp, k, 0);
        convolveAxis(grid, tmp, image, k, 1);
        convolveAxis(grid, image, tmp, k, 2);
        System.arraycopy(tmp, 0, image, 0, image.length);
    }

    /** 1-D convolution of a C-order volume along {@code axis} (0 = z, 1 = y, 2 = x), edges clamped. */
    private static void convolveAxis(Grid grid, float[] in, float[] out, double[] k, int axis) {
        int[] shape = grid.shape();
        int n = shape[axis];
        int stride = axis == 0 ? shape[1] * shape[2] : axis == 1 ? shape[2] : 1;
        int radius = k.length / 2;
        int[] pos = new int[3];
        for (pos[0] = 0; pos[0] < shape[0]; pos[0]++) {
            for (pos[1] = 0; pos[1] < shape[1]; pos[1]++) {
                for (pos[2] = 0; pos[2] < shape[2]; pos[2]++) {
                    int i = grid.index(pos[0], pos[1], pos[2]);
                    int c = pos[axis];
                    int lineStart = i - c * stride;
                    double s = 0;
                    for (int t = -radius; t <= radius; t++) {
                        int p = Math.min(n - 1, Math.max(0, c + t));
                        s += k[t + radius] * in[lineStart + p * stride];
                    }
                    out[i] = (float) s;
                }
            }
        }
    }

    /**
     * Multiplies by {@code exp(sum c_abc P_a(z) P_b(y) P_c(x))} over Legendre polynomials of total
     * degree 1..2 on coordinates scaled to [-1, 1] (the smooth low-order model of N4/N3 bias
     * correction; Sled et al. 1998), coefficients {@code ~ N(0, strength^2)}.
     */
    static void applyBiasField(Grid grid, float[] image, double strength, SplittableRandom random) {
        int[][] terms = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {2, 0, 0}, {0, 2, 0}, {0, 0, 2}, {1, 1, 0}, {1, 0, 1}, {0, 1, 1}};
        double[] c = new double[terms.length];
        for (int t = 0; t < c.length; t++) {
            c[t] = strength * Rng.gaussian(random);
        }
        int d = grid.depth();
        int h = grid.height();
        int w = grid.width();
        for (int z = 0; z < d; z++) {
            double u = scaled(z, d);
            for (int y = 0; y < h; y++) {
                double v = scaled(y, h);
                for (int x = 0; x < w; x++) {
                    double s = scaled(x, w);
                    double e = 0;
                    for (int t = 0; t < terms.length; t++) {
                        e += c[t] * legendre(terms[t][0], u) * legendre(terms[t][1], v) * legendre(terms[t][2], s);
                    }
                    int i = grid.index(z, y, x);
                    image[i] = (float) (image[i] * StrictMath.exp(e));
                }
            }
        }
    }

    private static double scaled(int i, int n) {
        return n == 1 ? 0 : 2.0 * i / (n - 1) - 1;
    }

    private static double legendre(int degree, double t) {
        return switch (degree) {
            case 0 -> 1;
            case 1 -> t;
            case 2 -> 1.5 * t * t - 0.5;
            default -> throw new IllegalArgumentException("degree " + degree);
        };
    }

    private static void addNoise(float[] image, Modality modality, SplittableRandom random) {
        double sigma = modality.sigma();
        if (sigma <= 0) {
            return;
        }
        double[] g = new double[modality.noise() == Modality.Noise.RICIAN ? 2 * image.length : image.length];
        Rng.gaussians(random, g);
        if (modality.noise() == Modality.Noise.GAUSSIAN) {
            for (int i = 0; i < image.length; i++) {
                image[i] = (float) (image[i] + sigma * g[i]);
            }
        } else {
            for (int i = 0; i < image.length; i++) {
                double re = image[i] + sigma * g[2 * i];
                double im = sigma * g[2 * i + 1];
                image[i] = (float) Math.sqrt(re * re + im * im);
            }
        }
    }
}
