package org.lossbench.models.train;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lossbench.core.graph.Attribute;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.DataDependency;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.PatchConv;
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
 * The training step as one ONNX graph: the model's forward pass (training variant), the loss, its gradient with
 * respect to every parameter ({@link Gradients#ofParameters}) and the optimiser's update of every parameter and
 * state slot from those gradients. The forward pass's kernel = stride transposed convolutions (V-Net's up-sampling)
 * run as matrix products ({@link PatchConv#lowerTransposed}: 2.3 to 2.7 times faster in ONNX Runtime, the same
 * parameters), so the step differs from the exported model in float rounding only.
 *
 * <p>Inputs: {@value #IMAGE} float {@code [N, C_in, D, H, W]}, {@value #LABELS} int64 {@code [N, D, H, W]}, every
 * parameter under its own name (the graph's parameters are plain inputs, {@link Graph#setParametersAsInputs}),
 * every optimiser slot as {@code state/<slot>/<param>}, and {@value #LR} and {@value #STEP} (1-based) float
 * scalars. Outputs: {@value #LOSS} (the total that is differentiated), {@code loss/<term>} for each term of a
 * compound loss (at full resolution, unweighted), {@code new/<param>} and {@code new_state/<slot>/<param>}, and
 * the model's own outputs (never fetched).
 *
 * <p><b>One graph, so gradients are never all alive at once.</b> A gradient is an intermediate value that the
 * update consumes as soon as the backward pass has computed it, and ONNX Runtime frees it then; with the update
 * in a second graph every gradient had to be an output, all of them held together in buffers of their own
 * (260 MB for vnet's 65 M parameters; docs/training.md). PyTorch's autograd, too, holds every {@code .grad}
 * until {@code optimizer.step()}.
 *
 * <p><b>Updated in place.</b> {@link TrainStepSession} pins each {@code new/...} output to the very buffer its
 * input is read from, so parameters and state exist once. That is only correct when no node reads an input
 * after its new value has been written, which {@link #build} checks for every (input, output) pair
 * ({@link #checkInPlaceSafe}): every node that reads {@code p} must be an ancestor of (or be) the node that
 * writes {@code new/p}, where a node reading a view of {@code p} ({@link #ALIASING}) reads {@code p} ({@link #readers}).
 * The forward pass is an ancestor of every gradient; the backward pass's other readers of a weight (an input
 * gradient's flipped kernel, a strided convolution's transposed one, a view's readers) are not, so the
 * update of that weight takes its learning rate as {@code lr + 0}, the 0 computed from each such reader's
 * output ({@link DataDependency}): it runs only once they have. The update rules of {@link Sgd} and
 * {@link Adam} are element-wise, so the writer reads index {@code i} before it writes index {@code i}.
 *
 * <p><b>A non-finite step is not undone.</b> The update runs in the same pass as the loss, so a step whose loss
 * is NaN or infinite has already written its parameters when its loss is read, as in PyTorch;
 * {@link TrainStepSession} then refuses to go on, and {@link Trainer} stops at the last good checkpoint.
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
    /**
     * Ops whose ONNX Runtime CPU kernels may return their input's buffer as their output (a view, no copy), so that
     * the nodes reading their output read the input's memory.
     */
    static final Set<String> ALIASING = Set.of("Reshape", "Squeeze", "Unsqueeze", "Flatten", "Identity");
    /**
     * Ops that ONNX Runtime's graph optimiser may fold into their consumers, which then read the op's input
     * directly: a {@code Transpose} feeding a {@code MatMul} becomes the {@code transA}/{@code transB} of a
     * {@code FusedMatMul} (extended level), even when the {@code Transpose} has other consumers. Found by
     * {@code TorchStepTest} when up-sampling became a {@code MatMul} ({@link PatchConv}): the fused product read the
     * weight after its update.
     */
    static final Set<String> FOLDED_INTO_CONSUMERS = Set.of("Transpose");

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
        Graph g = PatchConv.lowerTransposed(arch.buildTraining(options, batch, patch));
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
        g.setParametersAsInputs(true);
        Value lr = g.input(LR, DType.FLOAT, Shape.scalar());
        Value step = g.input(STEP, DType.FLOAT, Shape.scalar());
        try (Graph.Scope s = g.scope("optim")) {
            for (Initializer p : params) {
                update(g, p, grads.get(p.value()), lr, step, optimizer);
            }
        }
        long[] imageShape = {batch, options.inChannels(), patch[0], patch[1], patch[2]};
        return new TrainStepGraph(g, params, List.copyOf(lossOutputs), optimizer, imageShape);
    }

    /** Appends the update of {@code p} from its gradient {@code grad}, its new value and state as graph outputs. */
    @SuppressWarnings("try") // scopes only name the nodes
    private static void update(Graph g, Initializer p, Value grad, Value lr, Value step, Optimizer optimizer) {
        Map<String, Value> state = new LinkedHashMap<>();
        for (String slot : optimizer.slots()) {
            state.put(slot, g.input(stateInput(slot, p.name()), DType.FLOAT, p.value().shape()));
        }
        Map<String, String> names = new LinkedHashMap<>();
        names.put("", newParam(p.name()));
        for (String slot : optimizer.slots()) {
            names.put(slot, stateOutput(slot, p.name()));
        }
        Map<String, Value> upd;
        try (Graph.Scope ps = g.scope(p.name())) {
            upd = optimizer.update(g, p.value(), grad, state, afterEveryReader(g, p.name(), grad, lr), step, names);
        }
        g.output(upd.get(""), newParam(p.name())); // already so named: no Identity
        checkInPlaceSafe(g, p.name(), newParam(p.name()));
        for (String slot : optimizer.slots()) {
            g.output(upd.get(slot), stateOutput(slot, p.name()));
            checkInPlaceSafe(g, stateInput(slot, p.name()), stateOutput(slot, p.name()));
        }
    }

    /**
     * {@code lr}, or {@code lr + 0} computed after every node that reads {@code param} but does not precede
     * {@code grad} (so need not precede an update computed from {@code grad}): the update of {@code param} takes
     * it as its learning rate and so waits for those readers.
     */
    private static Value afterEveryReader(Graph g, String param, Value grad, Value lr) {
        Node gradProducer = g.producer(grad.name());
        Set<String> before = gradProducer == null ? new HashSet<>() : g.ancestors(gradProducer);
        if (gradProducer != null) {
            before.add(gradProducer.name());
        }
        Value zero = null;
        for (Node reader : readers(g, param)) {
            if (!before.contains(reader.name())) {
                Value z = DataDependency.zeroAfter(g, "after_read", g.value(reader.outputs().get(0)));
                zero = zero == null ? z : g.add("after_reads", zero, z);
            }
        }
        if (zero == null) {
            return lr;
        }
        Value asFloat = g.opTyped("Cast", "after_reads_float", List.of(zero), Map.of("to", Attribute.of((long) DType.FLOAT.onnxCode())),
                List.of(new Value("typed", DType.FLOAT, Shape.scalar()))).get(0);
        return g.add("lr_after_reads", lr, asFloat);
    }

    /**
     * The nodes that read the memory of value {@code name}: its consumers, and through each consumer that ONNX
     * Runtime may run as a view of its input ({@link #ALIASING}: the output shares the input's buffer), that
     * consumer's readers in turn. The aliasing nodes themselves are left out: they read no element. The consumers of
     * a consumer that may be folded into them ({@link #FOLDED_INTO_CONSUMERS}) count as readers too.
     */
    static List<Node> readers(Graph g, String name) {
        List<Node> out = new ArrayList<>();
        for (Node c : g.consumers(name)) {
            if (ALIASING.contains(c.opType())) {
                for (String o : c.outputs()) {
                    out.addAll(readers(g, o));
                }
            } else {
                out.add(c);
                if (FOLDED_INTO_CONSUMERS.contains(c.opType())) {
                    out.addAll(g.consumers(c.output()));
                }
            }
        }
        return out;
    }

    /**
     * Throws unless output {@code out} may be written into the buffer of input {@code in}: every node
     * reading {@code in} ({@link #readers}, views of it included) is the node producing {@code out} or one of its ancestors, so it has run before
     * {@code out} is written (ONNX Runtime runs a node only after all of its inputs exist).
     */
    static void checkInPlaceSafe(Graph g, String in, String out) {
        Node writer = g.producer(out);
        Set<String> ancestors = g.ancestors(writer);
        ancestors.add(writer.name());
        for (Node reader : readers(g, in)) {
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

    /** The step graph: forward, loss, gradients and update. */
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
