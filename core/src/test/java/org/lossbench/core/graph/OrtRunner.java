package org.lossbench.core.graph;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/** Test helper: runs a built graph in ONNX Runtime on the CPU and returns one float output. */
final class OrtRunner {
    private OrtRunner() {
    }

    static float[] run(Graph g, String inputName, long[] shape, float[] data, String outputName) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
             OrtSession s = env.createSession(OnnxSerializer.toBytes(g, "test"), o);
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
             OrtSession.Result r = s.run(Map.of(inputName, in))) {
            OnnxTensor out = (OnnxTensor) r.get(outputName).orElseThrow();
            FloatBuffer fb = out.getFloatBuffer();
            float[] v = new float[fb.remaining()];
            fb.get(v);
            return v;
        }
    }

    static long[] outputShape(Graph g, String inputName, long[] shape, float[] data, String outputName) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
             OrtSession s = env.createSession(OnnxSerializer.toBytes(g, "test"), o);
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
             OrtSession.Result r = s.run(Map.of(inputName, in))) {
            return ((OnnxTensor) r.get(outputName).orElseThrow()).getInfo().getShape();
        }
    }
}
