package org.lossbench.eval.stats;

/**
 * The standard normal distribution's upper tail {@code Q(z) = P(Z > z) = erfc(z / sqrt 2) / 2} and
 * its inverse, accurate to a few units in the last place over the range the rank tests use (checked
 * against {@code scipy.special.ndtr} and {@code ndtri} in {@code wilcoxon_scipy.json}).
 *
 * <p>For {@code x = |z| / sqrt 2 < 1}: {@code erfc x = 1 - erf x} with the series of positive terms
 * {@code erf x = (2 / sqrt pi) e^{-x^2} sum_{k >= 0} 2^k x^{2k+1} / (1 * 3 * ... * (2k + 1))}
 * (Abramowitz and Stegun 1964, 7.1.6). For {@code x >= 1}: Laplace's continued fraction
 * {@code erfc x = e^{-x^2} / sqrt pi * 1 / (x + (1/2) / (x + 1 / (x + (3/2) / (x + 2 / (x + ...)))))}
 * (A&S 7.1.14), evaluated by the modified Lentz method. {@code e^{-z^2/2}} is computed from a split
 * {@code z = hi + lo} with {@code hi^2} exact, so the tail keeps its relative accuracy far out
 * (Q(37) = 5.7e-300); below about 1e-308 the result underflows towards 0.
 */
final class StandardNormal {
    private static final double SQRT_PI = Math.sqrt(Math.PI);
    private static final double TINY = 1e-300;

    private StandardNormal() {
    }

    /** {@code Q(z) = P(Z > z)} for a standard normal Z; Q(-z) = 1 - Q(z). */
    static double upperTail(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        if (z < 0) {
            return 1 - upperTail(-z);
        }
        double x = z / Math.sqrt(2);
        if (x < 1) {
            return 0.5 * (1 - erfSeries(z));
        }
        if (z > 40) {
            return 0;
        }
        return 0.5 * gaussianFactor(z) / SQRT_PI * laplaceFraction(x);
    }

    /**
     * The z with {@code P(Z <= z) = p}, for {@code 0 < p < 1}: bisection on {@link #upperTail} for
     * the tail probability {@code min(p, 1 - p)} (1 - p is exact for p >= 1/2), down to adjacent
     * doubles.
     */
    static double quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("normal quantile of " + p + ": the probability must lie in (0, 1)");
        }
        return p < 0.5 ? -upperQuantile(p) : upperQuantile(1 - p);
    }

    /** The z >= 0 with {@code Q(z) = q}, for {@code 0 < q <= 1/2}. */
    private static double upperQuantile(double q) {
        double lo = 0;
        double hi = 40;
        while (true) {
            double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi) {
                return upperTail(lo) - q < q - upperTail(hi) ? lo : hi;
            }
            if (upperTail(mid) > q) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
    }

    /** {@code erf(z / sqrt 2)} by the positive series, for {@code z / sqrt 2 < 1}. */
    private static double erfSeries(double z) {
        double x = z / Math.sqrt(2);
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int k = 1; term > sum * 1e-17; k++) {
            term *= 2 * x2 / (2 * k + 1);
            sum += term;
        }
        return 2 / SQRT_PI * gaussianFactor(z) * sum;
    }

    /** {@code e^{-z^2/2}} with {@code z = hi + lo}, {@code hi} a multiple of 1/256 (its square is exact). */
    private static double gaussianFactor(double z) {
        double hi = Math.floor(z * 256) / 256;
        double lo = z - hi;
        return Math.exp(-0.5 * hi * hi) * Math.exp(-(hi * lo + 0.5 * lo * lo));
    }

    /** {@code 1 / (x + (1/2) / (x + 1 / (x + (3/2) / ...)))} by the modified Lentz method, x >= 1. */
    private static double laplaceFraction(double x) {
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 10_000; k++) {
            double a = 0.5 * k;
            d = x + a * d;
            d = d == 0 ? TINY : d;
            c = x + a / c;
            c = c == 0 ? TINY : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return 1 / f;
    }
}
