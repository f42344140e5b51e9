package org.lossbench.eval.compare;

import org.lossbench.eval.compare.Thresholds.Threshold;

/**
 * The two-sided rule of the gate's quality checks (docs/gate.md). With {@code b} the baseline value, {@code c}
 * the current one, {@code t} the check's threshold and {@code s} = {@link Thresholds#SLACK}:
 *
 * <pre>
 *   worse  = b - c  (higher is better: Dice, NSD, recall)     or  c - b  (lower is better: HD95)
 *   regression   iff  worse  &gt; t + s
 *   improvement  iff  -worse &gt; t + s          (fails the gate unless improvements are allowed)
 *   blind        iff  neither, and the baseline cannot show a regression:
 *                       higher is better (values in 0..1):  b &lt;= t + s   (a drop of more than t would go below 0)
 *                       lower is better (unbounded above):  b = +inf
 *   ok           otherwise
 * </pre>
 *
 * <p>Equal values (also {@code +inf} in both) are a change of 0. A value undefined or absent in the baseline is
 * {@link Status#NEW}; defined in the baseline and undefined or absent now is a regression. A blind check is
 * still a check: a move either way beyond the threshold is reported as such; only "no change" cannot be
 * told from "could not have changed", so it is skipped, never passed.
 */
public final class ChangeRule {
    private ChangeRule() {
    }

    /** A judgement and its reason. */
    public record Verdict(Status status, String message) {
    }

    /**
     * Judges a metric where higher is better and values lie in 0..1 (Dice, NSD, recall).
     *
     * @param base the baseline value, null when the row is absent
     * @param cur the current value, null when the row is absent
     */
    public static Verdict higherIsBetter(String what, Double base, Double cur, Threshold t) {
        return judge(what, "", base, cur, t, true);
    }

    /** Judges a metric where lower is better and values are unbounded above (HD95 in mm; {@code unit} e.g. {@code " mm"}). */
    public static Verdict lowerIsBetter(String what, String unit, Double base, Double cur, Threshold t) {
        return judge(what, unit, base, cur, t, false);
    }

    private static Verdict judge(String what, String unit, Double base, Double cur, Threshold t, boolean higherIsBetter) {
        if (base == null || Double.isNaN(base)) {
            return new Verdict(Status.NEW, what + (base != null ? " undefined in the baseline" : " not in the baseline") + ", "
                    + (cur == null ? "absent" : Gate.fmt(cur) + unit) + " now");
        }
        if (cur == null || Double.isNaN(cur)) {
            return new Verdict(Status.REGRESSION, what + (cur != null ? " is undefined in the current sweep" : " is missing from the current sweep")
                    + " (baseline " + Gate.fmt(base) + unit + ")");
        }
        double delta = cur.doubleValue() == base.doubleValue() ? 0 : cur - base;
        double worse = higherIsBetter ? -delta : delta;
        double limit = t.value() + Thresholds.SLACK;
        String values = " (" + Gate.fmt(base) + " -> " + Gate.fmt(cur) + unit + ")";
        if (worse > limit) {
            return new Verdict(Status.REGRESSION, what + (higherIsBetter ? " fell by " : " rose by ") + Gate.fmt(Math.abs(delta)) + unit + values
                    + ", more than " + t.source());
        }
        if (-worse > limit) {
            return new Verdict(Status.IMPROVEMENT, what + (higherIsBetter ? " rose by " : " fell by ") + Gate.fmt(Math.abs(delta)) + unit + values
                    + ", more than " + t.source() + ": an improvement; refresh the baseline, or pass --allow-improvements");
        }
        if (higherIsBetter ? base <= limit : base == Double.POSITIVE_INFINITY) {
            String why = higherIsBetter
                    ? "the baseline " + Gate.fmt(base) + " cannot fall by more than " + t.source() + " (it would go below 0)"
                    : "the baseline " + what + " is infinite (half or more of its (seed, case) pairs have no predicted voxel of the class), "
                    + "so no rise can show";
            return new Verdict(Status.BLIND, "blind: " + why + "; changed by " + Gate.fmt(delta) + unit + values);
        }
        return new Verdict(Status.OK, what + " changed by " + Gate.fmt(delta) + unit + values + ", within " + t.source());
    }
}
