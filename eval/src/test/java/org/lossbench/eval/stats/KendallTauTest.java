package org.lossbench.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KendallTauTest {
    /** (1, 2, 3) against (1, 3, 2): pairs (0,1) and (0,2) concordant, (1,2) discordant: (2 - 1) / 3. */
    @Test
    void noTies() {
        assertEquals(1.0 / 3, KendallTau.tauB(new double[] {1, 2, 3}, new double[] {1, 3, 2}), 1e-15);
        assertEquals(-1.0, KendallTau.tauB(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1}), 1e-15);
        assertEquals(1.0, KendallTau.tauB(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 40}), 1e-15);
    }

    /**
     * (1, 1, 2) against (1, 2, 3): pair (0,1) tied in x, the other two concordant; n0 = 3, one pair
     * tied in x, none in y: 2 / sqrt(2 · 3) = 0.8164965809277261 (scipy.stats.kendalltau agrees).
     */
    @Test
    void tiesInOneVariable() {
        assertEquals(2 / Math.sqrt(6), KendallTau.tauB(new double[] {1, 1, 2}, new double[] {1, 2, 3}), 1e-15);
    }

    @Test
    void aConstantVariableIsUndefined() {
        assertTrue(Double.isNaN(KendallTau.tauB(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
        assertTrue(Double.isNaN(KendallTau.tauB(new double[] {1}, new double[] {1})));
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> KendallTau.tauB(new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> KendallTau.tauB(new double[] {1, Double.NaN}, new double[] {1, 2}));
    }
}
