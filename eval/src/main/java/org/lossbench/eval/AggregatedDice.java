package org.lossbench.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.lossbench.eval.stats.Percentiles;

/**
 * The aggregated Dice coefficient of one class over a set of cases (DSCagg; Andrearczyk et al.,
 * "Overview of the HECKTOR challenge at MICCAI 2022", LNCS 13626, doi:10.1007/978-3-031-27420-6_1;
 * the metric of the HNTS-MRG 2024 challenge, Wahid et al.):
 * {@code DSCagg = 2 ΣTP / (2 ΣTP + ΣFP + ΣFN)}, the sums over the cases, with TP, FP, FN as volumes
 * in mm3 ({@code voxels × voxel volume}), so that cases of different spacing weigh by physical volume.
 *
 * <p>Equivalently, the mean of the per-case Dice weighted by {@code w_i = 2 TP_i + FP_i + FN_i}: a
 * case where both maps lack the class has weight 0 and takes no part ({@link #contributing} counts
 * the others). With no contributing case every sum is 0 and DSCagg is NaN, under every empty-case
 * policy (the per-case policies decide Dice, not the counts).
 *
 * @param cases cases summed over
 * @param contributing cases where the reference or the prediction holds the class
 * @param tpMm3 ΣTP in mm3
 * @param fpMm3 ΣFP in mm3
 * @param fnMm3 ΣFN in mm3
 */
public record AggregatedDice(int cases, int contributing, double tpMm3, double fpMm3, double fnMm3) {
    /** Resamples of {@link #bootstrapCi}. */
    public static final int BOOTSTRAP_RESAMPLES = 2000;

    /** {@code 2 ΣTP / (2 ΣTP + ΣFP + ΣFN)}; NaN when every sum is 0. */
    public double value() {
        return ratio(tpMm3, fpMm3, fnMm3);
    }

    /**
     * DSCagg of {@code oneClass}, the results of one class in each case (for instance those of one
     * seed's cell).
     *
     * @throws IllegalArgumentException when the results are of more than one class
     */
    public static AggregatedDice of(Collection<ClassResult> oneClass) {
        checkOneClass(oneClass);
        int contributing = 0;
        double tp = 0;
        double fp = 0;
        double fn = 0;
        for (ClassResult r : oneClass) {
            if (contributes(r)) {
                double vv = r.voxelVolumeMm3();
                contributing++;
                tp += r.tp() * vv;
                fp += r.fp() * vv;
                fn += r.fn() * vv;
            }
        }
        return new AggregatedDice(oneClass.size(), contributing, tp, fp, fn);
    }

    /** DSCagg of every class in {@code results} (any number of cases and classes), by label. */
    public static SortedMap<Integer, AggregatedDice> perClass(Collection<ClassResult> results) {
        SortedMap<Integer, List<ClassResult>> byClass = new TreeMap<>();
        results.forEach(r -> byClass.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r));
        SortedMap<Integer, AggregatedDice> out = new TreeMap<>();
        byClass.forEach((label, rs) -> out.put(label, of(rs)));
        return out;
    }

    /**
     * The 95% percentile-bootstrap interval of DSCagg over cases (Efron and Tibshirani 1993, ch. 13):
     * {@link #BOOTSTRAP_RESAMPLES} resamples, each drawing the contributing cases with replacement
     * from a {@link SplittableRandom} seeded with {@code seed} and recomputing the ratio of the sums;
     * the 2.5th and 97.5th percentiles ({@link Percentiles}, numpy's linear). Cases without the
     * class in either map are left out, as {@link org.lossbench.eval.stats.Summary} leaves out NaN values. Returns
     * {@code {low, high}}, NaN with no contributing case.
     *
     * @throws IllegalArgumentException when the results are of more than one class
     */
    public static double[] bootstrapCi(Collection<ClassResult> oneClass, long seed) {
        checkOneClass(oneClass);
        List<ClassResult> used = oneClass.stream().filter(AggregatedDice::contributes).toList();
        int n = used.size();
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] tp = new double[n];
        double[] fp = new double[n];
        double[] fn = new double[n];
        for (int i = 0; i < n; i++) {
            ClassResult r = used.get(i);
            double vv = r.voxelVolumeMm3();
            tp[i] = r.tp() * vv;
            fp[i] = r.fp() * vv;
            fn[i] = r.fn() * vv;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] values = new double[BOOTSTRAP_RESAMPLES];
        for (int b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
            double stp = 0;
            double sfp = 0;
            double sfn = 0;
            for (int i = 0; i < n; i++) {
                int k = rng.nextInt(n);
                stp += tp[k];
                sfp += fp[k];
                sfn += fn[k];
            }
            values[b] = ratio(stp, sfp, sfn);
        }
        return Percentiles.central95(values);
    }

    private static boolean contributes(ClassResult r) {
        return r.refVoxels() > 0 || r.predVoxels() > 0;
    }

    private static double ratio(double tp, double fp, double fn) {
        double denominator = 2 * tp + fp + fn;
        return denominator == 0 ? Double.NaN : 2 * tp / denominator;
    }

    private static void checkOneClass(Collection<ClassResult> oneClass) {
        long labels = oneClass.stream().mapToInt(ClassResult::label).distinct().count();
        if (labels > 1) {
            throw new IllegalArgumentException("DSCagg pools one class, got results of " + labels + " classes; use perClass");
        }
    }
}
