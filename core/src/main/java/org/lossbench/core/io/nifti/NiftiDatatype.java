package org.lossbench.core.io.nifti;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The NIfTI voxel datatypes lossbench reads and writes ({@code datatype} codes of nifti1.h). */
public enum NiftiDatatype {
    UINT8(2, 8, true),
    INT16(4, 16, true),
    INT32(8, 32, true),
    FLOAT32(16, 32, false),
    FLOAT64(64, 64, false),
    INT8(256, 8, true),
    UINT16(512, 16, true),
    UINT32(768, 32, true),
    /** Read only: values must fit in an {@code int} (labels) or are rounded to float32 (images). */
    INT64(1024, 64, true);

    private final int code;
    private final int bitpix;
    private final boolean integer;

    NiftiDatatype(int code, int bitpix, boolean integer) {
        this.code = code;
        this.bitpix = bitpix;
        this.integer = integer;
    }

    /** The {@code datatype} code in the header. */
    public int code() {
        return code;
    }

    /** Bits per voxel ({@code bitpix}). */
    public int bitpix() {
        return bitpix;
    }

    public int bytes() {
        return bitpix / 8;
    }

    /** Whether voxels are integers (before {@code scl_slope} and {@code scl_inter}). */
    public boolean isInteger() {
        return integer;
    }

    /** The lower-case name used in JSON output and messages, such as {@code int16}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The datatype with this header code, or {@code null} when lossbench does not handle it. */
    public static NiftiDatatype ofCode(int code) {
        for (NiftiDatatype t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** The names of the supported datatypes, for error messages. */
    public static String supportedList() {
        return Arrays.stream(values()).map(NiftiDatatype::label).collect(Collectors.joining(", "));
    }

    /** A readable name for any NIfTI datatype code, including those lossbench does not handle. */
    public static String describeCode(int code) {
        NiftiDatatype t = ofCode(code);
        if (t != null) {
            return t.label() + " (" + code + ")";
        }
        String name = switch (code) {
            case 0 -> "unknown";
            case 1 -> "binary";
            case 32 -> "complex64";
            case 128 -> "rgb24";
            case 255 -> "all";
            case 1280 -> "uint64";
            case 1536 -> "float128";
            case 1792 -> "complex128";
            case 2048 -> "complex256";
            case 2304 -> "rgba32";
            default -> "unknown code";
        };
        return name + " (" + code + ")";
    }
}
