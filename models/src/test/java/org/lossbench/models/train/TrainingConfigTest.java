package org.lossbench.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.lossbench.core.engine.Device;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;

class TrainingConfigTest {
    private static TrainingConfig config(long steps, int batch, int[] patch, double lr, double fgShare, int threads, int valEvery,
                                         int checkpointEvery) {
        return new TrainingConfig("phantom-tiny", Architecture.VNET_TINY, new ArchOptions(4, 2, 3, 1, 3, 7), CompoundLoss.parse("dice"),
                Optimizer.parse("adam"), lr, LrSchedule.parse("constant"), steps, batch, patch, 0, fgShare, false, threads, Device.CPU,
                valEvery, checkpointEvery);
    }

    private static String refused(long steps, int batch, int[] patch, double lr, double fgShare, int threads, int valEvery,
                                  int checkpointEvery) {
        return assertThrows(IllegalArgumentException.class,
                () -> config(steps, batch, patch, lr, fgShare, threads, valEvery, checkpointEvery)).getMessage();
    }

    /** Each out-of-range setting is refused by a message that names it and its value. */
    @Test
    void eachBadSettingIsNamed() {
        int[] p = {16, 16, 16};
        config(1, 1, p, 1e-3, 0, 0, 0, 1);
        config(1, 1, p, 1e-3, 1, 0, 0, 1);
        assertEquals("steps must be >= 1, got 0", refused(0, 1, p, 1e-3, 0.33, 0, 0, 1));
        assertEquals("batch must be >= 1, got -2", refused(1, -2, p, 1e-3, 0.33, 0, 0, 1));
        assertEquals("patch must be three positive sizes D,H,W, got [0, 0, 0]", refused(1, 1, new int[3], 1e-3, 0.33, 0, 0, 1));
        assertEquals("patch must be three positive sizes D,H,W, got [16, 16]", refused(1, 1, new int[] {16, 16}, 1e-3, 0.33, 0, 0, 1));
        assertEquals("lr must be a positive finite number, got NaN", refused(1, 1, p, Double.NaN, 0.33, 0, 0, 1));
        assertEquals("lr must be a positive finite number, got Infinity", refused(1, 1, p, Double.POSITIVE_INFINITY, 0.33, 0, 0, 1));
        assertEquals("lr must be a positive finite number, got 0.0", refused(1, 1, p, 0, 0.33, 0, 0, 1));
        assertEquals("foreground share must be in [0, 1], got 2.0", refused(1, 1, p, 1e-3, 2, 0, 0, 1));
        assertEquals("foreground share must be in [0, 1], got NaN", refused(1, 1, p, 1e-3, Double.NaN, 0, 0, 1));
        assertEquals("threads must be >= 0 (0 = ONNX Runtime's default), got -1", refused(1, 1, p, 1e-3, 0.33, -1, 0, 1));
        assertEquals("val-every must be >= 0 (0 = at the end only), got -1", refused(1, 1, p, 1e-3, 0.33, 0, -1, 1));
        assertEquals("checkpoint-every must be >= 1, got 0", refused(1, 1, p, 1e-3, 0.33, 0, 0, 0));
    }
}
