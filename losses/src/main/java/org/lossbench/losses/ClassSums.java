package org.lossbench.losses;

/**
 * Per-class sums over the voxels that the overlap losses (Dice, Tversky and their relatives) are built
 * from, in double precision: with {@code p} the softmax probability and {@code g} the one-hot label,
 * {@code tp = sum p g}, {@code sp = sum p}, {@code sg = sum g} and {@code spp = sum p^2}. The sums run
 * over the voxels of one sample ({@code batch = false}: one row per sample) or over the whole batch
 * ({@code batch = true}: one row). Columns are the classes from {@code firstClass} to K - 1.
 */
final class ClassSums {
    final int rows;
    final int classes;
    final double[][] tp;
    final double[][] sp;
    final double[][] sg;
    final double[][] spp;
    /** {@code FP + FN = sum p (1 - g) + sum g (1 - p)}, with {@code 1 - p} of the labelled class from {@link LossInput#labelComplement}. */
    final double[][] errors;

    private ClassSums(int rows, int classes) {
        this.rows = rows;
        this.classes = classes;
        tp = new double[rows][classes];
        sp = new double[rows][classes];
        sg = new double[rows][classes];
        spp = new double[rows][classes];
        errors = new double[rows][classes];
    }

    static ClassSums of(LossInput in, boolean batch, boolean includeBackground) {
        int first = includeBackground ? 0 : 1;
        ClassSums s = new ClassSums(batch ? 1 : in.n(), in.k() - first);
        for (int b = 0; b < in.n(); b++) {
            int row = batch ? 0 : b;
            for (int c = first; c < in.k(); c++) {
                int col = c - first;
                for (int v = 0; v < in.voxels(); v++) {
                    double p = in.prob(b, c, v);
                    double g = in.label(b, v) == c ? 1 : 0;
                    s.tp[row][col] += p * g;
                    s.sp[row][col] += p;
                    s.sg[row][col] += g;
                    s.spp[row][col] += p * p;
                    s.errors[row][col] += g == 1 ? in.labelComplement(b, v) : p;
                }
            }
        }
        return s;
    }
}
