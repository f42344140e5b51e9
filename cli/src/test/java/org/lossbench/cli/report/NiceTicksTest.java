package org.lossbench.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Heckbert's nice ticks, worked out by hand. */
class NiceTicksTest {
    @Test
    void unitIntervalInSteps() {
        NiceTicks t = NiceTicks.of(0, 1, 6); // range nice(1) = 1, step nice(0.2) = 0.2
        assertEquals(0, t.lo());
        assertEquals(1, t.hi(), 1e-12);
        assertEquals(0.2, t.step(), 1e-12);
        assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0"), t.values().stream().map(t::label).toList());
    }

    @Test
    void smallSecondsGetTwoDecimals() {
        NiceTicks t = NiceTicks.of(0, 0.137, 5); // range nice(0.137) = 0.2, step nice(0.05) = 0.05, hi = 3 steps
        assertEquals(0.05, t.step(), 1e-12);
        assertEquals(0.15, t.hi(), 1e-12);
        assertEquals(List.of("0.00", "0.05", "0.10", "0.15"), t.values().stream().map(t::label).toList());
    }

    @Test
    void largeValuesGetIntegerTicks() {
        NiceTicks t = NiceTicks.of(0, 87, 5); // range nice(87) = 100, step nice(25) = 20 (2.5 rounds to 2)
        assertEquals(20, t.step(), 1e-12);
        assertEquals(100, t.hi(), 1e-12);
        assertEquals(List.of("0", "20", "40", "60", "80", "100"), t.values().stream().map(t::label).toList());
    }

    @Test
    void aSingleValueGetsARange() {
        NiceTicks t = NiceTicks.of(0.5, 0.5, 5);
        assertEquals(true, t.lo() <= 0.45 && t.hi() >= 0.55, t.toString());
    }
}
