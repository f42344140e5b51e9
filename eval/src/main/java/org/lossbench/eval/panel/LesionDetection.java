package org.lossbench.eval.panel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.lesion.LesionRow;
import org.lossbench.eval.lesion.SizeBins;
import org.lossbench.eval.stats.Percentiles;

/**
 * Lesion detection recall by size bin with its uncertainty, for every loss of a panel, and its shift from
 * the reference loss: the small-object evidence of a sweep (docs/statistics.md, "Lesion detection by size").
 *
 * <p>For a loss, class k and size bin b, with {@code n[s][c]} the reference lesions of k in bin b of case c
 * (evaluated under seed s) and {@code d[s][c]} those the seed's model detected (matched one to one,
 * docs/metrics.md):
 * <pre>
 *   recall = Σ_s Σ_c d[s][c] / Σ_s Σ_c n[s][c]        pooled over every (seed, case): each lesion counts once per seed
 *   shift  = recall(loss) - recall(reference)
 * </pre>
 * The recall is the one of the "lesion detection by size" table ({@code Aggregation}).
 *
 * <p>Interval: a crossed hierarchical bootstrap, as for the seed-level Dice ({@code SeedLevelSummary}):
 * {@value #RESAMPLES} resamples; each draws the N case ids with replacement once, shared by every loss (the
 * losses are paired on the cases), then each loss's S seeds with replacement from a generator of its own (the
 * seeds of two losses are independent trainings, not pairs), and takes the pooled ratio over the drawn
 * (seed, case) pairs; a resample with no lesion of the bin is left out. The 95% interval is the 2.5th and
 * 97.5th percentile ({@link Percentiles}, numpy's linear) of the resampled recalls and shifts. Lesions are
 * resampled with their case because lesions of one case share its image, so they are not independent.
 * The interval is descriptive: with few cases a percentile bootstrap over cases is too narrow rather than too
 * wide (it cannot see more case-to-case spread than the drawn cases show), so no verdict is drawn from it.
 *
 * <p>Generators: the cases of class k and bin b from {@code new SplittableRandom(seed')}, with seed' derived
 * from the panel's seed, k and b; loss i's seeds from the i-th {@link SplittableRandom#split()} of a second
 * generator of seed'.
 *
 * @param reference the loss the shifts are taken from; when none of its cells finished, every shift is NaN
 * @param rows      per class, bin (in order) and loss (in the panel's order): the lesion-like classes only (the
 *                  reference holds more components of the class than there are cases that hold it; an organ, one
 *                  component per case, is left out) and the bins where the reference holds at least one lesion
 *                  (without the reference: the first loss)
 */
public record LesionDetection(String reference, List<Row> rows) {
    /** Bootstrap resamples, as for the seed-level Dice. */
    public static final int RESAMPLES = 2000;

    /**
     * One loss in one class and size bin.
     *
     * @param lesions  distinct reference lesions of the bin over the cases (those of the first seed)
     * @param detected detections pooled over the seeds (at most {@code lesions x seeds})
     * @param recall   pooled detected / reference lesions
     * @param shift    recall minus the reference's, NaN for the reference itself
     */
    public record Row(int label, String bin, String loss, int seeds, int lesions, int detected, double recall, double ciLow,
                      double ciHigh, double shift, double shiftLow, double shiftHigh) {
    }

    public LesionDetection {
        rows = List.copyOf(rows);
    }

    /**
     * The detection rows of {@code runs} (losses in the panel's order), against {@code reference}.
     *
     * @param seed seeds the bootstrap
     */
    public static LesionDetection of(List<SeedRuns> runs, String reference, SizeBins bins, long seed) {
        if (runs.isEmpty()) {
            return new LesionDetection(reference, List.of());
        }
        int ref = -1;
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).loss().equals(reference)) {
                ref = i;
            }
        }
        List<String> cases = new ArrayList<>(new TreeSet<>(runs.stream().flatMap(r -> r.caseIds().stream()).toList()));
        Map<String, Integer> caseIndex = new TreeMap<>();
        for (int c = 0; c < cases.size(); c++) {
            caseIndex.put(cases.get(c), c);
        }
        TreeSet<Integer> labels = new TreeSet<>();
        runs.forEach(r -> r.pooled().forEach(c -> c.lesions().forEach(l -> labels.add(l.label()))));
        List<Counts> counts = runs.stream().map(r -> Counts.of(r, caseIndex, bins, labels)).toList();
        List<Row> rows = new ArrayList<>();
        for (int label : labels) {
            Counts base = counts.get(Math.max(ref, 0));
            if (!base.manyPerCase(label)) {
                continue;
            }
            for (int b = 0; b < bins.count(); b++) {
                if (base.lesionsOf(label, b) == 0) {
                    continue;
                }
                rows.addAll(bin(runs, counts, ref, label, b, bins.name(b), derive(seed, label, b)));
            }
        }
        return new LesionDetection(reference, rows);
    }

    /** The rows of one class and bin: point estimates and the shared bootstrap ({@code ref} -1: no reference, no shifts). */
    private static List<Row> bin(List<SeedRuns> runs, List<Counts> counts, int ref, int label, int b, String name, long seed) {
        int losses = runs.size();
        int[][][] n = new int[losses][][];
        int[][][] d = new int[losses][][];
        for (int i = 0; i < losses; i++) {
            n[i] = counts.get(i).lesions(label, b);
            d[i] = counts.get(i).detected(label, b);
        }
        int nCases = n[0][0].length;
        SplittableRandom caseRng = new SplittableRandom(seed);
        SplittableRandom splitter = new SplittableRandom(seed);
        SplittableRandom[] seedRng = new SplittableRandom[losses];
        for (int i = 0; i < losses; i++) {
            seedRng[i] = splitter.split();
        }
        double[][] recall = new double[losses][RESAMPLES];
        int[] drawn = new int[nCases];
        for (int r = 0; r < RESAMPLES; r++) {
            for (int c = 0; c < nCases; c++) {
                drawn[c] = caseRng.nextInt(nCases);
            }
            for (int i = 0; i < losses; i++) {
                long num = 0;
                long den = 0;
                int seeds = n[i].length;
                for (int k = 0; k < seeds; k++) {
                    int s = seedRng[i].nextInt(seeds);
                    for (int c : drawn) {
                        num += d[i][s][c];
                        den += n[i][s][c];
                    }
                }
                recall[i][r] = den == 0 ? Double.NaN : num / (double) den;
            }
        }
        List<Row> rows = new ArrayList<>();
        double refRecall = ref < 0 ? Double.NaN : ratio(d[ref], n[ref]);
        for (int i = 0; i < losses; i++) {
            double[] ci = interval(recall[i], null);
            double rec = ratio(d[i], n[i]);
            boolean shifted = ref >= 0 && i != ref;
            double[] shiftCi = shifted ? interval(recall[i], recall[ref]) : new double[] {Double.NaN, Double.NaN};
            rows.add(new Row(label, name, runs.get(i).loss(), n[i].length, sum(n[i][0]), total(d[i]), rec, ci[0], ci[1],
                    shifted ? rec - refRecall : Double.NaN, shiftCi[0], shiftCi[1]));
        }
        return rows;
    }

    /** The 95% percentile interval of {@code a} (minus {@code b}, resample by resample, when given), NaN resamples left out. */
    private static double[] interval(double[] a, double[] b) {
        double[] v = new double[a.length];
        int kept = 0;
        for (int r = 0; r < a.length; r++) {
            double x = b == null ? a[r] : a[r] - b[r];
            if (!Double.isNaN(x)) {
                v[kept++] = x;
            }
        }
        if (kept == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return Percentiles.central95(Arrays.copyOf(v, kept));
    }

    private static double ratio(int[][] d, int[][] n) {
        long den = total(n);
        return den == 0 ? Double.NaN : total(d) / (double) den;
    }

    private static int total(int[][] v) {
        int t = 0;
        for (int[] row : v) {
            t += sum(row);
        }
        return t;
    }

    private static int sum(int[] v) {
        int t = 0;
        for (int x : v) {
            t += x;
        }
        return t;
    }

    /** The bootstrap seed of class {@code label} and bin {@code bin}, as {@link LossPanel} derives its statistics' seeds. */
    private static long derive(long seed, int label, int bin) {
        return (seed * 1_000_003L + label) * 1_000_003L + 200 + bin;
    }

    /**
     * One loss's counts by class, bin, seed (in seed order) and case (the panel's case index): reference lesions
     * and detected ones. A case a seed did not evaluate counts 0 and 0.
     */
    private record Counts(Map<Integer, int[][][]> lesions, Map<Integer, int[][][]> detected) {
        static Counts of(SeedRuns r, Map<String, Integer> caseIndex, SizeBins bins, TreeSet<Integer> labels) {
            int seeds = r.bySeed().size();
            Map<Integer, int[][][]> n = new TreeMap<>();
            Map<Integer, int[][][]> d = new TreeMap<>();
            for (int label : labels) {
                n.put(label, new int[bins.count()][seeds][caseIndex.size()]);
                d.put(label, new int[bins.count()][seeds][caseIndex.size()]);
            }
            int s = 0;
            for (List<CaseResult> results : r.bySeed().values()) {
                for (CaseResult c : results) {
                    int ci = caseIndex.get(c.caseId());
                    for (LesionRow row : c.lesions()) {
                        if (!row.source().equals("ref") || !n.containsKey(row.label())) {
                            continue;
                        }
                        int b = bins.binOf(row.diameterMm());
                        n.get(row.label())[b][s][ci]++;
                        if (row.matchedId() > 0) {
                            d.get(row.label())[b][s][ci]++;
                        }
                    }
                }
                s++;
            }
            return new Counts(n, d);
        }

        int[][] lesions(int label, int bin) {
            return lesions.get(label)[bin];
        }

        int[][] detected(int label, int bin) {
            return detected.get(label)[bin];
        }

        int lesionsOf(int label, int bin) {
            return sum(lesions.get(label)[bin][0]);
        }

        /** Whether class {@code label} is lesion-like: more reference components than cases that hold the class. */
        boolean manyPerCase(int label) {
            int[][][] n = lesions.get(label);
            int cases = n[0][0].length;
            int components = 0;
            int holding = 0;
            for (int c = 0; c < cases; c++) {
                int k = 0;
                for (int[][] bin : n) {
                    k += bin[0][c];
                }
                components += k;
                holding += k > 0 ? 1 : 0;
            }
            return components > holding;
        }
    }
}
