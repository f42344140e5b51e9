package org.lossbench.core.graph;

import java.util.SplittableRandom;

/** Test helper: float tensors of given shape. */
final class TestTensors {
    private TestTensors() {
    }

    /** Uniform in [-0.5, 0.5), drawn from {@code r} in row-major order. */
    static Tensor random(SplittableRandom r, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble(-0.5, 0.5);
        }
        return Tensor.floats(dims, v);
    }
}
