package org.lossbench.core.io.npy;

import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional array in C order (last axis fastest), as exchanged with Python through
 * {@code .npy} files. The values live in one primitive array whose type follows the dtype:
 * {@code boolean[]} for bool, {@code byte[]} for int8 and uint8, {@code short[]} for int16,
 * {@code char[]} for uint16, {@code int[]} for int32 and uint32, {@code long[]} for int64,
 * {@code float[]} and {@code double[]} for the floats. Unsigned values are read back by
 * {@link #getLong} and {@link #getDouble} with their unsigned meaning.
 */
public final class NpyArray {
    private final NpyDtype dtype;
    private final int[] shape;
    private final Object data;
    private final int size;

    /** Wraps {@code data} (not copied); its type must match {@code dtype} and its length the shape. */
    public NpyArray(NpyDtype dtype, int[] shape, Object data) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        this.size = elementCount(shape);
        this.data = Objects.requireNonNull(data, "data");
        int length = java.lang.reflect.Array.getLength(data);
        if (!storageClass(dtype).isInstance(data) || length != size) {
            throw new IllegalArgumentException("a " + dtype.label() + " array of shape " + Arrays.toString(shape) + " needs a "
                    + storageClass(dtype).getSimpleName() + " of " + size + " values, got " + data.getClass().getSimpleName()
                    + " of " + length);
        }
    }

    public static NpyArray ofFloats(int[] shape, float[] data) {
        return new NpyArray(NpyDtype.FLOAT32, shape, data);
    }

    public static NpyArray ofInts(int[] shape, int[] data) {
        return new NpyArray(NpyDtype.INT32, shape, data);
    }

    /** The number of elements of a shape; every size must be non-negative and the product fit an int. */
    static int elementCount(int[] shape) {
        long n = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative size in shape " + Arrays.toString(shape));
            }
            n *= s;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has too many elements for one array");
            }
        }
        return (int) n;
    }

    static Class<?> storageClass(NpyDtype dtype) {
        return switch (dtype) {
            case BOOL -> boolean[].class;
            case INT8, UINT8 -> byte[].class;
            case INT16 -> short[].class;
            case UINT16 -> char[].class;
            case INT32, UINT32 -> int[].class;
            case INT64 -> long[].class;
            case FLOAT32 -> float[].class;
            case FLOAT64 -> double[].class;
        };
    }

    static Object allocate(NpyDtype dtype, int n) {
        return java.lang.reflect.Array.newInstance(storageClass(dtype).getComponentType(), n);
    }

    public NpyDtype dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    /** The backing primitive array (not a copy). */
    public Object data() {
        return data;
    }

    /** Element {@code i} (flat, C order) as a double. */
    public double getDouble(int i) {
        return switch (dtype) {
            case FLOAT32 -> ((float[]) data)[i];
            case FLOAT64 -> ((double[]) data)[i];
            default -> getLong(i);
        };
    }

    /** Element {@code i} (flat, C order) as a long; floats are truncated toward zero. */
    public long getLong(int i) {
        return switch (dtype) {
            case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
            case INT8 -> ((byte[]) data)[i];
            case UINT8 -> ((byte[]) data)[i] & 0xFF;
            case INT16 -> ((short[]) data)[i];
            case UINT16 -> ((char[]) data)[i];
            case INT32 -> ((int[]) data)[i];
            case UINT32 -> ((int[]) data)[i] & 0xFFFFFFFFL;
            case INT64 -> ((long[]) data)[i];
            case FLOAT32 -> (long) ((float[]) data)[i];
            case FLOAT64 -> (long) ((double[]) data)[i];
        };
    }

    /** The values as float32 (a copy, or the backing array itself for a float32 array). */
    public float[] toFloatArray() {
        if (dtype == NpyDtype.FLOAT32) {
            return (float[]) data;
        }
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = (float) getDouble(i);
        }
        return out;
    }
}
