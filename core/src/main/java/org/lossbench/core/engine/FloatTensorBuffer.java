package org.lossbench.core.engine;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;

/**
 * A float32 tensor of fixed shape over a direct buffer, made once and reused for every run: ONNX
 * Runtime reads inputs from (and writes pinned outputs into) the buffer's memory without a copy, so
 * filling the buffer and running again allocates nothing per window or per step.
 */
public final class FloatTensorBuffer implements AutoCloseable {
    private final long[] shape;
    private final FloatBuffer buffer;
    private final OnnxTensor tensor;

    public FloatTensorBuffer(long... shape) {
        this.shape = shape.clone();
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " is too large for one buffer");
        }
        this.buffer = ByteBuffer.allocateDirect((int) n * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        try {
            this.tensor = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), buffer, shape);
        } catch (OrtException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "cannot create a tensor of shape " + Arrays.toString(shape) + ": " + e.getMessage(), e);
        }
    }

    /** The shape, a copy. */
    public long[] shape() {
        return shape.clone();
    }

    /** Number of floats. */
    public int size() {
        return buffer.capacity();
    }

    /** The direct buffer the tensor reads from; absolute get/put only (the position is not used). */
    public FloatBuffer buffer() {
        return buffer;
    }

    /** The tensor over the buffer, valid until {@link #close()}. */
    public OnnxTensor tensor() {
        return tensor;
    }

    @Override
    public void close() {
        tensor.close();
    }
}
