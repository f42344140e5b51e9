package org.lossbench.eval.panel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lossbench.eval.Metric;
import org.lossbench.eval.panel.PairedComparison;
import org.lossbench.eval.stats.WilcoxonSignedRank;

/**
 * Every loss of a panel against the reference loss, class by class, on Dice: the paired test of
 * {@link PairedComparison} on the case means over seeds ({@link SeedRuns#caseMeans}), Holm's
 * correction over every (loss, class) test of the panel (the claims its table makes together), and
 * the design's power floor: the smallest Holm-adjusted p that {@code m} tests on {@code n} pairs can
 * reach ({@link WilcoxonSignedRank#smallestHolmP}). When that floor is not below alpha, no outcome of
 * the data could reject anything: the table is <b>underpowered</b>, and no verdict is given
 * (docs/statistics.md).
 *
 * @param tests the tests in Holm's family (those with at least one pair)
 * @param pairs the most pairs any test has
 * @param floor the smallest Holm-adjusted p reachable with {@code tests} tests on {@code pairs} pairs
 * @param underpowered {@code floor >= alpha}
 */
public record ReferenceComparison(String reference, double alpha, int tests, int pairs, double floor, boolean underpowered,
                                  List<Row> rows) {
    /**
     * One loss against the reference, one class.
     *
     * @param verdict {@code better} or {@code worse} (Holm-adjusted p below alpha, by the sign of the
     *                Hodges-Lehmann shift, loss minus reference), {@code differs} when that shift is 0,
     *                else empty (always empty in an underpowered table)
     */
    public record Row(String loss, PairedComparison.Result result, String verdict) {
    }

    public ReferenceComparison {
        rows = List.copyOf(rows);
    }

    /** Compares every loss of {@code runs} but the reference with the reference; empty rows when the reference is absent. */
    public static ReferenceComparison of(List<SeedRuns> runs, String reference, double alpha) {
        SeedRuns ref = runs.stream().filter(r -> r.loss().equals(reference)).findFirst().orElse(null);
        if (ref == null) {
            return new ReferenceComparison(reference, alpha, 0, 0, Double.NaN, false, List.of());
        }
        Map<Integer, Map<String, Double>> b = byClass(ref);
        List<String> names = new ArrayList<>();
        List<PairedComparison.Result> raw = new ArrayList<>();
        for (SeedRuns r : runs) {
            if (r == ref) {
                continue;
            }
            for (PairedComparison.Result pr : PairedComparison.compare(byClass(r), b)) {
                names.add(r.loss());
                raw.add(pr);
            }
        }
        double[] holm = PairedComparison.holm(raw.stream().mapToDouble(PairedComparison.Result::pValue).toArray());
        int tests = (int) raw.stream().filter(x -> !Double.isNaN(x.pValue())).count();
        int pairs = raw.stream().mapToInt(PairedComparison.Result::n).max().orElse(0);
        double floor = tests == 0 ? Double.NaN : WilcoxonSignedRank.smallestHolmP(pairs, tests);
        boolean underpowered = tests > 0 && !(floor < alpha);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            PairedComparison.Result r = raw.get(i).withPHolm(holm[i]);
            String verdict = "";
            if (!underpowered && holm[i] < alpha) {
                verdict = r.hodgesLehmann() > 0 ? "better" : r.hodgesLehmann() < 0 ? "worse" : "differs";
            }
            rows.add(new Row(names.get(i), r, verdict));
        }
        return new ReferenceComparison(reference, alpha, tests, pairs, floor, underpowered, rows);
    }

    private static Map<Integer, Map<String, Double>> byClass(SeedRuns r) {
        Map<Integer, Map<String, Double>> out = new java.util.TreeMap<>();
        for (int label : r.labels()) {
            out.put(label, r.caseMeans(label, Metric.DICE));
        }
        return out;
    }
}
