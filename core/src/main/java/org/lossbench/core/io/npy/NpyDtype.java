package org.lossbench.core.io.npy;

/** The NumPy dtypes lossbench reads and writes in {@code .npy} files (their {@code descr} without byte order). */
public enum NpyDtype {
    BOOL("b1", 1, true),
    INT8("i1", 1, true),
    UINT8("u1", 1, true),
    INT16("i2", 2, true),
    UINT16("u2", 2, true),
    INT32("i4", 4, true),
    UINT32("u4", 4, true),
    INT64("i8", 8, true),
    FLOAT32("f4", 4, false),
    FLOAT64("f8", 8, false);

    private final String code;
    private final int bytes;
    private final boolean integer;

    NpyDtype(String code, int bytes, boolean integer) {
        this.code = code;
        this.bytes = bytes;
        this.integer = integer;
    }

    /** The type code without byte order, such as {@code f4}. */
    public String code() {
        return code;
    }

    public int bytes() {
        return bytes;
    }

    /** Whether values are integers (booleans count as 0 and 1). */
    public boolean isInteger() {
        return integer;
    }

    /** The NumPy name, such as {@code float32}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The dtype with this code, or {@code null}. */
    public static NpyDtype ofCode(String code) {
        for (NpyDtype d : values()) {
            if (d.code.equals(code)) {
                return d;
            }
        }
        return null;
    }
}
