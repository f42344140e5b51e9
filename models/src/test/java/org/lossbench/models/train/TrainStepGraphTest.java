package org.lossbench.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lossbench.core.graph.Initializer;
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
        Set<String> in = g.graph().inputs().stream().map(Value::name).collect(Collectors.toSet());
        Set<String> out = g.graph().outputs().stream().map(Value::name).collect(Collectors.toSet());
        assertEquals(List.of("loss", "loss/dice", "loss/focal"), g.lossOutputs());
        assertTrue(in.containsAll(List.of("image", "labels", "lr", "step")));
        assertEquals(List.of(3L, 2L, 16L, 16L, 8L), toList(g.graph().value("image").shape().dims()));
        assertEquals(List.of(3L, 16L, 16L, 8L), toList(g.graph().value("labels").shape().dims()));
        // depth 3: deep-supervision heads on decoder stages 2 and 1, each a trained parameter
        assertTrue(g.parameters().stream().anyMatch(p -> p.name().equals("dec2/ds_head/weight")));
        assertTrue(g.parameters().stream().anyMatch(p -> p.name().equals("dec1/ds_head/weight")));
        for (Initializer p : g.parameters()) {
            assertTrue(out.contains("new/" + p.name()), p.name());
            for (String slot : List.of("m", "v")) {
                assertTrue(in.contains("state/" + slot + "/" + p.name()), p.name());
                assertEquals(p.value().shape(), g.graph().value("new_state/" + slot + "/" + p.name()).shape());
            }
            assertEquals(p.value().shape(), g.graph().value("new/" + p.name()).shape());
        }
        // plus the model's own outputs logits, logits_ds1, logits_ds2 (kept, never fetched by the session)
        assertTrue(out.containsAll(List.of("logits", "logits_ds1", "logits_ds2")));
        assertEquals(3 + g.lossOutputs().size() + 3 * g.parameters().size(), g.graph().outputs().size());
        // parameters are plain inputs of the serialised model: 4 data inputs + params + 2 slots each
        assertTrue(g.graph().parametersAsInputs());
        assertEquals(4 + 2 * g.parameters().size(), g.graph().inputs().size());
    }

    private static List<Long> toList(long[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
