package org.lossbench.eval.panel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.ClassResult;
import org.lossbench.eval.Metric;
import org.lossbench.eval.stats.HodgesLehmann;
import org.lossbench.eval.stats.Percentiles;
import org.lossbench.eval.stats.WilcoxonSignedRank;

/**
 * Paired comparison of two configurations A and B evaluated on the same cases, per class, on the
 * differences {@code d = a - b} of the cases where both values are finite: the Wilcoxon signed-rank
 * test ({@link WilcoxonSignedRank}: zeros dropped, exact or normal p as scipy), the median of d,
 * the Hodges-Lehmann estimate of the shift with its distribution-free 95% interval
 * ({@link HodgesLehmann}), and Holm's step-down correction (Holm 1979) of the p-values across the
 * classes compared. Formulas and conventions: docs/statistics.md.
 *
 * <p>A class without any pair gets p = NaN and takes no part in Holm's correction. A class whose
 * differences are all zero gets p = 1 (method "none") and does take part: it is a test the
 * comparison made and found no difference in, so it counts in the family size m. (Leaving it out
 * would make the correction of the other classes depend on which classes happened to tie.)
 */
public final class PairedComparison {
    private PairedComparison() {
    }

    /**
     * One class's result.
     *
     * @param label the class
     * @param n pairs where both values are finite
     * @param nZero pairs with a zero difference (in the estimate, not in the test)
     * @param medianDifference median of {@code a - b} (numpy's linear percentile 50); NaN for n = 0
     * @param hodgesLehmann Hodges-Lehmann estimate of the shift of {@code a - b}
     * @param hlLow lower end of its {@link HodgesLehmann#DEFAULT_CONFIDENCE} interval
     * @param hlHigh upper end
     * @param hlCoverage the interval's achieved coverage (below nominal for n &lt;= 5)
     * @param method how the test's p-value was obtained
     * @param statistic the test statistic {@code min(R+, R-)}
     * @param pValue the two-sided p-value; NaN for n = 0
     * @param pHolm Holm-adjusted p-value across the classes of this comparison
     */
    public record Result(int label, int n, int nZero, double medianDifference, double hodgesLehmann, double hlLow,
                         double hlHigh, double hlCoverage, WilcoxonSignedRank.Method method, double statistic,
                         double pValue, double pHolm) {
        /** The same result with another Holm-adjusted p-value (for a family wider than one comparison). */
        public Result withPHolm(double adjusted) {
            return new Result(label, n, nZero, medianDifference, hodgesLehmann, hlLow, hlHigh, hlCoverage, method,
                    statistic, pValue, adjusted);
        }
    }

    /**
     * Compares, for each class, the per-case values of A and B.
     *
     * @param a class → (case id → value) for configuration A
     * @param b the same for configuration B
     */
    public static List<Result> compare(Map<Integer, Map<String, Double>> a, Map<Integer, Map<String, Double>> b) {
        List<Result> raw = new ArrayList<>();
        for (int label : new TreeSet<>(a.keySet())) {
            raw.add(compareClass(label, a.get(label), b.getOrDefault(label, Map.of())));
        }
        double[] holm = holm(raw.stream().mapToDouble(Result::pValue).toArray());
        List<Result> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            out.add(raw.get(i).withPHolm(holm[i]));
        }
        return out;
    }

    private static Result compareClass(int label, Map<String, Double> va, Map<String, Double> vb) {
        List<Double> diffs = new ArrayList<>();
        for (String c : new TreeSet<>(va.keySet())) {
            Double x = va.get(c);
            Double y = vb.get(c);
            if (x != null && y != null && Double.isFinite(x) && Double.isFinite(y)) {
                diffs.add(x - y);
            }
        }
        double[] d = diffs.stream().mapToDouble(Double::doubleValue).toArray();
        double nan = Double.NaN;
        if (d.length == 0) {
            return new Result(label, 0, 0, nan, nan, nan, nan, nan, WilcoxonSignedRank.Method.NONE, nan, nan, nan);
        }
        WilcoxonSignedRank.Result test = WilcoxonSignedRank.test(d);
        HodgesLehmann.Result hl = HodgesLehmann.of(d);
        return new Result(label, d.length, test.nZero(), Percentiles.percentile(d, 50), hl.estimate(), hl.low(),
                hl.high(), hl.coverage(), test.method(), test.statistic(), test.p(), nan);
    }

    /**
     * Compares one metric of two evaluations of the same cases (configuration A and B), class by
     * class; a case or class present in only one of them is left out.
     */
    public static List<Result> compare(List<CaseResult> a, List<CaseResult> b, Metric metric) {
        return compare(byClass(a, metric), byClass(b, metric));
    }

    private static Map<Integer, Map<String, Double>> byClass(List<CaseResult> cases, Metric metric) {
        Map<Integer, Map<String, Double>> out = new TreeMap<>();
        for (CaseResult c : cases) {
            for (ClassResult r : c.classes()) {
                out.computeIfAbsent(r.label(), k -> new TreeMap<>()).put(c.caseId(), metric.of(r));
            }
        }
        return out;
    }

    /**
     * Holm-adjusted p-values: with the m defined p-values sorted ascending, {@code p'(i) = max over
     * j <= i of min(1, (m - j + 1) p(j))}. NaN stays NaN and does not count in m.
     */
    public static double[] holm(double[] p) {
        Integer[] idx = new Integer[p.length];
        int m = 0;
        for (int i = 0; i < p.length; i++) {
            idx[i] = i;
            if (!Double.isNaN(p[i])) {
                m++;
            }
        }
        Integer[] defined = Arrays.stream(idx).filter(i -> !Double.isNaN(p[i]))
                .sorted(Comparator.comparingDouble((Integer i) -> p[i]).thenComparingInt(i -> i)).toArray(Integer[]::new);
        double[] out = new double[p.length];
        Arrays.fill(out, Double.NaN);
        double running = 0;
        for (int k = 0; k < defined.length; k++) {
            double adj = Math.min(1.0, (m - k) * p[defined[k]]);
            running = Math.max(running, adj);
            out[defined[k]] = running;
        }
        return out;
    }
}
