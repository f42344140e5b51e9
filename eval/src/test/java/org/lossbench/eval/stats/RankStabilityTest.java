package org.lossbench.eval.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.lossbench.core.BadInputException;

class RankStabilityTest {
    private static Map<String, Double> cases(double... v) {
        Map<String, Double> m = new TreeMap<>();
        for (int i = 0; i < v.length; i++) {
            m.put("c" + i, v[i]);
        }
        return m;
    }

    private static Map<Long, Map<String, Double>> seeds(double[]... bySeed) {
        Map<Long, Map<String, Double>> m = new TreeMap<>();
        for (int s = 0; s < bySeed.length; s++) {
            m.put((long) s, cases(bySeed[s]));
        }
        return m;
    }

    /** Scores 0.9, NaN, 0.9, 0.5: the two 0.9 share rank 1, 0.5 is third, NaN last. */
    @Test
    void tiesTakeTheSmallestRankAndNaNComesLast() {
        assertArrayEquals(new int[] {1, 4, 1, 3}, RankStability.ranks(new double[] {0.9, Double.NaN, 0.9, 0.5}));
    }

    /**
     * A beats B and B beats C on every case and seed: every resample ranks them 1, 2, 3, so A is best
     * with probability 1, every rank count sits on the observed rank, and tau is 1 every time.
     */
    @Test
    void aLossThatDominatesEveryCaseIsAlwaysBest() {
        Map<String, Map<Long, Map<String, Double>>> v = new LinkedHashMap<>();
        v.put("b", seeds(new double[] {0.6, 0.5, 0.7}, new double[] {0.65, 0.4, 0.75}));
        v.put("a", seeds(new double[] {0.9, 0.8, 0.95}, new double[] {0.85, 0.82, 0.9}, new double[] {0.91, 0.7, 0.99}));
        v.put("c", seeds(new double[] {0.1, 0.2, 0.3}));
        RankStability.Result r = RankStability.of(v, 3);
        assertEquals(RankStability.BOOTSTRAP_RESAMPLES, r.resamples());
        assertEquals(List.of("b", "a", "c"), r.losses().stream().map(RankStability.LossRank::loss).toList());
        RankStability.LossRank a = r.losses().get(1);
        assertEquals(1, a.rank());
        assertEquals(((0.9 + 0.8 + 0.95) / 3 + (0.85 + 0.82 + 0.9) / 3 + (0.91 + 0.7 + 0.99) / 3) / 3, a.score(), 1e-12);
        assertEquals(1.0, a.pBest());
        assertEquals(List.of(1000, 0, 0), a.rankCounts());
        assertEquals(1.0, a.meanRank());
        assertEquals(1.0, a.medianRank());
        assertEquals(List.of(0, 1000, 0), r.losses().get(0).rankCounts());
        assertEquals(0.0, r.losses().get(2).pBest());
        assertEquals(3.0, r.losses().get(2).medianRank());
        assertEquals(1.0, r.kendallTauMean(), 1e-15);
        assertEquals(1.0, r.kendallTauMedian(), 1e-15);
        assertEquals(0, r.kendallTauUndefined());
    }

    /**
     * A and its copy A' (one seed each) get the same score in every resample: both rank 1 each time
     * (ties share the smallest rank) and both count as best; C, below on every case, is third.
     * Observed and resampled rankings are (1, 1, 3): tau-b = 2 / sqrt(2 · 2) = 1. With the copies
     * alone every ranking is a full tie and tau is undefined in every resample.
     */
    @Test
    void identicalLossesTie() {
        Map<Long, Map<String, Double>> a = seeds(new double[] {0.7, 0.9, 0.2, 0.5});
        Map<String, Map<Long, Map<String, Double>>> v = new LinkedHashMap<>();
        v.put("a", a);
        v.put("a'", a);
        v.put("c", seeds(new double[] {0.6, 0.8, 0.1, 0.4}));
        RankStability.Result r = RankStability.of(v, 200, 5);
        for (int i = 0; i < 2; i++) {
            RankStability.LossRank l = r.losses().get(i);
            assertEquals(1, l.rank());
            assertEquals(1.0, l.pBest());
            assertEquals(List.of(200, 0, 0), l.rankCounts());
        }
        assertEquals(3, r.losses().get(2).rank());
        assertEquals(List.of(0, 0, 200), r.losses().get(2).rankCounts());
        assertEquals(1.0, r.kendallTauMean(), 1e-15);
        Map<String, Map<Long, Map<String, Double>>> twins = new LinkedHashMap<>();
        twins.put("a", a);
        twins.put("a'", a);
        RankStability.Result t = RankStability.of(twins, 50, 5);
        assertEquals(50, t.kendallTauUndefined());
        assertTrue(Double.isNaN(t.kendallTauMean()) && Double.isNaN(t.kendallTauMedian()));
    }

    /**
     * Three losses whose per-case values cross (two seeds each, four cases). The exact bootstrap
     * distribution is enumerated here: 4^4 equally likely ordered case draws times 2^2 seed draws
     * per loss, 16384 resamples in all, each scored and ranked directly. The bootstrap estimates with
     * 40000 resamples must lie within 0.01 of the exact rank probabilities (4 standard errors) and
     * mean ranks and mean tau within 0.02.
     */
    @Test
    void crossingLossesAgreeWithTheExactBootstrapDistribution() {
        double[][][] v = {
            {{0.9, 0.5, 0.8, 0.4}, {0.85, 0.55, 0.75, 0.45}},
            {{0.6, 0.8, 0.6, 0.7}, {0.7, 0.7, 0.65, 0.6}},
            {{0.7, 0.6, 0.9, 0.5}, {0.52, 0.75, 0.7, 0.55}},
        };
        String[] names = {"x", "y", "z"};
        Map<String, Map<Long, Map<String, Double>>> in = new LinkedHashMap<>();
        for (int l = 0; l < 3; l++) {
            in.put(names[l], seeds(v[l]));
        }
        double[][] exact = new double[3][3];
        double[] exactMeanRank = new double[3];
        double exactTau = 0;
        int[] observed = RankStability.ranks(new double[] {0.65, 0.66875, 0.6525});
        int total = 0;
        for (int code = 0; code < 256; code++) {
            int[] cs = {code & 3, (code >> 2) & 3, (code >> 4) & 3, (code >> 6) & 3};
            for (int seedCode = 0; seedCode < 64; seedCode++) {
                double[] scores = new double[3];
                for (int l = 0; l < 3; l++) {
                    int s0 = (seedCode >> (2 * l)) & 1;
                    int s1 = (seedCode >> (2 * l + 1)) & 1;
                    scores[l] = (mean(v[l][s0], cs) + mean(v[l][s1], cs)) / 2;
                }
                int[] rank = new int[3];
                for (int l = 0; l < 3; l++) {
                    rank[l] = 1;
                    for (int m = 0; m < 3; m++) {
                        if (scores[m] > scores[l]) {
                            rank[l]++;
                        }
                    }
                    exact[l][rank[l] - 1]++;
                    exactMeanRank[l] += rank[l];
                }
                exactTau += KendallTau.tauB(toDouble(observed), toDouble(rank));
                total++;
            }
        }
        int b = 40_000;
        RankStability.Result r = RankStability.of(in, b, 2024);
        assertArrayEquals(new int[] {3, 1, 2}, r.losses().stream().mapToInt(RankStability.LossRank::rank).toArray());
        for (int l = 0; l < 3; l++) {
            RankStability.LossRank lr = r.losses().get(l);
            for (int k = 0; k < 3; k++) {
                double p = exact[l][k] / total;
                assertEquals(p, lr.rankCounts().get(k) / (double) b, 0.01, names[l] + " rank " + (k + 1));
            }
            assertEquals(exact[l][0] / total, lr.pBest(), 0.01, names[l]);
            assertEquals(exactMeanRank[l] / total, lr.meanRank(), 0.02, names[l]);
            assertTrue(exact[l][0] > 0.05 * total, names[l] + " should be best in a fair share of resamples");
        }
        assertEquals(exactTau / total, r.kendallTauMean(), 0.02);
    }

    private static double mean(double[] values, int[] picks) {
        double s = 0;
        for (int i : picks) {
            s += values[i];
        }
        return s / picks.length;
    }

    private static double[] toDouble(int[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    @Test
    void sameSeedSameResult() {
        Map<String, Map<Long, Map<String, Double>>> v = new LinkedHashMap<>();
        v.put("p", seeds(new double[] {0.5, 0.9, 0.4}, new double[] {0.6, 0.8, 0.3}));
        v.put("q", seeds(new double[] {0.7, 0.6, 0.5}, new double[] {0.4, 0.9, 0.6}));
        assertEquals(RankStability.of(v, 300, 8), RankStability.of(v, 300, 8));
    }

    @Test
    void differentCasesAreRefused() {
        Map<String, Map<Long, Map<String, Double>>> v = new LinkedHashMap<>();
        v.put("p", seeds(new double[] {0.5, 0.9, 0.4}));
        v.put("q", Map.of(0L, Map.of("c0", 0.5, "c1", 0.9, "c9", 0.1)));
        BadInputException e = assertThrows(BadInputException.class, () -> RankStability.of(v, 1));
        assertTrue(e.getMessage().contains("loss q seed 0") && e.getMessage().contains("case c2"), e.getMessage());
        assertThrows(BadInputException.class, () -> RankStability.of(Map.of(), 1));
        assertThrows(BadInputException.class, () -> RankStability.of(Map.of("p", Map.of()), 1));
    }
}
