package org.lossbench.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Invariants of the signed-rank test on samples with many ties and zeros (halves of small
 * integers) and on continuous ones, small enough for the exact path and large enough for the
 * normal one.
 */
class WilcoxonSignedRankProperties {
    @Property(tries = 300)
    void pIsAProbabilityAboveTheFloor(@ForAll @Size(max = 70) List<@IntRange(min = -6, max = 6) Integer> halves) {
        WilcoxonSignedRank.Result r = WilcoxonSignedRank.test(halves(halves));
        assertTrue(r.p() >= 0 && r.p() <= 1, r.toString());
        assertTrue(r.p() >= WilcoxonSignedRank.smallestTwoSidedP(r.nNonZero()) * (1 - 1e-12), r.toString());
        assertTrue(r.statistic() >= 0 && r.statistic() <= r.nNonZero() * (r.nNonZero() + 1) / 4.0, r.toString());
    }

    /** d and -d swap R+ and R-: the two-sided test gives the same statistic and p. */
    @Property(tries = 300)
    void mirroringTheDifferencesChangesNothing(@ForAll @Size(max = 70) List<@DoubleRange(min = -3, max = 3) Double> d) {
        double[] a = d.stream().mapToDouble(Double::doubleValue).toArray();
        double[] mirrored = Arrays.stream(a).map(v -> -v).toArray();
        WilcoxonSignedRank.Result r = WilcoxonSignedRank.test(a);
        WilcoxonSignedRank.Result m = WilcoxonSignedRank.test(mirrored);
        assertEquals(r.statistic(), m.statistic());
        assertEquals(r.p(), m.p());
        assertEquals(r.method(), m.method());
    }

    /** Zero differences are dropped: adding some changes only n and nZero. */
    @Property(tries = 300)
    void addingZerosChangesNothing(@ForAll @Size(max = 60) List<@IntRange(min = -6, max = 6) Integer> halves,
                                   @ForAll @IntRange(min = 1, max = 20) int zeros) {
        double[] d = halves(halves);
        double[] padded = Arrays.copyOf(d, d.length + zeros);
        WilcoxonSignedRank.Result r = WilcoxonSignedRank.test(d);
        WilcoxonSignedRank.Result z = WilcoxonSignedRank.test(padded);
        assertEquals(r.n() + zeros, z.n());
        assertEquals(r.nZero() + zeros, z.nZero());
        assertEquals(r.statistic(), z.statistic());
        assertEquals(r.p(), z.p());
        assertEquals(r.method(), z.method());
    }

    private static double[] halves(List<Integer> values) {
        return values.stream().mapToDouble(v -> v * 0.5).toArray();
    }
}
