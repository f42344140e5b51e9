package org.lossbench.losses.check;

import java.util.Map;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Value;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.losses.graph.LossGraphContext;

/** Standalone loss graphs: inputs {@code logits} and {@code labels}, outputs {@code loss} and the terms. */
public final class LossGraphs {
    /** Name of the logits input. */
    public static final String LOGITS = "logits";
    /** Name of the labels input. */
    public static final String LABELS = "labels";

    private LossGraphs() {
    }

    /**
     * A graph with inputs {@code logits} float {@code [N, K, D, H, W]} and {@code labels} int64
     * {@code [N, D, H, W]} (N, D, H, W symbolic, K fixed) and outputs {@code loss} (a float scalar) and,
     * for a compound loss, {@code loss/<term>} per term.
     */
    public static Graph standalone(CompoundLoss loss, int k) {
        Graph g = new Graph("loss");
        Value logits = g.input(LOGITS, DType.FLOAT, Shape.symbolic("N", k, "D", "H", "W"));
        Value labels = g.input(LABELS, DType.INT64, Shape.symbolic("N", "D", "H", "W"));
        Map<String, Value> outputs = loss.emit(new LossGraphContext(g, logits, labels));
        outputs.forEach((name, v) -> g.output(v, name));
        g.putMetadata("lossbench.loss", loss.spec());
        return g;
    }
}
