package org.lossbench.losses;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossbench.core.engine.Device;
import org.lossbench.core.engine.EngineSession;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.engine.Sessions;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.OnnxSerializer;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Value;
import org.lossbench.losses.graph.LossGraphContext;

/**
 * A training graph knows its patch shape: the graph forms built on fully known shapes (every
 * intermediate type goes into {@code value_info}, which ONNX Runtime checks) give the reference values.
 */
class StaticShapeGraphTest {
    @Test
    void allLossesOnAStaticShape() throws Exception {
        String spec = "dice+ce:weight=[1,2,3]+topk+exp-log+generalized-dice+focal:activation=sigmoid+focal-tversky"
                + "+dice-vnet+tversky:batch=true+focal:alpha=0.25";
        CompoundLoss loss = CompoundLoss.parse(spec);
        LossInput in = Inputs.random(42, 2, 3, 2, 3, 4, 4, 3);
        Graph g = new Graph("train_loss");
        Value logits = g.input("logits", DType.FLOAT, Shape.of(2, 3, 2, 3, 4));
        Value labels = g.input("labels", DType.INT64, Shape.of(2, 2, 3, 4));
        Map<String, Value> out = loss.emit(new LossGraphContext(g, logits, labels));
        out.forEach((name, v) -> g.output(v, name));
        CompoundLoss.Evaluation ref = loss.reference(in);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (EngineSession s = Sessions.open(OnnxSerializer.toBytes(g, "test"), "static", SessionConfig.defaults(Device.CPU).withThreads(1));
             OnnxTensor z = OnnxTensor.createTensor(env, FloatBuffer.wrap(in.logits()), new long[] {2, 3, 2, 3, 4});
             OnnxTensor y = OnnxTensor.createTensor(env, LongBuffer.wrap(in.labelsAsLong()), new long[] {2, 2, 3, 4});
             OrtSession.Result r = s.session().run(Map.of("logits", z, "labels", y))) {
            double total = ((OnnxTensor) r.get("loss").orElseThrow()).getFloatBuffer().get(0);
            Tolerance.assertGraphClose(ref.total(), total, spec);
            for (Map.Entry<String, Double> term : ref.terms().entrySet()) {
                double v = ((OnnxTensor) r.get(CompoundLoss.termOutput(term.getKey())).orElseThrow()).getFloatBuffer().get(0);
                Tolerance.assertGraphClose(term.getValue(), v, term.getKey());
            }
        }
    }
}
