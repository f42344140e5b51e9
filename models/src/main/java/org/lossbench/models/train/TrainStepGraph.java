package org.lossbench.models.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Initializer;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Tensor;
import org.lossbench.core.graph.Value;
import org.lossbench.core.graph.grad.Gradients;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.losses.graph.LossGraphContext;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;

/**
 * The training step as one ONNX graph: model forward (training variant) + loss + its gradient with
 * respect to every parameter ({@link Gradients#ofParameters}) + the optimiser's update.
 *
 * <p>Inputs: {@value #IMAGE} float {@code [N, C_in, D, H, W]}, {@value #LABELS} int64
 * {@code [N, D, H, W]}, {@value #LR} and {@value #STEP} (1-based) float scalars, every parameter under
 * its own name (the graph's parameters are plain inputs, {@link Graph#setParametersAsInputs}), and
 * every optimiser slot as {@code state/<slot>/<param>}. Outputs: {@value #LOSS} (the total that is
 * differentiated), {@code loss/<term>} for each term of a compound loss (at full resolution, unweighted),
 * {@code new/<param>} and {@code new_state/<slot>/<param>}.
 *
 * <p><b>Deep supervision</b> (the {@code vnet-lite} training graph's {@code logits_ds<i>} at {@code 1/2^i}
 * resolution): the same loss is applied to each head against the labels down-sampled by taking every
 * {@code 2^i}-th voxel (nearest neighbour, a strided {@code Slice}; nnU-Net resizes with order 0 too),
 * and the total is {@code sum_i w_i L_i / sum_i w_i} with {@code w_i = 1/2^i}, {@code i = 0} the full
 * resolution (nnU-Net's {@code DeepSupervisionWrapper} weights; nnU-Net also zeroes the coarsest head,
 * which we keep).
 */
public final class TrainStepGraph {
    public static final String IMAGE = "image";
    public static final String LABELS = "labels";
    public static final String LR = "lr";
    public static final String STEP = "step";
    public static final String LOSS = CompoundLoss.OUTPUT;

    private final Graph graph;
    private final List<Initializer> parameters;
    private final List<String> lossOutputs;
    private final Optimizer optimizer;
    private final long[] imageShape;

    private TrainStepGraph(Graph graph, List<Initializer> parameters, List<String> lossOutputs, Optimizer optimizer, long[] imageShape) {
        this.graph = graph;
        this.parameters = parameters;
        this.lossOutputs = lossOutputs;
        this.optimizer = optimizer;
        this.imageShape = imageShape;
    }

    /** The step graph of {@code arch} with {@code options} for batches {@code [batch, C_in, patch]}. */
    @SuppressWarnings("try") // scopes only name the nodes
    public static TrainStepGraph build(Architecture arch, ArchOptions options, int batch, int[] patch, CompoundLoss loss, Optimizer optimizer) {
        Graph g = arch.buildTraining(options, batch, patch);
        List<Value> heads = new ArrayList<>();
        heads.add(named(g, "logits"));
        for (Value out : g.outputs()) {
            if (out.name().startsWith("logits_ds")) {
                heads.add(named(g, "logits_ds" + heads.size()));
            }
        }
        Value labels = g.input(LABELS, DType.INT64, Shape.of(batch, patch[0], patch[1], patch[2]));
        List<String> lossOutputs = new ArrayList<>();
        Value total = null;
        double weightSum = 0;
        for (int i = 0; i < heads.size(); i++) {
            weightSum += 1.0 / (1 << i);
        }
        Map<String, Value> fullRes = null;
        for (int i = 0; i < heads.size(); i++) {
            try (Graph.Scope s = g.scope(i == 0 ? "loss" : "loss_ds" + i)) {
                Value lab = i == 0 ? labels : g.op("Slice", "labels_ds", List.of(labels,
                        g.constant("starts", Tensor.vector(0, 0, 0)), g.constant("ends", Tensor.vector(patch[0], patch[1], patch[2])),
                        g.constant("axes", Tensor.vector(1, 2, 3)), g.constant("steps", Tensor.vector(1L << i, 1L << i, 1L << i))), Map.of());
                Map<String, Value> out = loss.emit(new LossGraphContext(g, heads.get(i), lab));
                if (i == 0) {
                    fullRes = out;
                }
                Value term = out.get(CompoundLoss.OUTPUT);
                if (heads.size() > 1) {
                    term = g.mul("weighted", term, g.constant("w", Tensor.scalar((float) ((1.0 / (1 << i)) / weightSum))));
                }
                total = total == null ? term : g.add("total", total, term);
            }
        }
        g.output(total, LOSS);
        lossOutputs.add(LOSS);
        for (Map.Entry<String, Value> e : fullRes.entrySet()) {
            if (!e.getKey().equals(CompoundLoss.OUTPUT)) {
                g.output(e.getValue(), e.getKey());
                lossOutputs.add(e.getKey());
            }
        }
        List<Initializer> params = List.copyOf(g.parameters());
        Map<Value, Value> grads = Gradients.ofParameters(g, total);
        Value lr = g.input(LR, DType.FLOAT, Shape.scalar());
        Value step = g.input(STEP, DType.FLOAT, Shape.scalar());
        try (Graph.Scope s = g.scope("optim")) {
            for (Initializer p : params) {
                Map<String, Value> state = new LinkedHashMap<>();
                for (String slot : optimizer.slots()) {
                    state.put(slot, g.input(stateInput(slot, p.name()), DType.FLOAT, p.value().shape()));
                }
                Map<String, Value> upd;
                try (Graph.Scope ps = g.scope(p.name())) {
                    upd = optimizer.update(g, p.value(), grads.get(p.value()), state, lr, step);
                }
                g.output(upd.get(""), newParam(p.name()));
                for (String slot : optimizer.slots()) {
                    g.output(upd.get(slot), stateOutput(slot, p.name()));
                }
            }
        }
        g.setParametersAsInputs(true);
        long[] imageShape = {batch, options.inChannels(), patch[0], patch[1], patch[2]};
        return new TrainStepGraph(g, params, List.copyOf(lossOutputs), optimizer, imageShape);
    }

    private static Value named(Graph g, String output) {
        for (Value v : g.outputs()) {
            if (v.name().equals(output)) {
                return v;
            }
        }
        throw new IllegalStateException("training graph has no output " + output);
    }

    /** Input name of slot {@code slot} of parameter {@code param}. */
    public static String stateInput(String slot, String param) {
        return "state/" + slot + "/" + param;
    }

    public static String stateOutput(String slot, String param) {
        return "new_state/" + slot + "/" + param;
    }

    public static String newParam(String param) {
        return "new/" + param;
    }

    public Graph graph() {
        return graph;
    }

    /** The parameters in graph order, with their initial values. */
    public List<Initializer> parameters() {
        return parameters;
    }

    /** {@value #LOSS} first, then {@code loss/<term>} for a compound loss. */
    public List<String> lossOutputs() {
        return lossOutputs;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public long[] imageShape() {
        return imageShape.clone();
    }

    public long[] labelShape() {
        return new long[] {imageShape[0], imageShape[2], imageShape[3], imageShape[4]};
    }
}
