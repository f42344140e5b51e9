package org.lossbench.eval.compare;

/**
 * The verdict of one check (docs/gate.md). A {@link #REGRESSION} always fails the gate; an
 * {@link #IMPROVEMENT} of a quality check fails it too unless improvements are allowed
 * ({@link GateReport#fails(Check)}): a change either way means the baseline no longer describes the code.
 */
public enum Status {
    /** Worse beyond the threshold, or a cell missing or failed in the current sweep. */
    REGRESSION("regression"),
    /** Better beyond the threshold: a change to re-baseline (fails without {@code --allow-improvements}; a speedup never fails). */
    IMPROVEMENT("improvement"),
    /** In the current sweep only, or undefined in the baseline (listed, never fails). */
    NEW("new"),
    /**
     * Within the thresholds, but the baseline could not have shown a drop of the threshold (a Dice already
     * below it, 0 of n lesions detected, an infinite HD95): neither passed nor failed, reported as skipped.
     */
    BLIND("blind"),
    /** Within the thresholds, and the check could have failed. */
    OK("ok");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
