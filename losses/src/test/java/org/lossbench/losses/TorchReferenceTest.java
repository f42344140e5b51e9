package org.lossbench.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lossbench.core.engine.Device;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.io.Json;
import org.lossbench.losses.check.GraphLossEvaluator;

/**
 * Both forms against the values of an independent PyTorch 1.13 implementation written from the papers
 * and MONAI's conventions ({@code tools/loss_reference.py}, fixture {@code torch_reference.json}): five
 * random cases (K = 2 with logits of +-80, K = 3, K = 4 with a class absent, K = 5 with all labels
 * background, N = 3) times about 30 specs covering every loss and its options.
 */
class TorchReferenceTest {
    private static final Map<String, GraphLossEvaluator> EVALUATORS = new HashMap<>();

    static JsonNode fixture() throws IOException {
        try (InputStream in = TorchReferenceTest.class.getResourceAsStream("torch_reference.json")) {
            return Json.mapper().readTree(in);
        }
    }

    static LossInput input(JsonNode c) {
        int[] shape = new int[5];
        for (int i = 0; i < 5; i++) {
            shape[i] = c.get("shape").get(i).asInt();
        }
        float[] logits = new float[c.get("logits").size()];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) c.get("logits").get(i).asDouble();
        }
        int[] labels = new int[c.get("labels").size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = c.get("labels").get(i).asInt();
        }
        return LossInput.of(shape, logits, labels, c.get("id").asText());
    }

    static Stream<Arguments> cases() throws IOException {
        Stream.Builder<Arguments> b = Stream.builder();
        for (JsonNode c : fixture().get("cases")) {
            LossInput in = input(c);
            for (Map.Entry<String, JsonNode> e : c.get("expected").properties()) {
                b.add(Arguments.of(c.get("id").asText(), e.getKey(), in, e.getValue().asDouble()));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void referenceFormEqualsTorch(String id, String spec, LossInput in, double expected) {
        double ref = CompoundLoss.parse(spec).reference(in).total();
        Tolerance.assertClose(expected, ref, 1e-10, 1e-12, id + " " + spec + " reference");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void graphFormEqualsTorch(String id, String spec, LossInput in, double expected) {
        GraphLossEvaluator ev = EVALUATORS.computeIfAbsent(spec + "@" + in.k(),
                s -> new GraphLossEvaluator(CompoundLoss.parse(spec), in.k(), SessionConfig.defaults(Device.CPU).withThreads(1)));
        double graph = ev.evaluate(in).get(CompoundLoss.OUTPUT);
        Tolerance.assertGraphClose(expected, graph, id + " " + spec + " graph");
    }

    @Test
    void everyLossHasAtLeastThreeCases() throws IOException {
        Map<LossKind, Set<String>> casesPerKind = new HashMap<>();
        for (JsonNode c : fixture().get("cases")) {
            c.get("expected").properties().forEach(e -> {
                String spec = e.getKey();
                for (CompoundLoss.Term t : CompoundLoss.parse(spec).terms()) {
                    casesPerKind.computeIfAbsent(t.loss().kind(), k -> new HashSet<>()).add(c.get("id").asText());
                }
            });
        }
        for (LossKind k : LossKind.values()) {
            assertTrue(casesPerKind.getOrDefault(k, Set.of()).size() >= 3, k + " has fewer than 3 torch cases");
        }
        assertEquals(List.of(LossKind.values()).size(), casesPerKind.size());
    }

    @AfterAll
    static void close() {
        EVALUATORS.values().forEach(GraphLossEvaluator::close);
        EVALUATORS.clear();
    }
}
