package org.lossbench.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lossbench.core.engine.Device;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;

/** The in-place update: a finite step moves parameters and state; after a non-finite one the session refuses to go on. */
class TrainStepSessionTest {
    private static final int[] PATCH = {16, 16, 16};

    /**
     * A finite step moves every parameter and state tensor; a step whose loss is NaN is reported, and the session then
     * refuses to run again or to hand out its tensors (that step wrote its parameters from NaN gradients).
     */
    @Test
    void aFiniteStepMovesEveryTensorAndANonFiniteOneEndsTheSession() {
        TrainStepGraph g = TrainStepGraph.build(Architecture.VNET_TINY, ArchOptions.defaults(), 1, PATCH, CompoundLoss.parse("dice+ce"),
                Optimizer.parse("adam"));
        int n = PATCH[0] * PATCH[1] * PATCH[2];
        float[] image = new float[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            image[i] = (i % 7) / 7f;
            labels[i] = i % 5 == 0 ? 1 : 0;
        }
        try (TrainStepSession s = new TrainStepSession(g, SessionConfig.defaults(Device.CPU).withThreads(1))) {
            float[] losses = new float[s.lossOutputs().size()];
            List<float[]> initial = snapshot(s);
            assertArrayEquals(g.parameters().get(0).tensor().floatData(), initial.get(0), "parameters start at the graph's values");
            assertTrue(s.run(image, labels, 1e-3, 1, losses));
            List<float[]> afterOne = snapshot(s);
            for (int i = 0; i < afterOne.size(); i++) {
                assertFalse(Arrays.equals(initial.get(i), afterOne.get(i)), s.tensorNames().get(i) + " did not change in a finite step");
                assertTrue(allFinite(afterOne.get(i)), s.tensorNames().get(i));
            }
            float[] poisoned = image.clone();
            poisoned[3] = Float.NaN;
            assertFalse(s.run(poisoned, labels, 1e-3, 2, losses));
            assertTrue(Float.isNaN(losses[0]));
            IllegalStateException again = assertThrows(IllegalStateException.class, () -> s.run(image, labels, 1e-3, 3, losses));
            assertTrue(again.getMessage().contains("training step 2 was not finite"), again.getMessage());
            assertThrows(IllegalStateException.class, () -> s.tensor(0));
        }
    }

    private static boolean allFinite(float[] a) {
        for (float v : a) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static List<float[]> snapshot(TrainStepSession s) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < s.tensorNames().size(); i++) {
            float[] a = new float[s.tensor(i).size()];
            s.tensor(i).buffer().get(0, a);
            out.add(a);
        }
        return out;
    }
}
