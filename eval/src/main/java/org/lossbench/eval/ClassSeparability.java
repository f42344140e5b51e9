package org.lossbench.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lossbench.core.BadInputException;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;

/**
 * How well one class's probability channel separates the class from the rest, without a threshold:
 * what tells a loss that collapsed a rare class (the channel never rises anywhere) from one that
 * ranks the right voxels highest but stays under the argmax.
 *
 * <ul>
 *   <li>{@code peakInRef}: the largest probability of class k at a voxel whose reference label is k
 *       (NaN when the reference holds no voxel of k);</li>
 *   <li>{@code auc}: the area under the ROC curve of the channel p_k as a score for "reference label is
 *       k" over all voxels, computed as the Mann-Whitney statistic (Hanley and McNeil 1982):
 *       {@code AUC = (#{(i, j): p_i > p_j} + #{(i, j): p_i = p_j} / 2) / (n_pos n_neg)} over the pairs of
 *       a positive voxel i and a negative voxel j; ties count one half, so a constant channel gives 0.5.
 *       NaN when either the positives or the negatives are empty.</li>
 * </ul>
 *
 * <p>Both are computed on the blended probabilities that sliding-window inference returns
 * ({@code [K][D][H][W]}, the argmax of which is the prediction); the sort makes the AUC
 * {@code O(V log V)} per class.
 */
public record ClassSeparability(String caseId, int label, double peakInRef, double auc) {

    /**
     * The separability of each of {@code labels} in one case.
     *
     * @param probabilities class probabilities, one channel per class (channel k is class k)
     * @param reference the reference label map on the same grid
     */
    public static List<ClassSeparability> of(String caseId, ImageVolume probabilities, LabelMap reference, int[] labels) {
        int voxels = reference.size();
        if (!Arrays.equals(probabilities.grid().shape(), reference.grid().shape())) {
            throw new BadInputException("probabilities of " + caseId + " are " + probabilities.grid().shapeString() + " but the reference is "
                    + reference.grid().shapeString());
        }
        float[] p = probabilities.data();
        List<ClassSeparability> out = new ArrayList<>(labels.length);
        for (int k : labels) {
            if (k < 0 || k >= probabilities.channels()) {
                throw new BadInputException("class " + k + " of " + caseId + " has no probability channel (the model gives "
                        + probabilities.channels() + " classes)");
            }
            int positives = 0;
            for (int i = 0; i < voxels; i++) {
                if (reference.get(i) == k) {
                    positives++;
                }
            }
            float[] pos = new float[positives];
            float[] neg = new float[voxels - positives];
            int a = 0;
            int b = 0;
            int offset = k * voxels;
            for (int i = 0; i < voxels; i++) {
                if (reference.get(i) == k) {
                    pos[a++] = p[offset + i];
                } else {
                    neg[b++] = p[offset + i];
                }
            }
            out.add(new ClassSeparability(caseId, k, peak(pos), auc(pos, neg)));
        }
        return out;
    }

    private static double peak(float[] pos) {
        if (pos.length == 0) {
            return Double.NaN;
        }
        float m = Float.NEGATIVE_INFINITY;
        for (float v : pos) {
            m = Math.max(m, v);
        }
        return m;
    }

    /**
     * The Mann-Whitney AUC of the positive scores against the negative ones (both arrays are sorted in
     * place, {@link FloatSort}): one pass over both sorted arrays counts, for each positive, the negatives below it and
     * those equal to it.
     */
    static double auc(float[] pos, float[] neg) {
        if (pos.length == 0 || neg.length == 0) {
            return Double.NaN;
        }
        FloatSort.sort(pos);
        FloatSort.sort(neg);
        long twiceWins = 0; // 2 x (pairs won + pairs tied / 2)
        int below = 0;
        int upTo = 0;
        for (float v : pos) {
            while (below < neg.length && neg[below] < v) {
                below++;
            }
            upTo = Math.max(upTo, below);
            while (upTo < neg.length && neg[upTo] <= v) {
                upTo++;
            }
            twiceWins += 2L * below + (upTo - below);
        }
        return twiceWins / (2.0 * pos.length * (double) neg.length);
    }
}
