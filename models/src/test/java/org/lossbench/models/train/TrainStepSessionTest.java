package org.lossbench.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** The in-place update: a finite step moves parameters and state, a non-finite one leaves every value as it was. */
class TrainStepSessionTest {
    private static final int[] PATCH = {16, 16, 16};

    @Test
    void nonFiniteLossLeavesParametersAndStateUntouched() {
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
            }
            float[] poisoned = image.clone();
            poisoned[3] = Float.NaN;
            assertFalse(s.run(poisoned, labels, 1e-3, 2, losses));
            assertTrue(Float.isNaN(losses[0]));
            List<float[]> afterNaN = snapshot(s);
            for (int i = 0; i < afterOne.size(); i++) {
                assertArrayEquals(afterOne.get(i), afterNaN.get(i), s.tensorNames().get(i) + " changed in a discarded step");
            }
        }
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
