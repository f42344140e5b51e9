package org.lossbench.eval.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The timing rule's statistics and verdicts, against values worked out by hand (percentiles: numpy's linear method). */
class TimingRuleTest {
    @Test
    void statisticsOfFiveSamples() {
        // sorted 0.10 0.11 0.12 0.13 0.30; P90 at 0.9 * 4 = 3.6: 0.13 + 0.6 * 0.17; P10 at 0.4: 0.10 + 0.4 * 0.01
        TimingRule.Stats s = TimingRule.Stats.of(new double[] {0.30, 0.12, 0.10, 0.13, 0.11});
        assertEquals(5, s.n());
        assertEquals(0.12, s.median(), 1e-15);
        assertEquals(0.232, s.p90(), 1e-12);
        assertEquals(0.104, s.p10(), 1e-12);
    }

    @Test
    void oneOrTwoSamples() {
        TimingRule.Stats one = TimingRule.Stats.of(new double[] {0.5});
        assertEquals(0.5, one.median());
        assertEquals(0.5, one.p90());
        // two samples: median the mean, P90 at 0.9 of the way
        TimingRule.Stats two = TimingRule.Stats.of(new double[] {1.0, 2.0});
        assertEquals(1.5, two.median(), 1e-15);
        assertEquals(1.9, two.p90(), 1e-12);
        assertEquals(1.1, two.p10(), 1e-12);
        // with one baseline sample the rule is the factor alone
        assertEquals(Status.REGRESSION, TimingRule.judge(one, TimingRule.Stats.of(new double[] {0.76}), 1.5));
        assertEquals(Status.OK, TimingRule.judge(one, TimingRule.Stats.of(new double[] {0.75}), 1.5));
    }

    @Test
    void bothConditionsAreNeeded() {
        TimingRule.Stats base = TimingRule.Stats.of(new double[] {0.10, 0.11, 0.12, 0.13, 0.30});
        // above 1.5 x 0.12 = 0.18 but not above P90 0.232
        assertEquals(Status.OK, TimingRule.judge(base, TimingRule.Stats.of(new double[] {0.20}), 1.5));
        // above P90 but not above 3 x 0.12 = 0.36
        assertEquals(Status.OK, TimingRule.judge(base, TimingRule.Stats.of(new double[] {0.30}), 3));
        assertEquals(Status.REGRESSION, TimingRule.judge(base, TimingRule.Stats.of(new double[] {0.37}), 3));
        // faster: 0.05 * 1.5 < 0.12 and below P10 0.104; 0.079 * 1.5 = 0.1185 < 0.12 and below P10
        assertEquals(Status.IMPROVEMENT, TimingRule.judge(base, TimingRule.Stats.of(new double[] {0.05}), 1.5));
        assertEquals(Status.IMPROVEMENT, TimingRule.judge(base, TimingRule.Stats.of(new double[] {0.079}), 1.5));
        assertEquals(Status.OK, TimingRule.judge(base, TimingRule.Stats.of(new double[] {0.081}), 1.5));
    }
}
