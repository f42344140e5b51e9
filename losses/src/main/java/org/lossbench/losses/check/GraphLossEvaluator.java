package org.lossbench.losses.check;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.engine.EngineSession;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.engine.Sessions;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.OnnxSerializer;
import org.lossbench.core.provenance.BuildInfo;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.losses.LossInput;

/**
 * Runs a loss's graph form through ONNX Runtime: one session per (loss, K), reused for any N, D, H, W.
 * Not thread-safe; close it to free the session.
 */
public final class GraphLossEvaluator implements AutoCloseable {
    private final CompoundLoss loss;
    private final int k;
    private final EngineSession session;

    public GraphLossEvaluator(CompoundLoss loss, int k, SessionConfig config) {
        this.loss = loss;
        this.k = k;
        Graph g = LossGraphs.standalone(loss, k);
        this.session = Sessions.open(OnnxSerializer.toBytes(g, BuildInfo.version()), "loss graph " + loss.spec(), config);
    }

    /** The device the session runs on, in words. */
    public String device() {
        return session.device().toString();
    }

    /** Every graph output ({@code loss} and the terms) as doubles, in output order. */
    public Map<String, Double> evaluate(LossInput in) {
        if (in.k() != k) {
            throw new IllegalArgumentException("evaluator built for K = " + k + ", input has K = " + in.k());
        }
        int[] s = in.shape();
        long[] logitsShape = {s[0], s[1], s[2], s[3], s[4]};
        long[] labelsShape = {s[0], s[2], s[3], s[4]};
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor logits = OnnxTensor.createTensor(env, FloatBuffer.wrap(in.logits()), logitsShape);
             OnnxTensor labels = OnnxTensor.createTensor(env, LongBuffer.wrap(in.labelsAsLong()), labelsShape);
             OrtSession.Result r = session.session().run(Map.of(LossGraphs.LOGITS, logits, LossGraphs.LABELS, labels))) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : r) {
                out.put(e.getKey(), (double) ((OnnxTensor) e.getValue()).getFloatBuffer().get(0));
            }
            return out;
        } catch (OrtException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "ONNX Runtime failed on the loss graph " + loss.spec() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
