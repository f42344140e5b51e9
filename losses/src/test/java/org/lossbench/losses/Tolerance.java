package org.lossbench.losses;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Comparisons of a float32 graph value or a double reference value with an expected value. */
final class Tolerance {
    /** Graph (float32) against double: 1e-5 relative, with an absolute floor of 1e-6 for values near 0. */
    static final double GRAPH_REL = 1e-5;
    static final double GRAPH_ABS = 1e-6;

    private Tolerance() {
    }

    static void assertClose(double expected, double actual, double rel, double abs, String what) {
        assertTrue(Double.isFinite(actual), what + ": not finite: " + actual);
        double err = Math.abs(actual - expected);
        assertTrue(err <= Math.max(rel * Math.abs(expected), abs),
                what + ": expected " + expected + ", got " + actual + " (difference " + err + ")");
    }

    static void assertGraphClose(double reference, double graph, String what) {
        assertClose(reference, graph, GRAPH_REL, GRAPH_ABS, what);
    }
}
