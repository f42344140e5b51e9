package org.lossbench.models.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossbench.core.BadInputException;
import org.lossbench.core.engine.EngineSession;
import org.lossbench.core.graph.ConvSpec;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Tensor;
import org.lossbench.core.graph.Value;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;

class ModelContractTest {

    private static ModelContract check(Graph g) {
        try (EngineSession s = TestModels.open(g)) {
            return ModelContract.check(s.session(), "m.onnx");
        }
    }

    private static String failure(Graph g) {
        return assertThrows(BadInputException.class, () -> check(g)).getMessage();
    }

    @Test
    void lossbenchModelsMeetTheContract() {
        ModelContract c = check(Architecture.VNET_TINY.build(new ArchOptions(2, 1, 3, 2, 4, 0)));
        assertEquals("image", c.inputName());
        assertEquals("logits", c.outputName());
        assertEquals(2, c.inChannels());
        assertEquals(4, c.classes());
        assertEquals(List.of(), c.notes());
    }

    @Test
    void otherNamesAreAcceptedWithANote() {
        ModelContract c = check(TestModels.withInput("input", DType.FLOAT, Shape.symbolic("N", 2, "D", "H", "W"), "output"));
        assertEquals("input", c.inputName());
        assertEquals("output", c.outputName());
        assertEquals(2, c.notes().size());
    }

    @Test
    void everyMismatchIsExplained() {
        String rank = failure(TestModels.withInput("image", DType.FLOAT, Shape.symbolic("N", 1, "H", "W"), "logits"));
        assertTrue(rank.contains("input 'image' has rank 4") && rank.contains("[N, C_in, D, H, W]") && rank.contains("m.onnx"), rank);
        String type = failure(TestModels.withInput("image", DType.INT64, Shape.symbolic("N", 1, "D", "H", "W"), "logits"));
        assertTrue(type.contains("float32") && type.contains("INT64"), type);

        Graph one = new Graph("one");
        Value x = one.input("image", DType.FLOAT, Shape.symbolic("N", 1, "D", "H", "W"));
        Value w = one.parameter("w", Tensor.floats(new long[] {1, 1, 1, 1, 1}, new float[] {1}));
        one.output(one.conv("c", x, w, null, ConvSpec.same(3, 1)), "logits");
        String channels = failure(one);
        assertTrue(channels.contains("1 channel(s)") && channels.contains("K >= 2"), channels);

        Graph two = new Graph("two");
        Value a = two.input("a", DType.FLOAT, Shape.symbolic("N", 1, "D", "H", "W"));
        Value b = two.input("b", DType.FLOAT, Shape.symbolic("N", 1, "D", "H", "W"));
        two.output(two.add("s", a, b), "x");
        two.output(two.op("Identity", "y", List.of(a), Map.of()));
        String inputs = failure(two);
        assertTrue(inputs.contains("2 inputs") && inputs.contains("none is named 'logits'"), inputs);
    }

    @Test
    void imageChannelsMustMatchTheModel() {
        ModelContract c = check(Architecture.VNET_TINY.build(new ArchOptions(2, 1, 3, 2, 2, 0)));
        String msg = assertThrows(BadInputException.class, () -> c.checkChannels(1, "case7.nii.gz")).getMessage();
        assertTrue(msg.contains("case7.nii.gz") && msg.contains("expects 2"), msg);
    }

    /** A channels-last output [N, D, H, W, K] passes the static check (dynamic dims) but is named on the first window. */
    @Test
    void channelsLastOutputsAreNamed() {
        Graph g = new Graph("ndhwc");
        Value x = g.input("image", DType.FLOAT, Shape.symbolic("N", 1, "D", "H", "W"));
        Value two = g.concat("two", 1, List.of(x, x));
        g.output(g.transpose("last", two, 0, 2, 3, 4, 1), "logits");
        try (EngineSession s = TestModels.open(g)) {
            ModelContract c = ModelContract.check(s.session(), "ndhwc.onnx");
            try (SlidingWindowInferer inf = new SlidingWindowInferer(s, c, SlidingWindowConfig.defaults(8, 8, 8))) {
                String msg = assertThrows(BadInputException.class,
                        () -> inf.infer(org.lossbench.core.volume.ImageVolume.zeros(org.lossbench.core.volume.Grid.of(8, 8, 8)), "c")).getMessage();
                assertTrue(msg.contains("channels-last"), msg);
            }
        }
    }

    /** A model fixed to 16^3 windows refuses an 8^3 roi and says which to use. */
    @Test
    void fixedWindowSizesAreEnforced() {
        Graph g = new Graph("fixed");
        Value x = g.input("image", DType.FLOAT, Shape.of(1, 1, 16, 16, 16));
        g.output(g.concat("two", 1, List.of(x, x)), "logits");
        try (EngineSession s = TestModels.open(g)) {
            ModelContract c = ModelContract.check(s.session(), "fixed.onnx");
            String msg = assertThrows(BadInputException.class,
                    () -> new SlidingWindowInferer(s, c, SlidingWindowConfig.defaults(8, 8, 8))).getMessage();
            assertTrue(msg.contains("--roi 16,16,16"), msg);
        }
    }
}
