package org.lossbench.cli.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Axis ticks at "nice" numbers (1, 2 or 5 times a power of ten), after P. S. Heckbert, "Nice numbers
 * for graph labels", Graphics Gems, 1990: the range is rounded to a nice number, the step to a nice
 * number near {@code range / (n - 1)}, and the axis extends to the multiples of the step around the data.
 *
 * @param lo first tick (a multiple of step, at or below the data)
 * @param hi last tick (at or above the data)
 * @param step distance between ticks
 */
public record NiceTicks(double lo, double hi, double step) {

    /** About {@code n} ticks covering {@code [min, max]} ({@code min < max}; equal values get a unit range). */
    public static NiceTicks of(double min, double max, int n) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || max < min) {
            throw new IllegalArgumentException("tick range [" + min + ", " + max + "] must be finite and ordered");
        }
        if (max == min) {
            double d = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= d;
            max += d;
        }
        double range = nice(max - min, false);
        double step = nice(range / Math.max(1, n - 1), true);
        return new NiceTicks(Math.floor(min / step) * step, Math.ceil(max / step) * step, step);
    }

    /** The tick values {@code lo, lo + step, ..., hi}, each computed as {@code lo + k step} (no accumulated error). */
    public List<Double> values() {
        List<Double> out = new ArrayList<>();
        long count = Math.round((hi - lo) / step);
        for (long k = 0; k <= count; k++) {
            out.add(lo + k * step);
        }
        return out;
    }

    /** A tick's label with as many decimals as the step needs: {@code 0.2} -> "0.4", {@code 0.05} -> "0.15", {@code 10} -> "30". */
    public String label(double v) {
        int decimals = Math.max(0, -(int) Math.floor(Math.log10(step) + 1e-9));
        return new BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString().replaceFirst("^-(0\\.?0*)$", "$1");
    }

    /** Heckbert's nice number near {@code x}: rounded ({@code round}) or the smallest nice number at or above it. */
    static double nice(double x, boolean round) {
        double exp = Math.floor(Math.log10(x));
        double f = x / Math.pow(10, exp);
        double nf;
        if (round) {
            nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        } else {
            nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        }
        return nf * Math.pow(10, exp);
    }
}
