package org.lossbench.datasets;

import java.util.SplittableRandom;

/**
 * Random variates built only from {@link SplittableRandom#nextDouble()} and {@link StrictMath}, so
 * that a seed gives the same numbers on every JVM (the JDK's own {@code nextGaussian} algorithm and
 * {@code Math.log} are allowed to differ between releases and between interpreter and JIT).
 */
public final class Rng {
    private Rng() {
    }

    /** Uniform in {@code [lo, hi)}. */
    public static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    /** Log-uniform in {@code [lo, hi)}: small values as likely per octave as large ones. */
    public static double logUniform(SplittableRandom r, double lo, double hi) {
        return lo * StrictMath.exp(StrictMath.log(hi / lo) * r.nextDouble());
    }

    /** Standard normal by Marsaglia's polar method (one of the pair is used). */
    public static double gaussian(SplittableRandom r) {
        double u;
        double v;
        double s;
        do {
            u = 2 * r.nextDouble() - 1;
            v = 2 * r.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    }

    /** Fills {@code out} with standard normal values, using both values of each polar pair. */
    public static void gaussians(SplittableRandom r, double[] out) {
        int i = 0;
        while (i < out.length) {
            double u = 2 * r.nextDouble() - 1;
            double v = 2 * r.nextDouble() - 1;
            double s = u * u + v * v;
            if (s >= 1 || s == 0) {
                continue;
            }
            double f = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
            out[i++] = u * f;
            if (i < out.length) {
                out[i++] = v * f;
            }
        }
    }

    /** Fisher-Yates shuffle of {@code a} in place. */
    public static void shuffle(SplittableRandom r, int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
