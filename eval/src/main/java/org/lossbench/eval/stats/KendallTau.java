package org.lossbench.eval.stats;

/**
 * Kendall's rank correlation tau-b (Kendall 1945, "The treatment of ties in ranking problems",
 * Biometrika 33), the coefficient R's {@code cor(x, y, method = "kendall")} and
 * {@code scipy.stats.kendalltau} compute:
 * {@code tau_b = (C - D) / sqrt((n0 - n1) (n0 - n2))}, with C and D the concordant and discordant
 * pairs, {@code n0 = n (n - 1) / 2}, and n1, n2 the pairs tied in x and in y. A pair tied in either
 * is neither concordant nor discordant. O(n²): meant for rankings of a few entries.
 */
public final class KendallTau {
    private KendallTau() {
    }

    /**
     * Tau-b of the paired values {@code x[i], y[i]}; NaN when x or y holds no two different values
     * (the denominator is 0, where R's {@code cor} gives NA).
     *
     * @throws IllegalArgumentException when the lengths differ or a value is NaN
     */
    public static double tauB(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("tau-b pairs values: " + x.length + " x values, " + y.length + " y values");
        }
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
                throw new IllegalArgumentException("tau-b of NaN: pair " + i + " is (" + x[i] + ", " + y[i] + ")");
            }
        }
        long concordant = 0;
        long discordant = 0;
        long tiedX = 0;
        long tiedY = 0;
        int n = x.length;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int sx = sign(x[i], x[j]);
                int sy = sign(y[i], y[j]);
                if (sx == 0) {
                    tiedX++;
                }
                if (sy == 0) {
                    tiedY++;
                }
                if (sx != 0 && sy != 0) {
                    if (sx == sy) {
                        concordant++;
                    } else {
                        discordant++;
                    }
                }
            }
        }
        long n0 = (long) n * (n - 1) / 2;
        double denominator = Math.sqrt((double) (n0 - tiedX) * (n0 - tiedY));
        return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
    }

    private static int sign(double a, double b) {
        return a < b ? -1 : a > b ? 1 : 0;
    }
}
