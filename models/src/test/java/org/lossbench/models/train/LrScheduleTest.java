package org.lossbench.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.lossbench.core.LossbenchException;

class LrScheduleTest {
    @Test
    void stepHalvesEveryTenSteps() {
        LrSchedule s = LrSchedule.parse("step:every=10,gamma=0.5");
        assertEquals(1e-3, s.at(1e-3, 1, 100), 0);
        assertEquals(1e-3, s.at(1e-3, 10, 100), 0);
        assertEquals(5e-4, s.at(1e-3, 11, 100), 0);
        assertEquals(2.5e-4, s.at(1e-3, 21, 100), 1e-18);
        assertEquals(1e-4, LrSchedule.parse("step:every=5").at(1e-3, 6, 100), 1e-18, "gamma defaults to 0.1");
    }

    @Test
    void polyFollowsNnUnet() {
        LrSchedule s = LrSchedule.parse("poly");
        assertEquals(1e-2, s.at(1e-2, 1, 100), 0, "first step at the base rate");
        // (1 - 50/100)^0.9 = 0.5^0.9 = 0.535886731...
        assertEquals(1e-2 * 0.5358867312681466, s.at(1e-2, 51, 100), 1e-15);
        assertEquals(1e-2 * Math.pow(0.01, 2), LrSchedule.parse("poly:power=2").at(1e-2, 100, 100), 1e-15);
        assertEquals(3e-4, LrSchedule.parse("constant").at(3e-4, 77, 100), 0);
    }

    @Test
    void badSpecsAreUsageErrors() {
        for (String bad : new String[] {"cosine", "step", "step:every=0", "poly:gamma=2", "constant:x=1", "step:every=a"}) {
            LossbenchException e = assertThrows(LossbenchException.class, () -> LrSchedule.parse(bad), bad);
            assertEquals(2, e.exitCode().code());
        }
    }
}
