package org.lossbench.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Initializer;
import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Tensor;
import org.lossbench.core.graph.Value;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;

/** The step graph's interface: inputs, outputs and their shapes, the deep-supervision heads, and the order of its in-place writes. */
class TrainStepGraphTest {
    @Test
    void vnetLiteStepGraphHasEveryParameterStateAndLossOutput() {
        TrainStepGraph g = TrainStepGraph.build(Architecture.VNET_LITE, new ArchOptions(2, 3, 3, 2, 4, 0), 3, new int[] {16, 16, 8},
                CompoundLoss.parse("dice+focal"), Optimizer.parse("adam"));
        Set<String> in = names(g.graph().inputs());
        Set<String> out = names(g.graph().outputs());
        assertEquals(List.of("loss", "loss/dice", "loss/focal"), g.lossOutputs());
        assertTrue(in.containsAll(List.of("image", "labels", "lr", "step")));
        assertEquals(List.of(3L, 2L, 16L, 16L, 8L), toList(g.graph().value("image").shape().dims()));
        assertEquals(List.of(3L, 16L, 16L, 8L), toList(g.graph().value("labels").shape().dims()));
        // depth 3: deep-supervision heads on decoder stages 2 and 1, each a trained parameter
        assertTrue(g.parameters().stream().anyMatch(p -> p.name().equals("dec2/ds_head/weight")));
        assertTrue(g.parameters().stream().anyMatch(p -> p.name().equals("dec1/ds_head/weight")));
        for (Initializer p : g.parameters()) {
            assertEquals(p.value().shape(), g.graph().value("new/" + p.name()).shape());
            for (String slot : List.of("m", "v")) {
                assertTrue(in.contains("state/" + slot + "/" + p.name()), p.name());
                assertEquals(p.value().shape(), g.graph().value("new_state/" + slot + "/" + p.name()).shape());
            }
        }
        // the model's own outputs logits, logits_ds1, logits_ds2 (kept, never fetched by the session), the losses, then the
        // new parameters and state; no gradient is an output, so none outlives the update that consumes it
        assertTrue(out.containsAll(List.of("logits", "logits_ds1", "logits_ds2")));
        assertEquals(3 + g.lossOutputs().size() + 3 * g.parameters().size(), g.graph().outputs().size());
        // every new value is written by the update's own last node, not copied by an Identity into the output
        for (Value o : g.graph().outputs()) {
            if (o.name().startsWith("new")) {
                assertFalse(g.graph().producer(o.name()).opType().equals("Identity"), o.name());
            }
        }
        // parameters stay initializers and become plain inputs when the graph is serialised
        assertTrue(g.graph().parametersAsInputs());
        assertEquals(4 + 2 * g.parameters().size(), g.graph().inputs().size());
    }

    /**
     * A weight that the backward pass reads outside the gradient's ancestry (the flipped kernel of an input gradient) is
     * overwritten only after that read: every reader of a weight is an ancestor of the node that writes its new value
     * (for the flipped kernels, through the update's learning rate, which waits for them).
     */
    @Test
    void anUpdateWaitsForTheBackwardReadersOfItsWeight() {
        TrainStepGraph g = TrainStepGraph.build(Architecture.VNET_TINY, ArchOptions.defaults(), 1, new int[] {16, 16, 16},
                CompoundLoss.parse("dice"), Optimizer.parse("sgd:momentum=0.9"));
        int waiting = 0;
        for (Initializer p : g.parameters()) {
            Node writer = g.graph().producer("new/" + p.name());
            Set<String> before = g.graph().ancestors(writer);
            for (Node reader : g.graph().consumers(p.name())) {
                assertTrue(reader == writer || before.contains(reader.name()), reader.name() + " may read " + p.name() + " after its update");
                if (reader.name().endsWith(".w_flip")) {
                    waiting++;
                }
            }
        }
        assertTrue(waiting > 0, "vnet-tiny's convolutions after the first have input gradients with flipped kernels");
    }

    @Test
    void inPlaceCheckRefusesAReadThatMayComeAfterTheWrite() {
        Graph u = new Graph("unsafe");
        Value p = u.input("p", DType.FLOAT, Shape.of(4));
        Value grad = u.input("gradient/p", DType.FLOAT, Shape.of(4));
        u.output(u.sub("param", p, grad), "new/p");
        TrainStepGraph.checkInPlaceSafe(u, "p", "new/p"); // p is read only by the writer's ancestors
        // a second reader of p that the write does not wait for: ONNX Runtime may run it after new/p overwrote p
        u.output(u.mul("scaled", p, grad), "other");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TrainStepGraph.checkInPlaceSafe(u, "p", "new/p"));
        assertTrue(e.getMessage().contains("scaled"), e.getMessage());
    }

    /** A Reshape may be a view of its input in ONNX Runtime: whoever reads the view reads the input's memory. */
    @Test
    void inPlaceCheckFollowsViews() {
        Graph u = new Graph("view");
        Value p = u.input("p", DType.FLOAT, Shape.of(4));
        Value grad = u.input("gradient/p", DType.FLOAT, Shape.of(4));
        Value view = u.reshape("as_column", p, new long[] {4, 1});
        u.output(u.sub("param", p, grad), "new/p");
        TrainStepGraph.checkInPlaceSafe(u, "p", "new/p"); // the view is read by nobody yet
        u.output(u.mul("late", view, view), "other");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TrainStepGraph.checkInPlaceSafe(u, "p", "new/p"));
        assertTrue(e.getMessage().contains("late"), e.getMessage());
    }

    /**
     * ONNX Runtime folds a Transpose into the MatMul it feeds ({@code FusedMatMul}), which then reads the transposed
     * value itself: the MatMul must come before the write too.
     */
    @Test
    void inPlaceCheckFollowsTransposesIntoTheirConsumers() {
        Graph u = new Graph("fold");
        Value p = u.input("p", DType.FLOAT, Shape.of(4, 3));
        Value grad = u.input("gradient/p", DType.FLOAT, Shape.of(4, 3));
        Value pt = u.transpose("pt", p, 1, 0);
        Value zero = u.mul("zero", u.reduceSum("s", pt, false, 0, 1), u.constant("z", Tensor.scalar(0f)));
        u.output(u.sub("param", u.add("after", p, zero), grad), "new/p");
        TrainStepGraph.checkInPlaceSafe(u, "p", "new/p"); // the Transpose and its one consumer come before the write
        u.output(u.op("MatMul", "product", List.of(u.input("a", DType.FLOAT, Shape.of(2, 3)), pt), Map.of()), "y");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TrainStepGraph.checkInPlaceSafe(u, "p", "new/p"));
        assertTrue(e.getMessage().contains("product"), e.getMessage());
    }

    @Test
    void sgdAndAdamUpdatesPassTheInPlaceCheckWithWeightDecay() {
        for (String spec : List.of("sgd:momentum=0.9,weight_decay=1e-4", "adam:weight_decay=1e-4")) {
            TrainStepGraph g = TrainStepGraph.build(Architecture.VNET_TINY, ArchOptions.defaults(), 1, new int[] {16, 16, 16},
                    CompoundLoss.parse("dice"), Optimizer.parse(spec)); // build runs the check on every pair
            Initializer p = g.parameters().get(0);
            // weight decay makes another reader of p (the decay term), which must come before the write
            assertTrue(g.graph().consumers(p.name()).stream().filter(n -> n.name().startsWith("optim/") || n.name().startsWith("new/")).count() >= 2,
                    spec + ": " + g.graph().consumers(p.name()).stream().map(Node::name).toList());
        }
    }

    private static Set<String> names(List<Value> values) {
        return values.stream().map(Value::name).collect(Collectors.toSet());
    }

    private static List<Long> toList(long[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
