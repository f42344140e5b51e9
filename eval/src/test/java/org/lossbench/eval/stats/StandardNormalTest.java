package org.lossbench.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The normal tail and quantile against scipy.special.ndtr / ndtri (wilcoxon_scipy.json). */
class StandardNormalTest {
    @Test
    void upperTailMatchesScipyFromTheCentreToTheFarTail() {
        for (JsonNode e : ScipyFixture.root().get("normal_upper_tail")) {
            double z = e.get("z").doubleValue();
            double expected = e.get("sf").doubleValue();
            double actual = StandardNormal.upperTail(z);
            assertTrue(ScipyFixture.closeRelative(expected, actual, 1e-12), "Q(" + z + ") = " + actual + ", scipy " + expected);
            double lower = StandardNormal.upperTail(-z);
            assertTrue(ScipyFixture.closeRelative(1 - expected, lower, 1e-12), "Q(-" + z + ") = " + lower);
        }
    }

    @Test
    void quantileMatchesScipy() {
        for (JsonNode e : ScipyFixture.root().get("normal_quantile")) {
            double p = e.get("p").doubleValue();
            double expected = e.get("z").doubleValue();
            assertEquals(expected, StandardNormal.quantile(p), 1e-12 * Math.max(1, Math.abs(expected)), "quantile " + p);
        }
        assertThrows(IllegalArgumentException.class, () -> StandardNormal.quantile(1));
    }
}
