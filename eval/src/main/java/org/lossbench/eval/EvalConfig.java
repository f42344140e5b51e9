package org.lossbench.eval;

import java.util.List;
import org.lossbench.eval.lesion.Connectivity;
import org.lossbench.eval.lesion.Matching;
import org.lossbench.eval.lesion.SizeBins;

/**
 * Everything that decides the numbers of an evaluation.
 *
 * @param labels the classes to evaluate, or null for every non-zero label present in the reference
 *               or the prediction of any case
 * @param gridToleranceMm largest allowed difference in spacing and affine elements between a
 *                        reference and its prediction
 */
public record EvalConfig(List<Integer> labels, Tolerances tolerances, Connectivity connectivity, Matching matching,
                         SizeBins sizeBins, EmptyPolicy emptyPolicy, double gridToleranceMm) {

    public EvalConfig {
        labels = labels == null ? null : List.copyOf(labels);
    }

    /** MONAI defaults: all labels, 2 mm NSD, 26-connectivity, greedy overlap matching, bins 3/6/12/24 mm. */
    public static EvalConfig defaults() {
        return new EvalConfig(null, Tolerances.defaults(), Connectivity.CORNERS, Matching.overlap(), SizeBins.defaults(),
                EmptyPolicy.MONAI, 1e-3);
    }

    public EvalConfig withLabels(List<Integer> l) {
        return new EvalConfig(l, tolerances, connectivity, matching, sizeBins, emptyPolicy, gridToleranceMm);
    }

    public EvalConfig withTolerances(Tolerances t) {
        return new EvalConfig(labels, t, connectivity, matching, sizeBins, emptyPolicy, gridToleranceMm);
    }

    public EvalConfig withConnectivity(Connectivity c) {
        return new EvalConfig(labels, tolerances, c, matching, sizeBins, emptyPolicy, gridToleranceMm);
    }

    public EvalConfig withMatching(Matching m) {
        return new EvalConfig(labels, tolerances, connectivity, m, sizeBins, emptyPolicy, gridToleranceMm);
    }

    public EvalConfig withSizeBins(SizeBins b) {
        return new EvalConfig(labels, tolerances, connectivity, matching, b, emptyPolicy, gridToleranceMm);
    }

    public EvalConfig withEmptyPolicy(EmptyPolicy p) {
        return new EvalConfig(labels, tolerances, connectivity, matching, sizeBins, p, gridToleranceMm);
    }
}
