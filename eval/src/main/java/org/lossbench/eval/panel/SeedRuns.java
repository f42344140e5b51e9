package org.lossbench.eval.panel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.ClassResult;
import org.lossbench.eval.ClassSeparability;
import org.lossbench.eval.Metric;

/**
 * One loss of a panel: the evaluation of each training seed's model on the same cases (case ids
 * without any seed prefix), and the separability of its class channels where it was recorded.
 *
 * @param bySeed training seed → the case results of that seed's model, one per case
 * @param separability training seed → per case and class {@link ClassSeparability} (a seed may be
 *                     absent when its cell predates the record)
 */
public record SeedRuns(String loss, SortedMap<Long, List<CaseResult>> bySeed, Map<Long, List<ClassSeparability>> separability) {
    public SeedRuns {
        bySeed = Collections.unmodifiableSortedMap(new TreeMap<>(bySeed));
        separability = Map.copyOf(separability);
    }

    /** Every seed's cases in one list (seed order), as the pooled statistics take them. */
    public List<CaseResult> pooled() {
        List<CaseResult> all = new ArrayList<>();
        bySeed.values().forEach(all::addAll);
        return all;
    }

    /** The classes evaluated, ascending. */
    public TreeSet<Integer> labels() {
        TreeSet<Integer> out = new TreeSet<>();
        bySeed.values().forEach(cs -> cs.forEach(c -> c.classes().forEach(r -> out.add(r.label()))));
        return out;
    }

    /** The distinct case ids over all seeds. */
    public TreeSet<String> caseIds() {
        TreeSet<String> out = new TreeSet<>();
        bySeed.values().forEach(cs -> cs.forEach(c -> out.add(c.caseId())));
        return out;
    }

    /** seed → case → value of {@code metric} for class {@code label}. */
    public Map<Long, Map<String, Double>> values(int label, Metric metric) {
        Map<Long, Map<String, Double>> out = new TreeMap<>();
        bySeed.forEach((seed, cases) -> {
            Map<String, Double> m = new LinkedHashMap<>();
            for (CaseResult c : cases) {
                for (ClassResult r : c.classes()) {
                    if (r.label() == label) {
                        m.put(c.caseId(), metric.of(r));
                    }
                }
            }
            out.put(seed, m);
        });
        return out;
    }

    /** seed → the results of class {@code label} on every case of that seed. */
    public Map<Long, List<ClassResult>> classResults(int label) {
        Map<Long, List<ClassResult>> out = new TreeMap<>();
        bySeed.forEach((seed, cases) -> {
            List<ClassResult> rs = new ArrayList<>();
            cases.forEach(c -> c.classes().stream().filter(r -> r.label() == label).forEach(rs::add));
            out.put(seed, rs);
        });
        return out;
    }

    /** seed → the separability of class {@code label} on every case of that seed (seeds without a record left out). */
    public Map<Long, List<ClassSeparability>> separability(int label) {
        Map<Long, List<ClassSeparability>> out = new TreeMap<>();
        separability.forEach((seed, rows) -> out.put(seed, rows.stream().filter(r -> r.label() == label).toList()));
        return out;
    }

    /**
     * Per case, the mean over seeds of {@code metric} for class {@code label}, over the seeds where it is
     * defined (not NaN); a case undefined in every seed is NaN. The paired tests pair losses on these
     * case means, so that the seeds of a loss are averaged before the cases are compared (the seeds
     * of two losses are not paired with each other).
     */
    public Map<String, Double> caseMeans(int label, Metric metric) {
        Map<String, double[]> acc = new TreeMap<>();
        values(label, metric).values().forEach(m -> m.forEach((c, v) -> {
            double[] a = acc.computeIfAbsent(c, k -> new double[2]);
            if (!Double.isNaN(v)) {
                a[0] += v;
                a[1]++;
            }
        }));
        Map<String, Double> out = new TreeMap<>();
        acc.forEach((c, a) -> out.put(c, a[1] == 0 ? Double.NaN : a[0] / a[1]));
        return out;
    }
}
