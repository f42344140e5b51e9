package org.lossbench.models.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Initializer;
import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Tensor;
import org.lossbench.core.graph.Value;
import org.lossbench.core.graph.grad.Gradients;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.losses.graph.LossGraphContext;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;

/**
 * The training step as two ONNX graphs: the <b>gradient graph</b>, model forward (training variant) +
 * loss + its gradient with respect to every parameter ({@link Gradients#ofParameters}), and the
 * <b>update graph</b>, the optimiser's update of every parameter and state slot from those gradients.
 *
 * <p>Gradient graph inputs: {@value #IMAGE} float {@code [N, C_in, D, H, W]}, {@value #LABELS} int64
 * {@code [N, D, H, W]}, and every parameter under its own name (the graph's parameters are plain
 * inputs, {@link Graph#setParametersAsInputs}). Outputs: {@value #LOSS} (the total that is
 * differentiated), {@code loss/<term>} for each term of a compound loss (at full resolution,
 * unweighted), and the gradient of every parameter ({@link #gradientOutputs()}).
 *
 * <p>Update graph inputs: every parameter, every optimiser slot as {@code state/<slot>/<param>}, every
 * gradient, and {@value #LR} and {@value #STEP} (1-based) float scalars. Outputs:
 * {@code new/<param>} and {@code new_state/<slot>/<param>}.
 *
 * <p><b>Updated in place.</b> {@link TrainStepSession} pins each {@code new/...} output to the very
 * buffer its input is read from, so parameters and state exist once (PyTorch's footprint: parameters,
 * gradients and state). That is only correct when no node reads an input after its new value has
 * been written, which {@link #build} checks for every (input, output) pair
 * ({@link #checkInPlaceSafe}): every node that reads {@code p} must be an ancestor of (or be) the node
 * that writes {@code new/p}. The update rules of {@link Sgd} and {@link Adam} are element-wise, so the
 * writer reads index {@code i} before it writes index {@code i}.
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
    private final Graph update;
    private final List<Initializer> parameters;
    private final List<String> gradientOutputs;
    private final List<String> lossOutputs;
    private final Optimizer optimizer;
    private final long[] imageShape;

    private TrainStepGraph(Graph graph, Graph update, List<Initializer> parameters, List<String> gradientOutputs, List<String> lossOutputs,
                           Optimizer optimizer, long[] imageShape) {
        this.graph = graph;
        this.update = update;
        this.gradientOutputs = gradientOutputs;
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
        List<String> gradientOutputs = new ArrayList<>();
        for (Initializer p : params) {
            Value grad = grads.get(p.value());
            // under its own name where a node computes it: an Identity to rename it would make ONNX Runtime
            // hold every gradient twice (the node's result in its arena, the copy in the output buffer)
            gradientOutputs.add((g.producer(grad.name()) != null ? g.output(grad) : g.output(grad, "gradient/" + p.name())).name());
        }
        g.setParametersAsInputs(true);
        Graph update = updateGraph(g.name() + "-update", params, gradientOutputs, optimizer);
        long[] imageShape = {batch, options.inChannels(), patch[0], patch[1], patch[2]};
        return new TrainStepGraph(g, update, params, List.copyOf(gradientOutputs), List.copyOf(lossOutputs), optimizer, imageShape);
    }

    @SuppressWarnings("try") // scopes only name the nodes
    private static Graph updateGraph(String name, List<Initializer> params, List<String> gradientOutputs, Optimizer optimizer) {
        Graph u = new Graph(name);
        Value lr = u.input(LR, DType.FLOAT, Shape.scalar());
        Value step = u.input(STEP, DType.FLOAT, Shape.scalar());
        try (Graph.Scope s = u.scope("optim")) {
            for (int i = 0; i < params.size(); i++) {
                Initializer p = params.get(i);
                Value param = u.input(p.name(), DType.FLOAT, p.value().shape());
                Value grad = u.input(gradientOutputs.get(i), DType.FLOAT, p.value().shape());
                Map<String, Value> state = new LinkedHashMap<>();
                for (String slot : optimizer.slots()) {
                    state.put(slot, u.input(stateInput(slot, p.name()), DType.FLOAT, p.value().shape()));
                }
                Map<String, String> names = new LinkedHashMap<>();
                names.put("", newParam(p.name()));
                for (String slot : optimizer.slots()) {
                    names.put(slot, stateOutput(slot, p.name()));
                }
                Map<String, Value> upd;
                try (Graph.Scope ps = u.scope(p.name())) {
                    upd = optimizer.update(u, param, grad, state, lr, step, names);
                }
                u.output(upd.get(""), newParam(p.name())); // already so named: no Identity
                checkInPlaceSafe(u, p.name(), newParam(p.name()));
                for (String slot : optimizer.slots()) {
                    u.output(upd.get(slot), stateOutput(slot, p.name()));
                    checkInPlaceSafe(u, stateInput(slot, p.name()), stateOutput(slot, p.name()));
                }
            }
        }
        return u;
    }

    /**
     * Throws unless output {@code out} may be written into the buffer of input {@code in}: every node
     * reading {@code in} is the node producing {@code out} or one of its ancestors, so it has run before
     * {@code out} is written (ONNX Runtime runs a node only after all of its inputs exist).
     */
    static void checkInPlaceSafe(Graph g, String in, String out) {
        Node writer = g.producer(out);
        Set<String> ancestors = g.ancestors(writer);
        ancestors.add(writer.name());
        for (Node reader : g.consumers(in)) {
            if (!ancestors.contains(reader.name())) {
                throw new IllegalStateException("update of " + in + " cannot run in place: node " + reader.name()
                        + " reads it but need not run before " + out + " is written");
            }
        }
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

    /** The gradient graph: forward, loss and the gradient of every parameter. */
    public Graph graph() {
        return graph;
    }

    /** The update graph: the optimiser's new parameters and state from the gradients. */
    public Graph update() {
        return update;
    }

    /**
     * The gradient graph's output (and update graph's input) holding the gradient of each parameter, in
     * {@link #parameters()} order: the name of the value the backward pass computes it in.
     */
    public List<String> gradientOutputs() {
        return gradientOutputs;
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
