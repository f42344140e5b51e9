package org.lossbench.eval.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the gate checked, by kind, in the baseline's order (new entries last).
 *
 * @param metrics the per-class metric checks: every Dice check, then NSD, then HD95 ({@link ClassMetric} order)
 * @param undefinedInBoth class metrics and recall bins undefined in both sweeps (a class without reference
 *                        voxels in any case, a size bin without reference lesions): nothing to compare, not checks
 * @param allowImprovements whether improvements of quality checks pass ({@code --allow-improvements})
 */
public record GateReport(List<Check.Cells> cells, List<Check.Metric> metrics, List<Check.Recall> recall, List<Check.Timing> timing,
                         int undefinedInBoth, boolean allowImprovements) {

    /** Every check: cells, class metrics, recall, timing. */
    public List<Check> all() {
        List<Check> out = new ArrayList<>(cells);
        out.addAll(metrics);
        out.addAll(recall);
        out.addAll(timing);
        return out;
    }

    /** The checks of one class metric. */
    public List<Check.Metric> metrics(ClassMetric m) {
        return metrics.stream().filter(c -> c.metric() == m).toList();
    }

    public long count(Status s) {
        return all().stream().filter(c -> c.status() == s).count();
    }

    /**
     * Whether a check fails the gate: a regression always; an improvement of a check whose improvements need
     * approval ({@link Check#improvementNeedsApproval()}) unless improvements are allowed.
     */
    public boolean fails(Check c) {
        return c.status() == Status.REGRESSION
                || c.status() == Status.IMPROVEMENT && c.improvementNeedsApproval() && !allowImprovements;
    }

    /** The checks that fail the gate, in order. */
    public List<Check> failing() {
        return all().stream().filter(this::fails).toList();
    }

    public boolean passed() {
        return failing().isEmpty();
    }
}
