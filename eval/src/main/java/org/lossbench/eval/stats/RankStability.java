package org.lossbench.eval.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.lossbench.core.BadInputException;

/**
 * How stable the ranking of losses is under resampling of the test cases and the training seeds,
 * after challengeR (Wiesenfarth et al. 2021, "Methods and open-source toolkit for analyzing and
 * visualizing challenge results", Sci Rep 11:2369): rank-then-aggregate is replaced here by the
 * score lossbench ranks by, and the bootstrap adds the seed level.
 *
 * <p><b>Score and ranking.</b> A loss's score is the mean over its seeds of the per-seed mean over
 * cases (NaN values left out, as in {@link SeedLevelSummary}; a seed without a defined value is left
 * out; NaN when no seed has one). Higher is better. Ranks are {@code 1 + #(losses with a strictly
 * higher score)}, so ties share the smallest rank (R's {@code rank(ties.method = "min")}, challengeR's
 * default); a NaN score ranks below every defined one.
 *
 * <p><b>Bootstrap.</b> Each of the resamples draws, from one {@link SplittableRandom} seeded with
 * {@code seed}, first N case ids with replacement (N the number of cases), the same drawn cases for
 * every loss, keeping the pairing as challengeR's bootstrap does; then, loss by loss in the given
 * order, that loss's S seeds with replacement; it recomputes every score over the drawn seeds and
 * cases and ranks them. Per loss it counts the ranks; over the resamples it computes Kendall's
 * tau-b ({@link KendallTau}) between the observed ranking and the resample's, summarised by mean and
 * median over the resamples where tau is defined (challengeR's {@code violin} summary, which drops
 * the undefined ones, e.g. every loss tied).
 */
public final class RankStability {
    /** Resamples of {@link #of(Map, long)}. */
    public static final int BOOTSTRAP_RESAMPLES = 1000;

    private RankStability() {
    }

    /**
     * One loss's observed rank and its bootstrap distribution.
     *
     * @param score the observed score (mean over seeds of the per-seed mean)
     * @param rank the observed rank, 1 = best
     * @param rankCounts element {@code r - 1}: resamples in which the loss ranked r (r = 1..number of losses)
     * @param pBest share of resamples in which the loss ranked 1, ties included
     * @param meanRank mean rank over the resamples
     * @param medianRank median rank over the resamples (numpy's linear median)
     */
    public record LossRank(String loss, double score, int rank, List<Integer> rankCounts, double pBest, double meanRank,
                           double medianRank) {
        public LossRank {
            rankCounts = List.copyOf(rankCounts);
        }
    }

    /**
     * The ranking's stability.
     *
     * @param losses per loss, in the order given
     * @param kendallTauMean mean over the resamples of tau-b(observed ranks, resample's ranks)
     * @param kendallTauMedian median of the same
     * @param kendallTauUndefined resamples where tau-b is undefined (a ranking with every loss tied), left out
     */
    public record Result(List<LossRank> losses, int resamples, double kendallTauMean, double kendallTauMedian,
                         int kendallTauUndefined) {
        public Result {
            losses = List.copyOf(losses);
        }
    }

    /** {@link #of(Map, int, long)} with {@link #BOOTSTRAP_RESAMPLES} resamples. */
    public static Result of(Map<String, Map<Long, Map<String, Double>>> values, long seed) {
        return of(values, BOOTSTRAP_RESAMPLES, seed);
    }

    /**
     * Ranks the losses and bootstraps the ranking.
     *
     * @param values loss → training seed → case id → value (higher is better), losses in the order
     *               wanted in the result (a {@link java.util.LinkedHashMap} or a sorted map)
     * @param resamples number of bootstrap resamples, at least 1
     * @param seed seeds the bootstrap
     * @throws BadInputException when there is no loss, a loss has no seed, or a (loss, seed) lacks a
     *                           case another one has
     */
    public static Result of(Map<String, Map<Long, Map<String, Double>>> values, int resamples, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be at least 1, got " + resamples);
        }
        List<String> names = new ArrayList<>(values.keySet());
        double[][][] v = matrices(values, names);
        int nLosses = names.size();
        int nCases = v[0][0].length;
        double[] observed = new double[nLosses];
        int[] allCases = identity(nCases);
        for (int l = 0; l < nLosses; l++) {
            double[] seedMeans = seedMeans(v[l], allCases);
            observed[l] = meanOfDefined(seedMeans, identity(seedMeans.length));
        }
        int[] observedRanks = ranks(observed);
        double[] observedAsDouble = Arrays.stream(observedRanks).asDoubleStream().toArray();
        int[][] bootRanks = new int[nLosses][resamples];
        List<Double> taus = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(seed);
        double[] scores = new double[nLosses];
        int[] cases = new int[nCases];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < nCases; i++) {
                cases[i] = rng.nextInt(nCases);
            }
            for (int l = 0; l < nLosses; l++) {
                double[] seedMeans = seedMeans(v[l], cases);
                int[] drawn = new int[seedMeans.length];
                for (int s = 0; s < drawn.length; s++) {
                    drawn[s] = rng.nextInt(seedMeans.length);
                }
                scores[l] = meanOfDefined(seedMeans, drawn);
            }
            int[] r = ranks(scores);
            for (int l = 0; l < nLosses; l++) {
                bootRanks[l][b] = r[l];
            }
            double tau = KendallTau.tauB(observedAsDouble, Arrays.stream(r).asDoubleStream().toArray());
            if (!Double.isNaN(tau)) {
                taus.add(tau);
            }
        }
        List<LossRank> out = new ArrayList<>();
        for (int l = 0; l < nLosses; l++) {
            out.add(lossRank(names.get(l), observed[l], observedRanks[l], bootRanks[l], nLosses));
        }
        double[] t = taus.stream().mapToDouble(Double::doubleValue).toArray();
        double tauMean = t.length == 0 ? Double.NaN : Arrays.stream(t).sum() / t.length;
        double tauMedian = t.length == 0 ? Double.NaN : Percentiles.percentile(t, 50);
        return new Result(out, resamples, tauMean, tauMedian, resamples - t.length);
    }

    /**
     * Ranks of {@code scores}, higher is better: {@code 1 + #(strictly higher scores)}, so ties share
     * the smallest rank; NaN ranks below every defined score (NaNs tie with each other).
     */
    public static int[] ranks(double[] scores) {
        int[] r = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            int better = 0;
            for (double other : scores) {
                if (higher(other, scores[i])) {
                    better++;
                }
            }
            r[i] = 1 + better;
        }
        return r;
    }

    private static boolean higher(double a, double b) {
        if (Double.isNaN(a)) {
            return false;
        }
        return Double.isNaN(b) || a > b;
    }

    private static LossRank lossRank(String loss, double score, int rank, int[] boot, int nLosses) {
        Integer[] counts = new Integer[nLosses];
        Arrays.fill(counts, 0);
        double sum = 0;
        for (int r : boot) {
            counts[r - 1]++;
            sum += r;
        }
        double[] asDouble = Arrays.stream(boot).asDoubleStream().toArray();
        return new LossRank(loss, score, rank, List.of(counts), counts[0] / (double) boot.length, sum / boot.length,
                Percentiles.percentile(asDouble, 50));
    }

    /** Per seed (row of {@code bySeed}), the mean over the cases {@code cases} of its defined values, NaN if none. */
    private static double[] seedMeans(double[][] bySeed, int[] cases) {
        double[] means = new double[bySeed.length];
        for (int s = 0; s < bySeed.length; s++) {
            double sum = 0;
            int n = 0;
            for (int c : cases) {
                double x = bySeed[s][c];
                if (!Double.isNaN(x)) {
                    sum += x;
                    n++;
                }
            }
            means[s] = n == 0 ? Double.NaN : sum / n;
        }
        return means;
    }

    /** The mean of {@code values[i]} over {@code picks}, leaving NaN out; NaN when none is defined. */
    private static double meanOfDefined(double[] values, int[] picks) {
        double sum = 0;
        int n = 0;
        for (int i : picks) {
            if (!Double.isNaN(values[i])) {
                sum += values[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        return a;
    }

    /** loss → seed → case values, cases in ascending id order, after checking every (loss, seed) has the same cases. */
    private static double[][][] matrices(Map<String, Map<Long, Map<String, Double>>> values, List<String> names) {
        if (names.isEmpty()) {
            throw new BadInputException("rank stability needs at least one loss, got none");
        }
        TreeSet<String> caseIds = null;
        String first = null;
        double[][][] v = new double[names.size()][][];
        for (int l = 0; l < names.size(); l++) {
            String loss = names.get(l);
            Map<Long, Map<String, Double>> bySeed = values.get(loss);
            if (bySeed.isEmpty()) {
                throw new BadInputException("rank stability: loss " + loss
                        + " has no seed; give each loss at least one seed's results");
            }
            List<Long> seeds = new ArrayList<>(new TreeSet<>(bySeed.keySet()));
            v[l] = new double[seeds.size()][];
            for (int s = 0; s < seeds.size(); s++) {
                Map<String, Double> byCase = bySeed.get(seeds.get(s));
                String here = "loss " + loss + " seed " + seeds.get(s);
                if (caseIds == null) {
                    caseIds = new TreeSet<>(byCase.keySet());
                    first = here;
                    if (caseIds.isEmpty()) {
                        throw new BadInputException("rank stability: " + here + " has no case");
                    }
                } else if (!caseIds.equals(byCase.keySet())) {
                    throw new BadInputException("rank stability needs the same cases for every loss and seed: " + here
                            + " and " + first + " differ in case " + firstDifference(caseIds, byCase.keySet())
                            + "; rank losses evaluated on the same cases");
                }
                v[l][s] = caseIds.stream().mapToDouble(byCase::get).toArray();
            }
        }
        return v;
    }

    private static String firstDifference(Set<String> a, Set<String> b) {
        TreeSet<String> either = new TreeSet<>(a);
        either.addAll(b);
        return either.stream().filter(c -> !(a.contains(c) && b.contains(c))).findFirst().orElseThrow();
    }
}
