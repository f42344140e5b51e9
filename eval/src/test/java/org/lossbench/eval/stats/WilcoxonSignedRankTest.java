package org.lossbench.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class WilcoxonSignedRankTest {
    /**
     * Every case of wilcoxon_scipy.json (tools/wilcoxon_reference.py): statistic identical, p within
     * 1e-12 relative, same method; a case where scipy raises gets lossbench's convention instead
     * (p = 1, T = 0, method none).
     */
    @TestFactory
    Stream<DynamicTest> agreesWithScipy() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : ScipyFixture.root().get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                WilcoxonSignedRank.Result r = WilcoxonSignedRank.test(ScipyFixture.differences(c));
                assertEquals(c.get("n").asInt(), r.n());
                assertEquals(c.get("n_zero").asInt(), r.nZero());
                if (c.has("scipy_error")) {
                    assertEquals(1.0, r.p());
                    assertEquals(0.0, r.statistic());
                    assertEquals(WilcoxonSignedRank.Method.NONE, r.method());
                    return;
                }
                assertEquals(c.get("statistic").doubleValue(), r.statistic());
                double p = c.get("p").doubleValue();
                assertTrue(ScipyFixture.closeRelative(p, r.p(), 1e-12), "p " + r.p() + ", scipy " + p);
                assertEquals(c.get("method").asText(), r.method().label());
            }));
        }
        assertTrue(tests.size() >= 20, "fixture holds " + tests.size() + " cases");
        return tests.stream();
    }

    /**
     * Seven zero differences and one improvement: no evidence of a difference. scipy drops the
     * zeros and gives p = 1; ranking the zeros as negative (commons-math did) gave 2/2^8 = 0.0078.
     */
    @Test
    void sevenTiesAndOneImprovementGiveScipysP() {
        JsonNode c = ScipyFixture.testCase("seven_zeros_one_positive");
        assertEquals(1.0, c.get("p").doubleValue());
        WilcoxonSignedRank.Result r = WilcoxonSignedRank.test(ScipyFixture.differences(c));
        assertEquals(1.0, r.p());
        assertEquals(1, r.nNonZero());
        assertEquals(WilcoxonSignedRank.Method.EXACT, r.method());
    }

    /**
     * Random samples of 1..14 values drawn from a few integers (many ties, some zeros), against a
     * brute-force permutation test written here: midranks by counting, all 2^n' sign patterns,
     * p = min(1, 2 min(#(R+ <= r), #(R+ >= r)) / 2^n'). Samples whose n' is at most 13, or has no
     * ties, must agree exactly.
     */
    @Test
    void exactPathEqualsBruteForcePermutationTest() {
        SplittableRandom rng = new SplittableRandom(11);
        int checked = 0;
        for (int trial = 0; trial < 400; trial++) {
            int n = 1 + rng.nextInt(14);
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = (rng.nextInt(9) - 4) * 0.5;
            }
            double[] nz = Arrays.stream(d).filter(v -> v != 0).toArray();
            WilcoxonSignedRank.Result r = WilcoxonSignedRank.test(d);
            if (nz.length == 0) {
                assertEquals(WilcoxonSignedRank.Method.NONE, r.method());
                continue;
            }
            if (r.method() != WilcoxonSignedRank.Method.EXACT) {
                assertTrue(nz.length > WilcoxonSignedRank.PERMUTATION_LIMIT, Arrays.toString(d));
                continue;
            }
            double[] rank = new double[nz.length];
            for (int i = 0; i < nz.length; i++) {
                int less = 0;
                int equal = 0;
                for (double v : nz) {
                    less += Math.abs(v) < Math.abs(nz[i]) ? 1 : 0;
                    equal += Math.abs(v) == Math.abs(nz[i]) ? 1 : 0;
                }
                rank[i] = less + (equal + 1) / 2.0;
            }
            double observed = 0;
            double all = 0;
            for (int i = 0; i < nz.length; i++) {
                observed += nz[i] > 0 ? rank[i] : 0;
                all += rank[i];
            }
            long le = 0;
            long ge = 0;
            for (int mask = 0; mask < 1 << nz.length; mask++) {
                double s = 0;
                for (int i = 0; i < nz.length; i++) {
                    s += (mask >> i & 1) == 1 ? rank[i] : 0;
                }
                le += s <= observed ? 1 : 0;
                ge += s >= observed ? 1 : 0;
            }
            double p = Math.min(1.0, 2.0 * Math.min(le, ge) / (1L << nz.length));
            assertEquals(p, r.p(), Arrays.toString(d));
            assertEquals(Math.min(observed, all - observed), r.statistic());
            checked++;
        }
        assertTrue(checked > 300, checked + " samples took the exact path");
    }

    /**
     * Power floor: 8 differences of one sign give 2/2^8 = 0.0078125, and 21 such tests under Holm
     * 21 x 0.0078125 = 0.1640625, above 0.05 (an underpowered design); 60 equal differences of one
     * sign give the far normal floor 2 Q(sqrt 60), which scipy computes for [0.25] * 60.
     */
    @Test
    void smallestReachablePValues() {
        assertEquals(1.0, WilcoxonSignedRank.smallestTwoSidedP(0));
        assertEquals(1.0, WilcoxonSignedRank.smallestTwoSidedP(1));
        assertEquals(0.5, WilcoxonSignedRank.smallestTwoSidedP(2));
        assertEquals(0.0078125, WilcoxonSignedRank.smallestTwoSidedP(8));
        assertEquals(WilcoxonSignedRank.test(new double[] {1, 2, 3, 4, 5, 6, 7, 8}).p(),
                WilcoxonSignedRank.smallestTwoSidedP(8));
        assertEquals(Math.scalb(1.0, -49), WilcoxonSignedRank.smallestTwoSidedP(50));
        assertEquals(0.1640625, WilcoxonSignedRank.smallestHolmP(8, 21));
        assertEquals(1.0, WilcoxonSignedRank.smallestHolmP(3, 5));
        double floor60 = ScipyFixture.testCase("n60_all_tied_positive").get("p").doubleValue();
        assertTrue(ScipyFixture.closeRelative(floor60, WilcoxonSignedRank.smallestTwoSidedP(60), 1e-12));
        double untied60 = ScipyFixture.testCase("n60_all_negative_normal_tail").get("p").doubleValue();
        assertTrue(WilcoxonSignedRank.smallestTwoSidedP(60) < untied60);
        assertThrows(IllegalArgumentException.class, () -> WilcoxonSignedRank.smallestHolmP(8, 0));
        assertThrows(IllegalArgumentException.class, () -> WilcoxonSignedRank.smallestTwoSidedP(-1));
    }

    @Test
    void noDifferencesOrOnlyZerosGivePOne() {
        WilcoxonSignedRank.Result none = WilcoxonSignedRank.test(new double[0]);
        assertEquals(new WilcoxonSignedRank.Result(0, 0, 0, 1, WilcoxonSignedRank.Method.NONE), none);
        WilcoxonSignedRank.Result zeros = WilcoxonSignedRank.test(new double[] {0.0, -0.0, 0.0});
        assertEquals(new WilcoxonSignedRank.Result(3, 3, 0, 1, WilcoxonSignedRank.Method.NONE), zeros);
    }

    @Test
    void nanDifferenceIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WilcoxonSignedRank.test(new double[] {1, Double.NaN}));
        assertTrue(e.getMessage().contains("difference 1 is NaN"), e.getMessage());
    }
}
