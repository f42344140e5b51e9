package org.lossbench.eval.lesion;

import java.util.Arrays;

/**
 * Lesion size bins by equivalent-sphere diameter in mm, {@code d = (6 V / pi)^(1/3)}. Edges
 * {@code e1 < e2 < ... < ek} make the bins {@code [0, e1), [e1, e2), ..., [ek, inf)}; the default
 * edges are 3, 6, 12 and 24 mm.
 */
public record SizeBins(double[] edges) {
    public SizeBins {
        edges = edges.clone();
        for (int i = 0; i < edges.length; i++) {
            if (!(edges[i] > 0) || Double.isInfinite(edges[i]) || (i > 0 && edges[i] <= edges[i - 1])) {
                throw new IllegalArgumentException("size-bin edges must be positive, finite and increasing: " + Arrays.toString(edges));
            }
        }
    }

    public static SizeBins defaults() {
        return new SizeBins(new double[] {3, 6, 12, 24});
    }

    /** Parses {@code "3,6,12,24"}. */
    public static SizeBins parse(String spec) {
        try {
            return new SizeBins(Arrays.stream(spec.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .mapToDouble(Double::parseDouble).toArray());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad size-bin edges '" + spec + "'; use e.g. 3,6,12,24");
        }
    }

    /** Number of bins: edges + 1. */
    public int count() {
        return edges.length + 1;
    }

    /** The bin of a lesion of {@code diameterMm}. */
    public int binOf(double diameterMm) {
        int b = 0;
        while (b < edges.length && diameterMm >= edges[b]) {
            b++;
        }
        return b;
    }

    /** {@code "[3,6)"}-style name of bin {@code b}. */
    public String name(int b) {
        String lo = b == 0 ? "0" : fmt(edges[b - 1]);
        String hi = b == edges.length ? "inf" : fmt(edges[b]);
        return "[" + lo + "," + hi + ")";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Equivalent-sphere diameter in mm of a lesion of {@code volumeMm3}. */
    public static double equivalentDiameter(double volumeMm3) {
        return Math.cbrt(6 * volumeMm3 / Math.PI);
    }
}
