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
        return TrainingConfig.builder("phantom-tiny", Architecture.VNET_TINY, new ArchOptions(4, 2, 3, 1, 3, 7), CompoundLoss.parse("dice"))
                .optimizer(Optimizer.parse("adam")).lr(lr).schedule(LrSchedule.parse("constant")).steps(steps).batch(batch).patch(patch)
                .seed(0).foregroundShare(fgShare).augment(false).threads(threads).device(Device.CPU).valEvery(valEvery)
                .checkpointEvery(checkpointEvery).build();
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

    /**
     * Unset settings take lossbench train's documented defaults (docs/training.md): Adam at 1e-3 (Wong et
     * al. 2018), SGD at 1e-4 (V-Net), 1000 steps of 2 x 32^3, foreground share 0.33, augmentation on,
     * checkpoints every 100 steps, validation at the end only.
     */
    @Test
    void builderDefaultsAreThoseOfLossbenchTrain() {
        TrainingConfig adam = TrainingConfig.builder("phantom-tiny", Architecture.VNET_TINY, new ArchOptions(4, 2, 3, 1, 3, 7),
                CompoundLoss.parse("dice")).build();
        assertEquals(1e-3, adam.lr());
        assertEquals("constant", adam.schedule().spec());
        assertEquals(1000, adam.steps());
        assertEquals(2, adam.batch());
        assertEquals(java.util.List.of(32, 32, 32), java.util.Arrays.stream(adam.patch()).boxed().toList());
        assertEquals(0.33, adam.foregroundShare());
        assertEquals(true, adam.augment());
        assertEquals(Device.AUTO, adam.device());
        assertEquals(0, adam.valEvery());
        assertEquals(100, adam.checkpointEvery());
        TrainingConfig sgd = TrainingConfig.builder("phantom-tiny", Architecture.VNET_TINY, new ArchOptions(4, 2, 3, 1, 3, 7),
                CompoundLoss.parse("dice")).optimizer(Optimizer.parse("sgd")).build();
        assertEquals(1e-4, sgd.lr());
        assertEquals(0.5, TrainingConfig.builder("phantom-tiny", Architecture.VNET_TINY, new ArchOptions(4, 2, 3, 1, 3, 7),
                CompoundLoss.parse("dice")).optimizer(Optimizer.parse("sgd")).lr(0.5).build().lr());
    }
}
