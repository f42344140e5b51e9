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
}
