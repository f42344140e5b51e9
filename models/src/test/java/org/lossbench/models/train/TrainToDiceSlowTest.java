package org.lossbench.models.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.engine.Device;
import org.lossbench.datasets.spec.DatasetRegistry;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;

/**
 * Issue 7's integration check: vnet-tiny (width 4, depth 2) trained on phantom-tiny with dice+ce and
 * Adam (lr 1e-3), 200 steps of 2 x 32^3 patches, reaches a foreground Dice of at least 0.8 on the
 * validation case within 60 s on CPU (including data generation, graph building and validation). The time
 * limit is the acceptance criterion for this integration test, which is why it is tagged out of
 * the default suite; measured 10-12 s on the 2-core machine, so a loaded machine has a 5x margin. The
 * step speed itself is measured by {@code org.lossbench.models.bench.TrainStepBench}.
 * Run with {@code mvn -pl models test -Dgroups=slow -Dtest=TrainToDiceSlowTest -Djazzer.fuzz=0}.
 */
@Tag("slow")
class TrainToDiceSlowTest {
    @Test
    void vnetTinyReachesForegroundDice08OnPhantomTinyWithinAMinute(@TempDir Path tmp) {
        long t0 = System.nanoTime();
        TrainingData data = TrainingData.load("phantom-tiny", new DatasetRegistry(tmp.resolve("registry.json")), 0);
        TrainingConfig c = new TrainingConfig("phantom-tiny", Architecture.VNET_TINY, new ArchOptions(4, 2, 3, 1, data.classes(), 0),
                CompoundLoss.parse("dice+ce"), Optimizer.parse("adam"), 1e-3, LrSchedule.parse("constant"), 200, 2,
                new int[] {32, 32, 32}, 0, 0.33, false, 0, Device.CPU, 0, 1000);
        Trainer.Result r = new Trainer(c).train(data.train(), data.val(), tmp.resolve("run"), false, (s, lr, l, secs) -> { });
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.err.printf("vnet-tiny on phantom-tiny: foreground Dice %.4f (per class %s) after %d steps in %.1f s%n",
                r.finalScores().foreground(), java.util.Arrays.toString(r.finalScores().perClass()), r.steps(), seconds);
        assertTrue(r.finalScores().foreground() >= 0.8, "foreground Dice " + r.finalScores().foreground());
        assertTrue(seconds <= 60, "took " + seconds + " s");
    }
}
