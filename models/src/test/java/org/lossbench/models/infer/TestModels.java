package org.lossbench.models.infer;

import java.util.List;
import java.util.Map;
import org.lossbench.core.engine.Device;
import org.lossbench.core.engine.EngineSession;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.engine.Sessions;
import org.lossbench.core.graph.ConvSpec;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.OnnxSerializer;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Tensor;
import org.lossbench.core.graph.Value;

/** Small models built with the graph builder, for inference tests. */
final class TestModels {
    private TestModels() {
    }

    static EngineSession open(Graph g) {
        return Sessions.open(OnnxSerializer.toBytes(g, "test"), g.name(), SessionConfig.defaults(Device.CPU).withThreads(1));
    }

    /** logits[c] = w[c] * image + b[c]: a 1x1x1 convolution, pointwise. */
    static Graph pointwise(float[] w, float[] b, boolean softmax) {
        Graph g = new Graph("pointwise");
        Value x = g.input("image", DType.FLOAT, Shape.symbolic("N", 1, "D", "H", "W"));
        Value wt = g.parameter("w", Tensor.floats(new long[] {w.length, 1, 1, 1, 1}, w));
        Value bt = g.parameter("b", Tensor.floats(new long[] {b.length}, b));
        Value y = g.conv("conv", x, wt, bt, ConvSpec.same(3, 1));
        g.output(softmax ? g.softmax("probs", y, 1) : y, "logits");
        return g;
    }

    /** A model whose only input is not rank 5 (2D) or is otherwise shaped as given. */
    static Graph withInput(String name, DType type, Shape shape, String outName) {
        Graph g = new Graph("bad");
        Value x = g.input(name, type, shape);
        g.output(type == DType.FLOAT ? g.relu("r", x) : g.op("Identity", "id", List.of(x), Map.of()), outName);
        return g;
    }
}
