package org.lossbench.eval.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.ClassResult;
import org.lossbench.eval.Metric;

/**
 * Paired comparison of two configurations A and B evaluated on the same cases, per class: the
 * Wilcoxon signed-rank test (Wilcoxon 1945; Apache Commons Math {@link WilcoxonSignedRankTest},
 * exact p-value for up to 30 pairs, normal approximation above) on the paired values, the median
 * of the paired differences {@code a - b}, and Holm's step-down correction (Holm 1979) of the
 * p-values across the classes compared.
 *
 * <p>Only cases where both values are finite enter a class's test; with fewer than two such pairs,
 * or when every difference is zero, the p-value is NaN (1 after correction is not claimed) and the
 * class takes no part in Holm's correction.
 */
public final class PairedComparison {
    private PairedComparison() {
    }

    /** One class's result. */
    public record Result(int label, int n, double medianDifference, double pValue, double pHolm) {
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
            Map<String, Double> va = a.get(label);
            Map<String, Double> vb = b.getOrDefault(label, Map.of());
            List<double[]> pairs = new ArrayList<>();
            for (String c : new TreeSet<>(va.keySet())) {
                Double x = va.get(c);
                Double y = vb.get(c);
                if (x != null && y != null && Double.isFinite(x) && Double.isFinite(y)) {
                    pairs.add(new double[] {x, y});
                }
            }
            int n = pairs.size();
            double[] xa = pairs.stream().mapToDouble(p -> p[0]).toArray();
            double[] xb = pairs.stream().mapToDouble(p -> p[1]).toArray();
            double[] diff = new double[n];
            for (int i = 0; i < n; i++) {
                diff[i] = xa[i] - xb[i];
            }
            double med = n == 0 ? Double.NaN : Percentiles.percentile(diff, 50);
            double p = Double.NaN;
            if (n >= 2 && Arrays.stream(diff).anyMatch(d -> d != 0)) {
                p = new WilcoxonSignedRankTest().wilcoxonSignedRankTest(xa, xb, n <= 30);
            }
            raw.add(new Result(label, n, med, p, Double.NaN));
        }
        double[] holm = holm(raw.stream().mapToDouble(Result::pValue).toArray());
        List<Result> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Result r = raw.get(i);
            out.add(new Result(r.label(), r.n(), r.medianDifference(), r.pValue(), holm[i]));
        }
        return out;
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
