package org.lossbench.cli.report;

import java.util.Arrays;
import org.lossbench.eval.stats.Percentiles;

/**
 * The numbers of one Tukey box plot (J. W. Tukey, Exploratory Data Analysis, 1977; the convention of
 * matplotlib's {@code boxplot}, {@code whis=1.5}): quartiles with numpy's linear interpolation (as
 * {@code summary.csv}), whiskers at the most extreme values within {@code [q1 - 1.5 IQR, q3 + 1.5 IQR]},
 * the values beyond them as outliers, and the mean. As matplotlib, a whisker never ends inside the box
 * (it stops at the quartile when no value lies between the quartile and the fence). Values that are not
 * finite (an undefined Dice is NaN) are left out and counted in {@code excluded}.
 *
 * @param n the values used
 * @param excluded values left out because they are not finite (NaN)
 * @param outliers values beyond the fences, ascending
 */
public record BoxStats(int n, int excluded, double q1, double median, double q3, double whiskerLow, double whiskerHigh,
                       double mean, double[] values, double[] outliers) {

    /** Tukey's fence factor. */
    public static final double WHISKER_IQR = 1.5;

    public static BoxStats of(double[] raw) {
        double[] v = Arrays.stream(raw).filter(Double::isFinite).sorted().toArray();
        int excluded = raw.length - v.length;
        if (v.length == 0) {
            return new BoxStats(0, excluded, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, v, v);
        }
        double q1 = Percentiles.percentileOfSorted(v, 25);
        double med = Percentiles.percentileOfSorted(v, 50);
        double q3 = Percentiles.percentileOfSorted(v, 75);
        double iqr = q3 - q1;
        double lo = q1 - WHISKER_IQR * iqr;
        double hi = q3 + WHISKER_IQR * iqr;
        double wl = Math.min(q1, Arrays.stream(v).filter(x -> x >= lo).min().orElse(q1));
        double wh = Math.max(q3, Arrays.stream(v).filter(x -> x <= hi).max().orElse(q3));
        double[] out = Arrays.stream(v).filter(x -> x < lo || x > hi).toArray();
        double mean = Arrays.stream(v).sum() / v.length;
        return new BoxStats(v.length, excluded, q1, med, q3, wl, wh, mean, v, out);
    }
}
