package org.lossbench.core.graph;

import java.util.Arrays;

/**
 * Constant tensor data (an initializer or a {@code Constant} node's value): float32 or int64,
 * row-major, with its dimensions.
 */
public final class Tensor {
    private final DType dtype;
    private final long[] dims;
    private final float[] floats;
    private final long[] longs;

    private Tensor(DType dtype, long[] dims, float[] floats, long[] longs) {
        this.dtype = dtype;
        this.dims = dims.clone();
        this.floats = floats;
        this.longs = longs;
        long n = 1;
        for (long d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
            }
            n *= d;
        }
        long have = floats != null ? floats.length : longs.length;
        if (have != n) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(dims) + " needs " + n
                    + " values, got " + have);
        }
    }

    /** A float32 tensor wrapping {@code data} (not copied). */
    public static Tensor floats(long[] dims, float[] data) {
        return new Tensor(DType.FLOAT, dims, data, null);
    }

    /** An int64 tensor wrapping {@code data} (not copied). */
    public static Tensor longs(long[] dims, long[] data) {
        return new Tensor(DType.INT64, dims, null, data);
    }

    /** A float32 scalar. */
    public static Tensor scalar(float v) {
        return floats(new long[0], new float[] {v});
    }

    /** A 1-D int64 vector. */
    public static Tensor vector(long... values) {
        return longs(new long[] {values.length}, values.clone());
    }

    public DType dtype() {
        return dtype;
    }

    public long[] dims() {
        return dims.clone();
    }

    public Shape shape() {
        return Shape.of(dims);
    }

    public long size() {
        return floats != null ? floats.length : longs.length;
    }

    /** The float32 data, not a copy; fails for int64 tensors. */
    public float[] floatData() {
        if (floats == null) {
            throw new IllegalStateException("tensor is " + dtype + ", not FLOAT");
        }
        return floats;
    }

    /** The int64 data, not a copy; fails for float tensors. */
    public long[] longData() {
        if (longs == null) {
            throw new IllegalStateException("tensor is " + dtype + ", not INT64");
        }
        return longs;
    }
}
