package org.lossbench.cli.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossbench.eval.Aggregation;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.Metric;
import org.lossbench.eval.lesion.SizeBins;
import org.lossbench.eval.stats.PairedComparison;

/**
 * The statistics of a sweep, computed from the finished cells' case results: per (dataset, model)
 * group and loss, {@link Aggregation} over the cases of all seeds pooled (a case of seed s is the
 * sample {@code s<seed>/<case>}); per group, the paired comparison of every loss's per-case Dice with
 * the reference loss's ({@link PairedComparison}, Wilcoxon signed-rank on the pairs (seed, case)),
 * Holm's correction taken over every (loss, class) test of the group, since those are the claims the
 * table makes together.
 */
public final class SweepTables {
    /** Significance level of the verdicts. */
    public static final double ALPHA = 0.05;

    /** One loss in one group. */
    public record LossResult(String loss, int cells, List<CaseResult> cases, Aggregation aggregation) {
    }

    /**
     * One loss against the reference, one class.
     *
     * @param verdict {@code better} or {@code worse} than the reference (Holm-adjusted p below {@link #ALPHA},
     *                by the sign of the median difference), else empty
     */
    public record Comparison(String loss, int label, int n, double medianDifference, double p, double pHolm, String verdict) {
    }

    /** A dataset and model with its losses, in the spec's order. */
    public record Group(String dataset, String model, Map<String, LossResult> losses, List<Comparison> comparisons) {
    }

    private SweepTables() {
    }

    /**
     * @param cases per cell key, the cell's case results with ids {@code s<seed>/<case>}; cells without
     *              an entry (failed) are left out
     */
    public static List<Group> of(List<Cell> cells, Map<String, List<CaseResult>> cases, String referenceLoss, SizeBins bins, long seed) {
        Map<List<String>, Map<String, List<Cell>>> grouped = new LinkedHashMap<>();
        for (Cell c : cells) {
            if (cases.containsKey(c.key())) {
                grouped.computeIfAbsent(List.of(c.dataset(), c.model()), k -> new LinkedHashMap<>())
                        .computeIfAbsent(c.loss(), k -> new ArrayList<>()).add(c);
            }
        }
        List<Group> out = new ArrayList<>();
        grouped.forEach((dm, byLoss) -> {
            Map<String, LossResult> losses = new LinkedHashMap<>();
            byLoss.forEach((loss, cs) -> {
                List<CaseResult> all = new ArrayList<>();
                cs.forEach(c -> all.addAll(cases.get(c.key())));
                losses.put(loss, new LossResult(loss, cs.size(), all, Aggregation.of(all, bins, seed)));
            });
            out.add(new Group(dm.get(0), dm.get(1), losses, compare(losses, referenceLoss)));
        });
        return out;
    }

    private static List<Comparison> compare(Map<String, LossResult> losses, String reference) {
        LossResult ref = losses.get(reference);
        if (ref == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        List<PairedComparison.Result> raw = new ArrayList<>();
        losses.forEach((loss, r) -> {
            if (!loss.equals(reference)) {
                for (PairedComparison.Result pr : PairedComparison.compare(r.cases(), ref.cases(), Metric.DICE)) {
                    names.add(loss);
                    raw.add(pr);
                }
            }
        });
        double[] holm = PairedComparison.holm(raw.stream().mapToDouble(PairedComparison.Result::pValue).toArray());
        List<Comparison> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            PairedComparison.Result r = raw.get(i);
            String verdict = "";
            if (holm[i] < ALPHA) {
                verdict = r.medianDifference() > 0 ? "better" : r.medianDifference() < 0 ? "worse" : "differs";
            }
            out.add(new Comparison(names.get(i), r.label(), r.n(), r.medianDifference(), r.pValue(), holm[i], verdict));
        }
        return out;
    }
}
