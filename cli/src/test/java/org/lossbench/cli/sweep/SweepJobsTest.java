package org.lossbench.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** {@code --jobs}: how many cells a runner runs at once, and each cell's ONNX Runtime threads. */
class SweepJobsTest {
    private static final BooleanSupplier CPU = () -> false;
    private static final BooleanSupplier GPU = () -> true;
    private static final BooleanSupplier NOT_ASKED = () -> {
        throw new AssertionError("the device is not probed here");
    };

    private static SweepSpec spec(String mode, int threads) {
        return new SweepSpec(null, List.of("phantom-tiny"), null, null, List.of("vnet-tiny"), List.of("dice"), null, mode,
                mode.equals("external") ? java.util.Map.of("dice", "/x/dice.onnx") : null, null, null, null, null,
                new SweepSpec.Inference(null, null, "cpu", threads, null, null)).resolved();
    }

    @Test
    void autoRunsOneCellPerCoreUpToFourAtOneShareOfTheCoresEach() {
        assertEquals(new SweepJobs(2, 1), SweepJobs.resolve(null, spec("external", 0), 2, 66, CPU));
        assertEquals(new SweepJobs(4, 4), SweepJobs.resolve(null, spec("external", 0), 16, 66, CPU), "16 cores: 4 cells at 4 threads");
        assertEquals(new SweepJobs(3, 1), SweepJobs.resolve(null, spec("external", 0), 3, 66, CPU), "3 cores: 3 cells at 1 thread");
        assertEquals(new SweepJobs(1, 0), SweepJobs.resolve(null, spec("external", 0), 1, 66, CPU), "one core: as before --jobs");
    }

    @Test
    void autoHonoursTheSpecsThreads() {
        assertEquals(new SweepJobs(1, 2), SweepJobs.resolve(null, spec("external", 2), 2, 66, CPU));
        assertEquals(new SweepJobs(2, 1), SweepJobs.resolve(null, spec("external", 1), 2, 66, CPU));
        assertEquals(new SweepJobs(1, 4), SweepJobs.resolve(null, spec("external", 4), 2, 66, CPU), "more threads than cores: one cell");
        assertEquals(new SweepJobs(5, 3), SweepJobs.resolve(null, spec("external", 3), 16, 66, CPU), "cores / threads, not capped");
    }

    @Test
    void autoRunsOneCellInTrainModeAndOnAGpu() {
        assertEquals(new SweepJobs(1, 0), SweepJobs.resolve(null, spec("train", 0), 16, 66, NOT_ASKED));
        assertEquals(new SweepJobs(1, 0), SweepJobs.resolve(null, spec("external", 0), 16, 66, GPU));
        assertEquals(new SweepJobs(1, 2), SweepJobs.resolve(null, spec("external", 2), 16, 66, GPU));
    }

    @Test
    void aGivenCountIsKeptButNeverAboveTheCells() {
        assertEquals(new SweepJobs(3, 1), SweepJobs.resolve(3, spec("external", 0), 2, 66, NOT_ASKED), "3 jobs on 2 cores: 1 thread each");
        assertEquals(new SweepJobs(2, 1), SweepJobs.resolve(3, spec("external", 0), 2, 2, NOT_ASKED), "two cells: two jobs");
        assertEquals(new SweepJobs(1, 0), SweepJobs.resolve(4, spec("external", 0), 2, 1, NOT_ASKED), "one cell: the default threads");
        assertEquals(new SweepJobs(2, 2), SweepJobs.resolve(2, spec("train", 2), 2, 66, NOT_ASKED), "train mode as asked");
        assertEquals(new SweepJobs(1, 0), SweepJobs.resolve(null, spec("external", 0), 2, 0, CPU), "no cells (a finished shard)");
    }

    @Test
    void describesItselfForTheLog() {
        assertEquals("2 cells at a time, 1 ONNX Runtime thread each", new SweepJobs(2, 1).describe());
        assertEquals("1 cell at a time, ONNX Runtime's default threads", new SweepJobs(1, 0).describe());
        assertEquals("1 cell at a time, 2 ONNX Runtime threads", new SweepJobs(1, 2).describe());
    }
}
