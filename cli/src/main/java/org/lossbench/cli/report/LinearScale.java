package org.lossbench.cli.report;

/** Maps a data interval {@code [d0, d1]} linearly onto a pixel interval {@code [r0, r1]} (SVG y grows downwards, so r0 > r1 for a y axis). */
public record LinearScale(double d0, double d1, double r0, double r1) {
    public LinearScale {
        if (!(d1 > d0) || !Double.isFinite(d0) || !Double.isFinite(d1)) {
            throw new IllegalArgumentException("scale domain [" + d0 + ", " + d1 + "] must be finite and increasing");
        }
    }

    /** {@code r0 + (v - d0) (r1 - r0) / (d1 - d0)}. */
    public double map(double v) {
        return r0 + (v - d0) * (r1 - r0) / (d1 - d0);
    }
}
