package org.lossbench.core.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A typed, inspectable builder of ONNX graphs.
 *
 * <p>Every value has an element type and an inferred shape ({@link ShapeInference}); every node and
 * value gets a readable unique name built from the current {@link #scope(String) scope} (such as
 * {@code enc2/conv1}); the graph can be read back at any time as its list of {@link Node}s,
 * {@link Initializer}s, inputs and outputs, and more nodes can be appended afterwards. That is what
 * the reverse-mode differentiation of the training issue needs: it walks {@link #nodes()} backwards,
 * looks up {@link #value(String) value types} and {@link #initializer(String) constants}, and appends
 * gradient nodes with the same op methods. {@link OnnxSerializer} writes the graph at opset 17,
 * IR version 8.
 */
public final class Graph {
    private final String name;
    private final Map<String, Value> values = new LinkedHashMap<>();
    private final Map<String, Initializer> initializers = new LinkedHashMap<>();
    private final Map<String, Node> producers = new LinkedHashMap<>();
    private final List<Value> inputs = new ArrayList<>();
    private final List<Value> outputs = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Set<String> usedNames = new HashSet<>();
    private final Deque<String> scopes = new ArrayDeque<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private boolean parametersAsInputs;

    public Graph(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public String name() {
        return name;
    }

    // ---- scopes and names ---------------------------------------------------------------------

    /** A naming scope, closed with try-with-resources; scopes nest as {@code outer/inner}. */
    public final class Scope implements AutoCloseable {
        private Scope() {
        }

        @Override
        public void close() {
            scopes.pop();
        }
    }

    /** Opens a naming scope: values and nodes created inside are named {@code prefix/...}. */
    public Scope scope(String prefix) {
        scopes.push(scopes.isEmpty() ? prefix : scopes.peek() + "/" + prefix);
        return new Scope();
    }

    /** {@code base} under the current scope, made unique with a {@code _2}, {@code _3}... suffix. */
    public String uniqueName(String base) {
        String scoped = scopes.isEmpty() ? base : scopes.peek() + "/" + base;
        String candidate = scoped;
        for (int i = 2; usedNames.contains(candidate); i++) {
            candidate = scoped + "_" + i;
        }
        usedNames.add(candidate);
        return candidate;
    }

    private void claimExact(String exact) {
        if (!usedNames.add(exact)) {
            throw new IllegalArgumentException("name " + exact + " is already used in graph " + name);
        }
    }

    // ---- inputs, initializers, outputs --------------------------------------------------------

    /** A graph input with an exact (unscoped) name. */
    public Value input(String inputName, DType dtype, Shape shape) {
        claimExact(inputName);
        Value v = new Value(inputName, dtype, shape);
        values.put(inputName, v);
        inputs.add(v);
        return v;
    }

    /** A trainable initializer named {@code localName} under the current scope. */
    public Value parameter(String localName, Tensor tensor) {
        return addInitializer(uniqueName(localName), tensor, true);
    }

    /** A non-trainable initializer (shape vectors, slice bounds, epsilons). */
    public Value constant(String localName, Tensor tensor) {
        return addInitializer(uniqueName(localName), tensor, false);
    }

    private Value addInitializer(String fullName, Tensor tensor, boolean trainable) {
        Value v = new Value(fullName, tensor.dtype(), tensor.shape());
        values.put(fullName, v);
        initializers.put(fullName, new Initializer(v, tensor, trainable));
        return v;
    }

    /** Marks {@code v} as a graph output under its own name. */
    public Value output(Value v) {
        requireKnown(v);
        outputs.add(v);
        return v;
    }

    /** Marks {@code v} as a graph output named exactly {@code outputName} (through an Identity node when renamed). */
    public Value output(Value v, String outputName) {
        requireKnown(v);
        Value out = v.name().equals(outputName) ? v : emit("Identity", outputName, true, List.of(v), Map.of(), 1).get(0);
        outputs.add(out);
        return out;
    }

    /**
     * When set, the serialised model turns every trainable initializer into a plain graph input (no
     * stored value): a training step feeds the current parameters each run from its own (direct,
     * reused) buffers, starting from {@link #parameters()}' initial values. ONNX Runtime's Java API
     * cannot feed "overridable initializers" (initializers also listed as inputs), hence plain inputs.
     */
    public void setParametersAsInputs(boolean value) {
        parametersAsInputs = value;
    }

    public boolean parametersAsInputs() {
        return parametersAsInputs;
    }

    /** Free-form key/value metadata written into the model ({@code metadata_props}). */
    public void putMetadata(String key, String value) {
        metadata.put(key, value);
    }

    // ---- generic node creation ----------------------------------------------------------------

    /** Appends a single-output node whose output type is inferred; {@code null} inputs are omitted optional inputs. */
    public Value op(String opType, String localName, List<Value> in, Map<String, Attribute> attrs) {
        return emit(opType, localName, false, in, attrs, 1).get(0);
    }

    /**
     * Appends a single-output node whose output (and the node) is named exactly {@code outputName}, with
     * its type inferred: a value meant to be a graph output under that name, without the {@code Identity}
     * that {@link #output(Value, String)} adds to rename (a copy of the tensor in ONNX Runtime).
     */
    public Value opExact(String opType, String outputName, List<Value> in, Map<String, Attribute> attrs) {
        return emit(opType, outputName, true, in, attrs, 1).get(0);
    }

    /** Appends a node with {@code outputCount} inferred outputs. */
    public List<Value> opMulti(String opType, String localName, List<Value> in, Map<String, Attribute> attrs, int outputCount) {
        return emit(opType, localName, false, in, attrs, outputCount);
    }

    /**
     * Appends a node whose output types the caller states (for ops without an inference rule);
     * {@code outputTypes} holds one {@code (dtype, shape)} per output as {@link Value}s whose names are ignored.
     */
    public List<Value> opTyped(String opType, String localName, List<Value> in, Map<String, Attribute> attrs, List<Value> outputTypes) {
        String nodeName = uniqueName(localName == null ? opType.toLowerCase(java.util.Locale.ROOT) : localName);
        List<String> outNames = outputNames(nodeName, outputTypes.size());
        Node node = new Node(nodeName, opType, inputNames(in), outNames, attrs);
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < outputTypes.size(); i++) {
            out.add(new Value(outNames.get(i), outputTypes.get(i).dtype(), outputTypes.get(i).shape()));
        }
        register(node, out);
        return out;
    }

    private List<Value> emit(String opType, String nameBase, boolean exact, List<Value> in, Map<String, Attribute> attrs, int outputCount) {
        String nodeName;
        if (exact) {
            claimExact(nameBase);
            nodeName = nameBase;
        } else {
            nodeName = uniqueName(nameBase == null ? opType.toLowerCase(java.util.Locale.ROOT) : nameBase);
        }
        Node node = new Node(nodeName, opType, inputNames(in), outputNames(nodeName, outputCount), attrs);
        List<Value> out = ShapeInference.infer(node, in, n -> {
            Initializer init = initializers.get(n);
            if (init != null) {
                return init.tensor();
            }
            Node p = producers.get(n);
            return p != null && p.opType().equals("Constant")
                    ? ((Attribute.TensorValue) p.attributes().get("value")).value() : null;
        });
        register(node, out);
        return out;
    }

    private List<String> inputNames(List<Value> in) {
        List<String> names = new ArrayList<>();
        for (Value v : in) {
            if (v == null) {
                names.add("");
            } else {
                requireKnown(v);
                names.add(v.name());
            }
        }
        return names;
    }

    private List<String> outputNames(String nodeName, int count) {
        List<String> names = new ArrayList<>();
        names.add(nodeName);
        for (int i = 1; i < count; i++) {
            String n = nodeName + ":" + i;
            claimExact(n);
            names.add(n);
        }
        return names;
    }

    private void register(Node node, List<Value> out) {
        nodes.add(node);
        for (Value v : out) {
            values.put(v.name(), v);
            producers.put(v.name(), node);
        }
    }

    private void requireKnown(Value v) {
        Value known = values.get(v.name());
        if (known == null) {
            throw new IllegalArgumentException("value " + v.name() + " does not belong to graph " + name);
        }
    }

    // ---- typed ops ----------------------------------------------------------------------------

    /** {@code Conv} with explicit geometry; {@code bias} may be null. */
    public Value conv(String localName, Value x, Value weight, Value bias, ConvSpec spec) {
        Map<String, Attribute> a = new LinkedHashMap<>();
        a.put("kernel_shape", Attribute.ints(kernel(weight)));
        a.put("strides", Attribute.ints(spec.strides()));
        a.put("pads", Attribute.ints(spec.pads()));
        a.put("dilations", Attribute.ints(spec.dilations()));
        a.put("group", Attribute.of(spec.group()));
        return op("Conv", localName, bias == null ? List.of(x, weight) : List.of(x, weight, bias), a);
    }

    /** {@code ConvTranspose} with explicit pads and output_padding (never {@code auto_pad} or {@code output_shape}). */
    public Value convTranspose(String localName, Value x, Value weight, Value bias, ConvSpec spec) {
        Map<String, Attribute> a = new LinkedHashMap<>();
        a.put("kernel_shape", Attribute.ints(kernel(weight)));
        a.put("strides", Attribute.ints(spec.strides()));
        a.put("pads", Attribute.ints(spec.pads()));
        a.put("output_padding", Attribute.ints(spec.outputPadding()));
        a.put("dilations", Attribute.ints(spec.dilations()));
        a.put("group", Attribute.of(spec.group()));
        return op("ConvTranspose", localName, bias == null ? List.of(x, weight) : List.of(x, weight, bias), a);
    }

    private static long[] kernel(Value weight) {
        long[] d = weight.shape().dims();
        long[] k = new long[d.length - 2];
        System.arraycopy(d, 2, k, 0, k.length);
        return k;
    }

    /** {@code PRelu}: {@code x >= 0 ? x : slope * x}, the slope broadcast against x. */
    public Value prelu(String localName, Value x, Value slope) {
        return op("PRelu", localName, List.of(x, slope), Map.of());
    }

    public Value relu(String localName, Value x) {
        return op("Relu", localName, List.of(x), Map.of());
    }

    public Value add(String localName, Value a, Value b) {
        return op("Add", localName, List.of(a, b), Map.of());
    }

    public Value sub(String localName, Value a, Value b) {
        return op("Sub", localName, List.of(a, b), Map.of());
    }

    public Value mul(String localName, Value a, Value b) {
        return op("Mul", localName, List.of(a, b), Map.of());
    }

    public Value div(String localName, Value a, Value b) {
        return op("Div", localName, List.of(a, b), Map.of());
    }

    /** {@code Concat} along {@code axis}. */
    public Value concat(String localName, int axis, List<Value> parts) {
        return op("Concat", localName, parts, Map.of("axis", Attribute.of(axis)));
    }

    /** {@code Slice} with constant bounds along the given axes (step 1). */
    public Value slice(String localName, Value x, long[] starts, long[] ends, long[] axes) {
        String base = localName == null ? "slice" : localName;
        Value s = constant(base + ".starts", Tensor.vector(starts));
        Value e = constant(base + ".ends", Tensor.vector(ends));
        Value a = constant(base + ".axes", Tensor.vector(axes));
        return op("Slice", localName, List.of(x, s, e, a), Map.of());
    }

    /** {@code Reshape} to a constant target ({@code 0} copies a dimension, {@code -1} is inferred). */
    public Value reshape(String localName, Value x, long... target) {
        Value t = constant((localName == null ? "reshape" : localName) + ".shape", Tensor.vector(target));
        return op("Reshape", localName, List.of(x, t), Map.of());
    }

    /** Constant zero {@code Pad}: {@code pads = [begin_1..begin_n, end_1..end_n]}. */
    public Value pad(String localName, Value x, long... pads) {
        Value p = constant((localName == null ? "pad" : localName) + ".pads", Tensor.vector(pads));
        return op("Pad", localName, List.of(x, p), Map.of());
    }

    public Value transpose(String localName, Value x, long... perm) {
        return op("Transpose", localName, List.of(x), Map.of("perm", Attribute.ints(perm)));
    }

    public Value softmax(String localName, Value x, int axis) {
        return op("Softmax", localName, List.of(x), Map.of("axis", Attribute.of(axis)));
    }

    /** {@code InstanceNormalization}: per sample and channel, {@code scale * (x - mean) / sqrt(var + eps) + bias}. */
    public Value instanceNorm(String localName, Value x, Value scale, Value bias, float epsilon) {
        return op("InstanceNormalization", localName, List.of(x, scale, bias), Map.of("epsilon", Attribute.of(epsilon)));
    }

    /** {@code ReduceSum} over constant axes (an input since opset 13). */
    public Value reduceSum(String localName, Value x, boolean keepDims, long... axes) {
        Value a = constant((localName == null ? "reducesum" : localName) + ".axes", Tensor.vector(axes));
        return op("ReduceSum", localName, List.of(x, a), Map.of("keepdims", Attribute.of(keepDims ? 1 : 0)));
    }

    /** {@code ReduceMean} over axes (an attribute at opset 17). */
    public Value reduceMean(String localName, Value x, boolean keepDims, long... axes) {
        return op("ReduceMean", localName, List.of(x), Map.of("axes", Attribute.ints(axes), "keepdims", Attribute.of(keepDims ? 1 : 0)));
    }

    // ---- inspection ---------------------------------------------------------------------------

    /** Nodes in insertion (topological) order; an unmodifiable live view. */
    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    public List<Value> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    public List<Value> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    /** Initializers in creation order. */
    public List<Initializer> initializers() {
        return List.copyOf(initializers.values());
    }

    /** The initializer named {@code valueName}, or null. */
    public Initializer initializer(String valueName) {
        return initializers.get(valueName);
    }

    /** The trainable initializers. */
    public List<Initializer> parameters() {
        return initializers.values().stream().filter(Initializer::trainable).toList();
    }

    /** Total element count of the trainable initializers. */
    public long parameterCount() {
        return parameters().stream().mapToLong(i -> i.tensor().size()).sum();
    }

    /** The value named {@code valueName}, with its type and shape. */
    public Value value(String valueName) {
        Value v = values.get(valueName);
        if (v == null) {
            throw new IllegalArgumentException("no value " + valueName + " in graph " + name);
        }
        return v;
    }

    /** The node producing {@code valueName}, or null for inputs and initializers. */
    public Node producer(String valueName) {
        return producers.get(valueName);
    }

    /** The nodes reading {@code valueName}, in order. */
    public List<Node> consumers(String valueName) {
        return nodes.stream().filter(n -> n.inputs().contains(valueName)).toList();
    }

    /**
     * The names of the nodes {@code node} depends on, directly or through other nodes (itself left out):
     * the nodes ONNX Runtime must run before it.
     */
    public Set<String> ancestors(Node node) {
        Set<String> seen = new HashSet<>();
        Deque<Node> todo = new ArrayDeque<>(List.of(node));
        while (!todo.isEmpty()) {
            for (String in : todo.pop().inputs()) {
                Node p = producer(in);
                if (p != null && seen.add(p.name())) {
                    todo.push(p);
                }
            }
        }
        return seen;
    }

    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(metadata);
    }
}
