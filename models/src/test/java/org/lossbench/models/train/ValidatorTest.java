package org.lossbench.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;

/** Dice per class and of the merged foreground on a hand-made 1x2x4 case. */
class ValidatorTest {
    private static final Grid G = Grid.of(1, 2, 4);

    @Test
    void diceByHand() {
        LabelMap ref = LabelMap.of(G, new int[] {0, 1, 1, 1, 0, 0, 2, 2});
        LabelMap pred = LabelMap.of(G, new int[] {1, 1, 1, 0, 0, 2, 2, 1});
        double[] d = Validator.perClassDice(pred, ref, 4);
        // class 1: |P| = 4 (0,1,2,7), |G| = 3 (1,2,3), |P ∩ G| = 2 -> 4/7
        assertEquals(4.0 / 7, d[0], 1e-15);
        // class 2: |P| = 2 (5,6), |G| = 2 (6,7), overlap 1 -> 2/4
        assertEquals(0.5, d[1], 1e-15);
        // class 3 is absent from the reference: not scored (MONAI ignore_empty)
        assertTrue(Double.isNaN(d[2]));
        // foreground: P = {0,1,2,5,6,7}, G = {1,2,3,6,7}, overlap {1,2,6,7} -> 8/11
        assertEquals(8.0 / 11, Validator.foregroundDice(pred, ref), 1e-15);
        assertTrue(Double.isNaN(Validator.foregroundDice(pred, LabelMap.of(G, new int[8]))));
    }

    /** A trained model whose output is NaN (one weight NaN) is a diverged training, an internal failure, not bad input. */
    @Test
    void aModelGivingNanIsADivergedTraining() {
        org.lossbench.core.graph.Graph g = org.lossbench.models.arch.Architecture.VNET_TINY.build(
                new org.lossbench.models.arch.ArchOptions(4, 2, 3, 1, 2, 5));
        java.util.List<String> names = new java.util.ArrayList<>();
        java.util.List<float[]> values = new java.util.ArrayList<>();
        for (org.lossbench.core.graph.Initializer i : g.parameters()) {
            names.add(i.name());
            float[] v = i.tensor().floatData().clone();
            if (values.isEmpty()) {
                v[0] = Float.NaN;
            }
            values.add(v);
        }
        Grid grid = Grid.of(8, 8, 8);
        org.lossbench.datasets.loader.LoadedCase c = new org.lossbench.datasets.loader.LoadedCase("c0",
                new org.lossbench.core.volume.ImageVolume(grid, 1, new float[512]), LabelMap.zeros(grid));
        Validator v = new Validator(g, java.util.List.of(c), new int[] {8, 8, 8}, 2,
                org.lossbench.core.engine.SessionConfig.defaults(org.lossbench.core.engine.Device.CPU).withThreads(1));
        org.lossbench.core.LossbenchException e = org.junit.jupiter.api.Assertions.assertThrows(org.lossbench.core.LossbenchException.class,
                () -> v.dice(names, values));
        assertEquals(org.lossbench.core.ExitCode.INTERNAL, e.exitCode());
        assertTrue(e.getMessage().startsWith("training diverged: validation failed: model validation model gives non-finite outputs"
                + " (NaN or infinity) on c0"), e.getMessage());
    }
}
