package org.lossbench.eval.compare;

/** The verdict of one check. Only {@link #REGRESSION} fails the gate. */
public enum Status {
    /** Worse beyond the threshold, or a cell missing or failed in the current sweep. */
    REGRESSION("regression"),
    /** Better beyond the threshold (listed, never fails). */
    IMPROVEMENT("improvement"),
    /** In the current sweep only, or undefined in the baseline (listed, never fails). */
    NEW("new"),
    /** Within the thresholds. */
    OK("ok");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean fails() {
        return this == REGRESSION;
    }
}
