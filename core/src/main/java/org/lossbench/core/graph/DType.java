package org.lossbench.core.graph;

/** The element types the graph builder emits, with their ONNX {@code TensorProto.DataType} codes. */
public enum DType {
    FLOAT(1, 4), INT32(6, 4), INT64(7, 8), BOOL(9, 1), DOUBLE(11, 8);

    private final int onnxCode;
    private final int bytes;

    DType(int onnxCode, int bytes) {
        this.onnxCode = onnxCode;
        this.bytes = bytes;
    }

    /** The {@code TensorProto.DataType} enum value. */
    public int onnxCode() {
        return onnxCode;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The type with ONNX code {@code code}. */
    public static DType fromOnnx(int code) {
        for (DType t : values()) {
            if (t.onnxCode == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported ONNX element type " + code);
    }
}
