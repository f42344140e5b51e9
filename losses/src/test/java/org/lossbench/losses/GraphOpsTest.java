package org.lossbench.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.Shape;
import org.lossbench.losses.check.LossGraphs;

/**
 * The graph forms use, on every path from the logits to the loss, only ops whose derivative the
 * training issue's differentiation supports (standard opset 17); label-only subgraphs (one-hot,
 * class weights, counts) and the integer or boolean side inputs of TopK and Where (the element count,
 * a comparison) may use ops without a derivative. Shared subgraphs are built once.
 */
class GraphOpsTest {
    static final Set<String> DIFFERENTIABLE = Set.of("Slice", "Max", "Mul", "Add", "Sub", "Div", "Pow", "Neg",
            "Exp", "Log", "Abs", "Min", "Clip", "ReduceSum", "ReduceMean", "Reshape", "TopK", "Where", "Identity");
    /** Ops whose outputs carry no derivative (shapes, comparisons): the logits' influence stops there. */
    static final Set<String> NO_GRADIENT = Set.of("Shape", "Less", "Greater", "Equal", "Cast");

    @ParameterizedTest
    @ValueSource(strings = {"ce:weight=[1,2,3]", "topk", "dice:include_background=false", "dice-vnet", "generalized-dice",
            "generalized-dice:w_type=uniform", "focal:alpha=0.25", "focal:activation=sigmoid,alpha=[0.2,0.3,0.5]", "exp-log",
            "tversky", "focal-tversky", "dice+ce", "dice+focal", "dice+topk"})
    void logitPathsUseDifferentiableOpsOnly(String spec) {
        Graph g = LossGraphs.standalone(CompoundLoss.parse(spec), 3);
        Set<String> dependsOnLogits = new HashSet<>(Set.of(LossGraphs.LOGITS));
        Set<String> used = new TreeSet<>();
        for (Node n : g.nodes()) {
            if (n.inputs().stream().anyMatch(dependsOnLogits::contains) && !NO_GRADIENT.contains(n.opType())) {
                dependsOnLogits.addAll(n.outputs());
                used.add(n.opType());
            }
        }
        Set<String> extra = new TreeSet<>(used);
        extra.removeAll(DIFFERENTIABLE);
        assertTrue(extra.isEmpty(), spec + " uses " + extra + " on a path from the logits");
        assertTrue(dependsOnLogits.contains(g.outputs().get(0).name()), "the loss depends on the logits");
        assertEquals(Shape.scalar(), g.outputs().get(0).shape());
    }

    @Test
    void sharedSubgraphsAreBuiltOnce() {
        Graph g = LossGraphs.standalone(CompoundLoss.parse(
                "dice+ce+focal+exp-log+tversky:include_background=false+dice-vnet"), 4);
        assertEquals(1, g.nodes().stream().filter(n -> n.opType().equals("Equal")).count(), "one-hot labels");
        // softmax and log-softmax share one class maximum, one exp and one sum over the classes
        for (String name : List.of("logit_max", "exp_shifted", "exp_sum")) {
            assertEquals(1, g.nodes().stream().filter(n -> n.name().endsWith("/" + name)).count(), name);
        }
        // the foreground of the probabilities and of the one-hot labels: one Slice each
        assertEquals(2, g.nodes().stream().filter(n -> n.name().matches(".*/fg(_[0-9]+)?")).count());
        assertEquals(List.of("loss", "loss/dice", "loss/ce", "loss/focal", "loss/exp-log", "loss/tversky", "loss/dice-vnet"),
                g.outputs().stream().map(v -> v.name()).toList());
    }
}
