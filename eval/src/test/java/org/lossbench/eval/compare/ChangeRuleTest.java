package org.lossbench.eval.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lossbench.eval.compare.Thresholds.SeedSpread;
import org.lossbench.eval.compare.Thresholds.Threshold;

/** The two-sided rule, the blind rule and the derived thresholds, against values worked out by hand. */
class ChangeRuleTest {
    static final Threshold T = new Threshold(0.02, "t");

    static Status higher(Double b, Double c) {
        return ChangeRule.higherIsBetter("x", b, c, T).status();
    }

    static Status lower(Double b, Double c, double t) {
        return ChangeRule.lowerIsBetter("x", " mm", b, c, new Threshold(t, "t")).status();
    }

    @Test
    void higherIsBetterBothWays() {
        assertEquals(Status.REGRESSION, higher(0.50, 0.47));
        assertEquals(Status.IMPROVEMENT, higher(0.50, 0.53));
        assertEquals(Status.OK, higher(0.50, 0.48));   // exactly the threshold: 0.48 - 0.50 = -0.020000000000000018, within the slack
        assertEquals(Status.OK, higher(0.50, 0.52));
        assertEquals(Status.NEW, higher(null, 0.5));
        assertEquals(Status.NEW, higher(Double.NaN, 0.5));
        assertEquals(Status.REGRESSION, higher(0.5, null));
        assertEquals(Status.REGRESSION, higher(0.5, Double.NaN));
    }

    @Test
    void aValueAtOrBelowTheThresholdCannotShowADrop() {
        // 0.02 - 0.02 = 0 is the lowest value reachable from 0.02, a drop of exactly the threshold: blind
        assertEquals(Status.BLIND, higher(0.02, 0.02));
        assertEquals(Status.BLIND, higher(0.0, 0.0));
        assertEquals(Status.BLIND, higher(0.01, 0.0));
        // just above: a drop to 0 would be 0.0201 > 0.02
        assertEquals(Status.OK, higher(0.0201, 0.0201));
        assertEquals(Status.REGRESSION, higher(0.0201, 0.0));
        // a blind check still sees a rise
        assertEquals(Status.IMPROVEMENT, higher(0.0, 0.03));
    }

    @Test
    void lowerIsBetterAndInfinity() {
        assertEquals(Status.REGRESSION, lower(5.0, 6.5, 1.0));
        assertEquals(Status.IMPROVEMENT, lower(5.0, 3.5, 1.0));
        assertEquals(Status.OK, lower(5.0, 6.0, 1.0));
        assertEquals(Status.REGRESSION, lower(5.0, Double.POSITIVE_INFINITY, 1.0));
        assertEquals(Status.IMPROVEMENT, lower(Double.POSITIVE_INFINITY, 5.0, 1.0));
        // inf in both is no change (inf - inf would be NaN), and an infinite baseline cannot rise: blind
        ChangeRule.Verdict v = ChangeRule.lowerIsBetter("median HD95", " mm", Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                new Threshold(1, "t"));
        assertEquals(Status.BLIND, v.status());
        assertEquals("blind: the baseline median HD95 is infinite (half or more of its (seed, case) pairs have no predicted voxel of the class), "
                + "so no rise can show; changed by 0.000 mm (inf -> inf mm)", v.message());
        // a finite HD95 near 0 is not blind: it can always rise
        assertEquals(Status.OK, lower(0.0, 0.0, 1.0));
    }

    @Test
    void derivedThresholds() {
        Thresholds th = new Thresholds(0.01, 2.0, 0.02, 0.1, 1.0, 0.02, 1.5, Thresholds.TimingPool.LOSS, true, false);
        // 2 x 0.015 = 0.03
        assertEquals(0.03, th.diceThreshold(new SeedSpread(3, 0.015)).value(), 1e-15);
        assertEquals(0.01, th.diceThreshold(new SeedSpread(1, Double.NaN)).value());
        assertEquals(0.01, th.diceThreshold(null).value());
        assertEquals(0.01, Thresholds.defaults().diceThreshold(new SeedSpread(3, 0.015)).value(), "without K the fixed threshold");
        // HD95: max(0.1 x 20, 1) = 2 mm; max(0.1 x 4, 1) = 1 mm; an infinite baseline keeps the floor
        assertEquals(2.0, th.hd95Threshold(20).value(), 1e-15);
        assertEquals(1.0, th.hd95Threshold(4).value());
        assertEquals(1.0, th.hd95Threshold(Double.POSITIVE_INFINITY).value());
        assertEquals("max(10% of 20.00, 1 mm) = 2.000 mm (--max-hd95-rise 0.1, --hd95-floor-mm 1)", th.hd95Threshold(20).source());
    }
}
