package org.lossbench.core.graph;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor shape whose dimensions are either known sizes or unknown; an unknown dimension may carry
 * a symbolic name (ONNX {@code dim_param}, such as {@code N} for the batch), and two dimensions with
 * the same name are equal at run time.
 */
public final class Shape {
    /** Marker for a dimension whose size is not known when the graph is built. */
    public static final long UNKNOWN = -1;

    private final long[] dims;
    private final String[] symbols;

    private Shape(long[] dims, String[] symbols) {
        this.dims = dims;
        this.symbols = symbols;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < UNKNOWN) {
                throw new IllegalArgumentException("negative dimension " + dims[i] + " in " + this);
            }
            if (dims[i] != UNKNOWN) {
                symbols[i] = null;
            }
        }
    }

    /** A shape of known sizes. */
    public static Shape of(long... dims) {
        return new Shape(dims.clone(), new String[dims.length]);
    }

    /** A shape from a mix of {@link Number} sizes and {@link String} symbolic names. */
    public static Shape symbolic(Object... dims) {
        long[] d = new long[dims.length];
        String[] s = new String[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] instanceof Number n) {
                d[i] = n.longValue();
            } else if (dims[i] instanceof String name) {
                d[i] = UNKNOWN;
                s[i] = name;
            } else if (dims[i] == null) {
                d[i] = UNKNOWN;
            } else {
                throw new IllegalArgumentException("dimension must be a number, a name or null, got " + dims[i]);
            }
        }
        return new Shape(d, s);
    }

    /** A shape from sizes and parallel symbolic names (either may be unknown). */
    public static Shape of(long[] dims, String[] symbols) {
        if (dims.length != symbols.length) {
            throw new IllegalArgumentException("dims and symbols differ in length");
        }
        return new Shape(dims.clone(), symbols.clone());
    }

    /** A scalar (rank 0). */
    public static Shape scalar() {
        return of(new long[0]);
    }

    public int rank() {
        return dims.length;
    }

    /** Size of dimension {@code i}, or {@link #UNKNOWN}; negative {@code i} counts from the end. */
    public long dim(int i) {
        return dims[axis(i)];
    }

    /** The symbolic name of dimension {@code i}, or null. */
    public String symbol(int i) {
        return symbols[axis(i)];
    }

    public boolean isKnown(int i) {
        return dims[axis(i)] != UNKNOWN;
    }

    /** Whether every dimension is known. */
    public boolean isFullyKnown() {
        for (long d : dims) {
            if (d == UNKNOWN) {
                return false;
            }
        }
        return true;
    }

    /** Product of the dimensions; only for fully known shapes. */
    public long elementCount() {
        if (!isFullyKnown()) {
            throw new IllegalStateException("shape " + this + " is not fully known");
        }
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    /** The sizes (with {@link #UNKNOWN} for unknown ones), a copy. */
    public long[] dims() {
        return dims.clone();
    }

    /** The symbolic names (null where none), a copy. */
    public String[] symbols() {
        return symbols.clone();
    }

    /** Normalises a possibly negative axis. */
    public int axis(int i) {
        int a = i < 0 ? i + dims.length : i;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException("axis " + i + " out of range for rank " + dims.length);
        }
        return a;
    }

    /** Same shape with dimension {@code i} replaced by a known size. */
    public Shape with(int i, long size) {
        long[] d = dims.clone();
        String[] s = symbols.clone();
        d[axis(i)] = size;
        s[axis(i)] = null;
        return new Shape(d, s);
    }

    /** Whether dimension {@code i} of this and dimension {@code j} of other are the same (known and equal, or same symbol). */
    public boolean sameDim(int i, Shape other, int j) {
        if (isKnown(i) && other.isKnown(j)) {
            return dim(i) == other.dim(j);
        }
        return symbol(i) != null && symbol(i).equals(other.symbol(j));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims) && Arrays.equals(symbols, s.symbols);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(dims), Arrays.hashCode(symbols));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(dims[i] != UNKNOWN ? Long.toString(dims[i]) : symbols[i] != null ? symbols[i] : "?");
        }
        return b.append(']').toString();
    }
}
