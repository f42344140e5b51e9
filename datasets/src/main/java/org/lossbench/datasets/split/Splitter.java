package org.lossbench.datasets.split;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.lossbench.datasets.Rng;
import org.lossbench.datasets.Seeds;
import org.lossbench.datasets.spec.Splits;

/**
 * Deterministic, stratified splits. Cases are grouped by stratum (e.g. how many lesions they hold,
 * so that cases with small structures spread over all folds), the strata are taken in sorted order,
 * the cases of each stratum are sorted by id and shuffled with {@code Seeds.random(seed, code(stratum))},
 * and the resulting sequence is dealt out:
 * <ul>
 * <li>k folds: round robin, so fold sizes differ by at most one and each stratum's share of every
 *     fold differs by at most one;</li>
 * <li>train/val/test: each case goes to the split with the largest deficit
 *     {@code f_s (n + 1) - count_s} (ties to the earlier split), which reaches the requested
 *     fractions overall to within one case while following the strata.</li>
 * </ul>
 * The result depends on the seed and the set of (id, stratum) pairs only, not on their order.
 */
public final class Splitter {
    private Splitter() {
    }

    /** {@code k} folds of case ids (each fold's ids sorted). */
    public static List<List<String>> folds(Map<String, String> strata, int k, long seed) {
        if (k < 2 || k > strata.size()) {
            throw new IllegalArgumentException("k must be between 2 and the number of cases (" + strata.size() + "), got " + k);
        }
        List<String> order = order(strata, seed);
        List<List<String>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            folds.add(new ArrayList<>());
        }
        for (int i = 0; i < order.size(); i++) {
            folds.get(i % k).add(order.get(i));
        }
        folds.forEach(f -> f.sort(null));
        return folds;
    }

    /** A train/val/test division with the given fractions (they must sum to 1). */
    public static Splits trainValTest(Map<String, String> strata, double train, double val, double test, long seed) {
        double[] target = {train, val, test};
        if (train < 0 || val < 0 || test < 0 || Math.abs(train + val + test - 1) > 1e-9) {
            throw new IllegalArgumentException("fractions must be >= 0 and sum to 1, got " + train + ", " + val + ", " + test);
        }
        List<List<String>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int assigned = 0;
        for (String id : order(strata, seed)) {
            int best = 0;
            double bestDeficit = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < 3; s++) {
                double deficit = target[s] * (assigned + 1) - parts.get(s).size();
                if (deficit > bestDeficit + 1e-12) {
                    best = s;
                    bestDeficit = deficit;
                }
            }
            parts.get(best).add(id);
            assigned++;
        }
        parts.forEach(p -> p.sort(null));
        return new Splits(parts.get(0), parts.get(1), parts.get(2), null);
    }

    private static List<String> order(Map<String, String> strata, long seed) {
        TreeMap<String, List<String>> groups = new TreeMap<>();
        strata.forEach((id, s) -> groups.computeIfAbsent(s == null ? "" : s, x -> new ArrayList<>()).add(id));
        List<String> out = new ArrayList<>();
        for (var e : groups.entrySet()) {
            List<String> ids = e.getValue();
            ids.sort(null);
            int[] perm = new int[ids.size()];
            for (int i = 0; i < perm.length; i++) {
                perm[i] = i;
            }
            SplittableRandom r = Seeds.random(seed, Seeds.code(e.getKey()));
            Rng.shuffle(r, perm);
            for (int p : perm) {
                out.add(ids.get(p));
            }
        }
        return out;
    }
}
