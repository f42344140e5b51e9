package org.lossbench.core.volume;

import java.util.Arrays;

/**
 * An immutable 4x4 affine transform from voxel indices {@code (i, j, k)} = {@code (x, y, z)} =
 * {@code (w, h, d)} to world coordinates in millimetres, as NIfTI defines it (the last row is
 * {@code 0 0 0 1}).
 */
public final class Affine {
    private final double[] m; // row-major 4x4

    private Affine(double[] rowMajor) {
        this.m = rowMajor;
    }

    /** An affine from 16 row-major values; the last row must be {@code 0 0 0 1}. */
    public static Affine of(double... rowMajor) {
        if (rowMajor.length != 16) {
            throw new IllegalArgumentException("an affine needs 16 values, got " + rowMajor.length);
        }
        for (double v : rowMajor) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("affine values must be finite: " + Arrays.toString(rowMajor));
            }
        }
        double[] copy = rowMajor.clone();
        copy[12] = 0;
        copy[13] = 0;
        copy[14] = 0;
        copy[15] = 1;
        return new Affine(copy);
    }

    /** The affine made of the first three rows {@code srow_x, srow_y, srow_z} (12 values). */
    public static Affine fromRows(double[] rows3x4) {
        if (rows3x4.length != 12) {
            throw new IllegalArgumentException("three affine rows need 12 values, got " + rows3x4.length);
        }
        double[] full = Arrays.copyOf(rows3x4, 16);
        return of(full);
    }

    /** {@code diag(sx, sy, sz, 1)}: NIfTI's "method 1" transform when no qform or sform is set. */
    public static Affine scaling(double sx, double sy, double sz) {
        return of(sx, 0, 0, 0, 0, sy, 0, 0, 0, 0, sz, 0, 0, 0, 0, 1);
    }

    /** Element at {@code row, col} (0-based). */
    public double get(int row, int col) {
        return m[row * 4 + col];
    }

    /** The 16 row-major values (a copy). */
    public double[] toArray() {
        return m.clone();
    }

    /** The first three rows (12 values), as NIfTI's {@code srow_x, srow_y, srow_z}. */
    public double[] rows() {
        return Arrays.copyOf(m, 12);
    }

    /** The 4x4 as nested rows, convenient for JSON. */
    public double[][] toMatrix() {
        double[][] out = new double[4][4];
        for (int r = 0; r < 4; r++) {
            System.arraycopy(m, r * 4, out[r], 0, 4);
        }
        return out;
    }

    /** World coordinates (mm) of the voxel index {@code (i, j, k)} (fractional indices allowed). */
    public double[] apply(double i, double j, double k) {
        return new double[] {
            m[0] * i + m[1] * j + m[2] * k + m[3],
            m[4] * i + m[5] * j + m[6] * k + m[7],
            m[8] * i + m[9] * j + m[10] * k + m[11],
        };
    }

    /** The length of column {@code c} of the 3x3 part: the voxel size along that index axis. */
    public double columnNorm(int c) {
        return Math.sqrt(m[c] * m[c] + m[4 + c] * m[4 + c] + m[8 + c] * m[8 + c]);
    }

    /** Whether every element differs by at most {@code tolerance}. */
    public boolean approximatelyEquals(Affine other, double tolerance) {
        for (int i = 0; i < 16; i++) {
            if (Math.abs(m[i] - other.m[i]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Affine a && Arrays.equals(m, a.m);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m);
    }

    @Override
    public String toString() {
        return Arrays.deepToString(toMatrix());
    }
}
