package org.lossbench.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;

class LossInputTest {
    private static BadInputException bad(int[] shape, float[] z, int[] y) {
        BadInputException e = assertThrows(BadInputException.class, () -> LossInput.of(shape, z, y, "case7"));
        assertEquals(ExitCode.BAD_INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith("case7: "), e.getMessage());
        return e;
    }

    @Test
    void refusesLabelsOutsideTheClasses() {
        String m = bad(new int[] {1, 2, 1, 1, 2}, new float[4], new int[] {0, 2}).getMessage();
        assertTrue(m.contains("label 2 at voxel 1") && m.contains("outside [0, 2)"), m);
        assertTrue(bad(new int[] {1, 2, 1, 1, 2}, new float[4], new int[] {-1, 0}).getMessage().contains("label -1"));
    }

    @Test
    void refusesNanAndInfiniteLogits() {
        assertTrue(bad(new int[] {1, 2, 1, 1, 2}, new float[] {0, Float.NaN, 0, 0}, new int[] {0, 1}).getMessage().contains("logit 1"));
        assertTrue(bad(new int[] {1, 2, 1, 1, 2}, new float[] {0, 0, Float.NEGATIVE_INFINITY, 0}, new int[] {0, 1})
                .getMessage().contains("is -Infinity"));
    }

    @Test
    void refusesShapeMismatches() {
        assertTrue(bad(new int[] {1, 2, 1, 1, 2}, new float[4], new int[] {0, 1, 0}).getMessage().contains("labels have 3 voxels"));
        assertTrue(bad(new int[] {1, 2, 1, 2}, new float[4], new int[] {0, 1}).getMessage().contains("rank 4"));
        assertTrue(bad(new int[] {1, 2, 1, 1, 2}, new float[5], new int[] {0, 1}).getMessage().contains("needs 4 values, got 5"));
        assertTrue(bad(new int[] {1, 1, 1, 1, 2}, new float[2], new int[] {0, 0}).getMessage().contains("K = 1"));
        assertTrue(bad(new int[] {1, 2, 0, 1, 2}, new float[0], new int[0]).getMessage().contains("empty dimension"));
    }

    @Test
    void logSoftmaxKeepsTinyProbabilitiesOfTheComplement() {
        // logits (40, 0): -ln p_0 = ln(1 + e^-40) = 4.248e-18, which z - logsumexp would round to 0
        LossInput in = LossInput.of(new int[] {1, 2, 1, 1, 1}, new float[] {40, 0}, new int[] {0}, "t");
        assertEquals(Math.exp(-40), in.nll(0, 0), 1e-30);
        assertEquals(Math.exp(-40) / (1 + Math.exp(-40)), in.labelComplement(0, 0), 1e-30);
        assertEquals(40 + Math.exp(-40), -in.logSoftmax()[1], 1e-12);
    }
}
