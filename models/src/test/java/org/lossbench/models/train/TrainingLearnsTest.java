package org.lossbench.models.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.engine.Device;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Initializer;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.datasets.loader.LoadedCase;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;

/**
 * Training learns, in the default suite: vnet-tiny (width 4, depth 2) trained on phantom-tiny with
 * dice+ce and Adam (lr 1e-3), 200 steps of 2 x 32^3 patches (about 10-12 s on the 2-core machine), must
 * end with a validation foreground Dice well above both of two bounds derived here: the Dice of the
 * untrained network (its initial parameters, scored the same way) and the Dice of the best trivial
 * segmentation, every voxel foreground ({@code 2|G| / (|G| + |V|)} from the validation labels). "Well
 * above" is 0.3 over the larger bound. How fast it gets there is a benchmark's business
 * ({@code lossbench bench train-step}), not a test's.
 */
class TrainingLearnsTest {
    @Test
    void validationDiceRisesWellAboveTheUntrainedNetworkAndTheTrivialSegmentation(@TempDir Path tmp) {
        TrainingData data = TrainingData.load("phantom-tiny", new DatasetRegistry(tmp.resolve("registry.json")), 0);
        ArchOptions options = new ArchOptions(4, 2, 3, 1, data.classes(), 0);
        TrainingConfig c = TrainingConfig.builder("phantom-tiny", Architecture.VNET_TINY, options, CompoundLoss.parse("dice+ce"))
                .optimizer(Optimizer.parse("adam")).lr(1e-3).schedule(LrSchedule.parse("constant")).steps(200).batch(2).patch(32, 32, 32)
                .seed(0).foregroundShare(0.33).augment(false).threads(0).device(Device.CPU).valEvery(0).checkpointEvery(1000).build();
        Graph inference = Architecture.VNET_TINY.build(options);
        List<String> names = new ArrayList<>();
        List<float[]> initial = new ArrayList<>();
        for (Initializer i : inference.parameters()) {
            names.add(i.name());
            initial.add(i.tensor().floatData());
        }
        double untrained = new Validator(inference, data.val(), new int[] {32, 32, 32}, data.classes(), SessionConfig.defaults(Device.CPU))
                .dice(names, initial).foreground();
        double trivial = trivialForegroundDice(data.val());
        Trainer.Result r = new Trainer(c).train(data.train(), data.val(), tmp.resolve("run"), false, (s, lr, l, secs) -> { });
        double trained = r.finalScores().foreground();
        double bound = Math.max(Double.isNaN(untrained) ? 0 : untrained, trivial);
        System.err.printf("vnet-tiny on phantom-tiny: foreground Dice %.4f after %d steps; untrained %.4f, all-foreground %.4f%n",
                trained, r.steps(), untrained, trivial);
        assertTrue(trained >= bound + 0.3, "trained " + trained + ", untrained " + untrained + ", all-foreground " + trivial);
    }

    /** Mean over the cases of the Dice of "every voxel is foreground" against the reference foreground. */
    private static double trivialForegroundDice(List<LoadedCase> cases) {
        double sum = 0;
        for (LoadedCase c : cases) {
            LabelMap l = c.label();
            long g = 0;
            for (int i = 0; i < l.size(); i++) {
                if (l.get(i) > 0) {
                    g++;
                }
            }
            sum += 2.0 * g / (g + l.size());
        }
        return sum / cases.size();
    }
}
