package org.lossbench.core.graph;

/** A node attribute: one of the ONNX attribute kinds the builder emits. */
public sealed interface Attribute {
    /** {@code INT}. */
    record Int(long value) implements Attribute {
    }

    /** {@code INTS}. */
    record Ints(long[] values) implements Attribute {
        public Ints {
            values = values.clone();
        }

        @Override
        public long[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ints i && java.util.Arrays.equals(values, i.values);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return java.util.Arrays.toString(values);
        }
    }

    /** {@code FLOAT}. */
    record Float(float value) implements Attribute {
    }

    /** {@code FLOATS}. */
    record Floats(float[] values) implements Attribute {
        public Floats {
            values = values.clone();
        }

        @Override
        public float[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Floats f && java.util.Arrays.equals(values, f.values);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return java.util.Arrays.toString(values);
        }
    }

    /** {@code STRING}. */
    record Str(String value) implements Attribute {
    }

    /** {@code TENSOR}. */
    record TensorValue(Tensor value) implements Attribute {
    }

    static Attribute of(long v) {
        return new Int(v);
    }

    static Attribute ints(long... v) {
        return new Ints(v);
    }

    static Attribute ints(int... v) {
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            l[i] = v[i];
        }
        return new Ints(l);
    }

    static Attribute of(float v) {
        return new Float(v);
    }

    static Attribute floats(float... v) {
        return new Floats(v);
    }

    static Attribute of(String v) {
        return new Str(v);
    }

    static Attribute of(Tensor v) {
        return new TensorValue(v);
    }
}
