package org.lossbench.core.graph.grad;

import java.util.HashMap;
import java.util.HashSet;
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

/**
 * Reverse-mode differentiation of a {@link Graph}: appends the nodes that compute the gradient of a
 * scalar loss with respect to chosen values (parameters, graph inputs or intermediates), using
 * standard opset-17 ONNX ops only, so that ONNX Runtime's inference build runs them.
 *
 * <p>The pass (Griewank and Walther, <i>Evaluating Derivatives</i>, 2008, ch. 3):
 * <ol>
 *   <li>forward, in node order, marks the float values that depend on a requested value; the
 *       outputs of ops without a gradient (comparisons, Cast to or from a non-float type, Shape,
 *       ArgMax, OneHot, Sign, Floor...) and non-float values never do;</li>
 *   <li>backward from the loss, marks the values the loss depends on; a node is on the path when one
 *       of its outputs is marked both ways;</li>
 *   <li>seeds {@code dL/dL = 1} and walks the nodes on the path in reverse order, applying each op's
 *       {@link GradRule}; a value read by several nodes (or twice by one) gets the sum of the
 *       contributions, accumulated with {@code Add}.</li>
 * </ol>
 * An op on the path without a rule is a {@link GradientException} naming the op and the node. A
 * requested value the loss does not depend on gets a zero gradient ({@code ConstantOfShape}).
 * Gradient nodes are named after the forward node under the scope {@code grad}, such as
 * {@code grad/enc1/conv0.dw}.
 */
public final class Gradients {
    private Gradients() {
    }

    /** The gradient of {@code loss} with respect to every trainable initializer of {@code graph}, by parameter. */
    public static Map<Value, Value> ofParameters(Graph graph, Value loss) {
        return of(graph, loss, graph.parameters().stream().map(Initializer::value).toList());
    }

    /**
     * Appends to {@code graph} the gradient of the scalar (single-element) float {@code loss} with
     * respect to each of {@code wrt}.
     *
     * @return the gradient value of each requested value, in the order of {@code wrt}; each has its
     *         value's shape
     */
    @SuppressWarnings("try") // the naming scope is opened and closed, never referenced
    public static Map<Value, Value> of(Graph graph, Value loss, List<Value> wrt) {
        checkLoss(graph, loss);
        Set<String> requested = new HashSet<>();
        for (Value w : wrt) {
            Value known = graph.value(w.name());
            if (known.dtype() != DType.FLOAT) {
                throw new GradientException("cannot differentiate with respect to " + w + ": only float32 values have gradients");
            }
            requested.add(w.name());
        }
        List<Node> forward = List.copyOf(graph.nodes());
        Set<String> dependent = dependents(graph, forward, requested);
        Set<String> onPath = lossAncestors(forward, loss.name(), dependent);
        GradContext ctx = new GradContext(graph);
        Map<String, Value> grads = new HashMap<>();
        try (Graph.Scope scope = graph.scope("grad")) {
            if (dependent.contains(loss.name())) {
                grads.put(loss.name(), graph.constant(loss.name() + ".seed", ones(loss.shape())));
                walk(ctx, forward, onPath, grads, loss.name());
            }
            Map<Value, Value> result = new LinkedHashMap<>();
            for (Value w : wrt) {
                Value v = graph.value(w.name());
                Value grad = grads.get(v.name());
                if (grad == null) {
                    grad = ctx.zerosLike(v, v.name());
                }
                result.put(w, grad);
            }
            return result;
        }
    }

    private static void checkLoss(Graph graph, Value loss) {
        Value v = graph.value(loss.name());
        if (v.dtype() != DType.FLOAT) {
            throw new GradientException("the loss " + v + " must be float32");
        }
        if (!v.shape().isFullyKnown() || v.shape().elementCount() != 1) {
            throw new GradientException("the loss " + v + " must be a scalar (one element, static shape), got shape " + v.shape());
        }
    }

    private static Tensor ones(Shape shape) {
        return Tensor.floats(shape.dims(), new float[] {1f});
    }

    /** Float values that depend on a requested value through ops with a gradient. */
    private static Set<String> dependents(Graph graph, List<Node> forward, Set<String> requested) {
        Set<String> dependent = new HashSet<>(requested);
        for (Node n : forward) {
            if (GradRules.hasNoGradient(n, graph) || n.inputs().stream().noneMatch(dependent::contains)) {
                continue;
            }
            for (String out : n.outputs()) {
                if (graph.value(out).dtype() == DType.FLOAT) {
                    dependent.add(out);
                }
            }
        }
        return dependent;
    }

    /** Dependent values that the loss depends on. */
    private static Set<String> lossAncestors(List<Node> forward, String loss, Set<String> dependent) {
        Set<String> marked = new HashSet<>();
        if (dependent.contains(loss)) {
            marked.add(loss);
        }
        for (int i = forward.size() - 1; i >= 0; i--) {
            Node n = forward.get(i);
            if (n.outputs().stream().anyMatch(marked::contains)) {
                for (String in : n.inputs()) {
                    if (dependent.contains(in)) {
                        marked.add(in);
                    }
                }
            }
        }
        return marked;
    }

    private static void walk(GradContext ctx, List<Node> forward, Set<String> onPath, Map<String, Value> grads, String loss) {
        Graph graph = ctx.graph();
        for (int i = forward.size() - 1; i >= 0; i--) {
            Node n = forward.get(i);
            Value[] outGrads = new Value[n.outputs().size()];
            boolean any = false;
            for (int o = 0; o < outGrads.length; o++) {
                String out = n.outputs().get(o);
                outGrads[o] = onPath.contains(out) ? grads.get(out) : null;
                any |= outGrads[o] != null;
            }
            if (!any) {
                continue;
            }
            boolean[] needs = new boolean[n.inputs().size()];
            boolean needsAny = false;
            for (int k = 0; k < needs.length; k++) {
                needs[k] = onPath.contains(n.input(k));
                needsAny |= needs[k];
            }
            if (!needsAny) {
                continue;
            }
            GradRule rule = GradRules.forOp(n.opType());
            if (rule == null) {
                throw new GradientException("no gradient rule for op " + n.opType() + " (node '" + n.name()
                        + "'), which lies on the path from the loss " + loss + " to a requested value; rules exist for "
                        + GradRules.supportedOps());
            }
            Value[] inGrads = rule.backward(ctx, n, outGrads, needs);
            for (int k = 0; k < needs.length; k++) {
                if (!needs[k] || inGrads[k] == null) {
                    continue;
                }
                Value input = graph.value(n.input(k));
                checkShape(n, input, inGrads[k]);
                grads.merge(input.name(), inGrads[k], (a, b) -> graph.add(input.name() + ".grad_sum", a, b));
            }
        }
    }

    /** Self-check of every rule: the gradient has its input's rank and, where both are known, its sizes. */
    private static void checkShape(Node n, Value input, Value grad) {
        Shape a = input.shape();
        Shape b = grad.shape();
        boolean ok = a.rank() == b.rank();
        for (int d = 0; ok && d < a.rank(); d++) {
            ok = !a.isKnown(d) || !b.isKnown(d) || a.dim(d) == b.dim(d);
        }
        if (!ok) {
            throw new GradientException("internal error: the " + n.opType() + " rule gave gradient " + b + " for input "
                    + input + " of node '" + n.name() + "'");
        }
    }
}
