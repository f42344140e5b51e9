package org.lossbench.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Initializer;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Value;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;

/** The step graph's interface: inputs, outputs and their shapes, and the deep-supervision heads. */
class TrainStepGraphTest {
    @Test
    void vnetLiteStepGraphHasEveryParameterStateAndLossOutput() {
        TrainStepGraph g = TrainStepGraph.build(Architecture.VNET_LITE, new ArchOptions(2, 3, 3, 2, 4, 0), 3, new int[] {16, 16, 8},
                CompoundLoss.parse("dice+focal"), Optimizer.parse("adam"));
        Set<String> in = names(g.graph().inputs());
        Set<String> out = names(g.graph().outputs());
        Set<String> updIn = names(g.update().inputs());
        Set<String> updOut = names(g.update().outputs());
        assertEquals(List.of("loss", "loss/dice", "loss/focal"), g.lossOutputs());
        assertTrue(in.containsAll(List.of("image", "labels")));
        assertTrue(updIn.containsAll(List.of("lr", "step")));
        assertEquals(List.of(3L, 2L, 16L, 16L, 8L), toList(g.graph().value("image").shape().dims()));
        assertEquals(List.of(3L, 16L, 16L, 8L), toList(g.graph().value("labels").shape().dims()));
        // depth 3: deep-supervision heads on decoder stages 2 and 1, each a trained parameter
        assertTrue(g.parameters().stream().anyMatch(p -> p.name().equals("dec2/ds_head/weight")));
        assertTrue(g.parameters().stream().anyMatch(p -> p.name().equals("dec1/ds_head/weight")));
        assertEquals(g.parameters().size(), g.gradientOutputs().size());
        for (int i = 0; i < g.parameters().size(); i++) {
            Initializer p = g.parameters().get(i);
            String grad = g.gradientOutputs().get(i);
            assertTrue(out.contains(grad), grad);
            assertEquals(p.value().shape(), g.graph().value(grad).shape(), p.name());
            assertTrue(updIn.containsAll(List.of(p.name(), grad)), p.name());
            assertEquals(p.value().shape(), g.update().value("new/" + p.name()).shape());
            for (String slot : List.of("m", "v")) {
                assertTrue(updIn.contains("state/" + slot + "/" + p.name()), p.name());
                assertEquals(p.value().shape(), g.update().value("new_state/" + slot + "/" + p.name()).shape());
            }
        }
        // plus the model's own outputs logits, logits_ds1, logits_ds2 (kept, never fetched by the session)
        assertTrue(out.containsAll(List.of("logits", "logits_ds1", "logits_ds2")));
        assertEquals(3 + g.lossOutputs().size() + g.parameters().size(), g.graph().outputs().size());
        assertEquals(3 * g.parameters().size(), updOut.size());
        // every new value is written by the update's own last node, not copied by an Identity into the output
        assertTrue(g.update().nodes().stream().noneMatch(n -> n.opType().equals("Identity")));
        // parameters stay initializers of the gradient graph and become plain inputs when it is serialised
        assertTrue(g.graph().parametersAsInputs());
        assertEquals(2, g.graph().inputs().size());
        assertEquals(2 + 4 * g.parameters().size(), g.update().inputs().size());
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

    @Test
    void sgdAndAdamUpdatesPassTheInPlaceCheckWithWeightDecay() {
        for (String spec : List.of("sgd:momentum=0.9,weight_decay=1e-4", "adam:weight_decay=1e-4")) {
            TrainStepGraph g = TrainStepGraph.build(Architecture.VNET_TINY, ArchOptions.defaults(), 1, new int[] {16, 16, 16},
                    CompoundLoss.parse("dice"), Optimizer.parse(spec)); // build runs the check on every pair
            Initializer p = g.parameters().get(0);
            // weight decay makes a second reader of p (the decay term), which must come before the write
            assertTrue(g.update().consumers(p.name()).size() >= 2, spec);
        }
    }

    private static Set<String> names(List<Value> values) {
        return values.stream().map(Value::name).collect(Collectors.toSet());
    }

    private static List<Long> toList(long[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
