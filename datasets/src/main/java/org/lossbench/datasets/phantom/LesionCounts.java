package org.lossbench.datasets.phantom;

import java.util.SplittableRandom;
import org.lossbench.datasets.Rng;

/**
 * How many lesions each case of a lesion phantom gets: {@code lesionFree} cases get none, and the
 * counts {@code min, min + 1, ..., max} are dealt in turn to the other cases; the resulting list is
 * then shuffled. Every count in {@code min..max} therefore occurs (when there are enough cases),
 * and as evenly as the case count allows.
 */
public record LesionCounts(int lesionFree, int min, int max) {
    public LesionCounts {
        if (lesionFree < 0 || min < 0 || max < min) {
            throw new IllegalArgumentException("lesion counts need 0 <= min <= max and lesionFree >= 0, got " + lesionFree + ", " + min + ", " + max);
        }
    }

    /** The counts of {@code cases} cases, in case order, shuffled with {@code random}. */
    public int[] deal(int cases, SplittableRandom random) {
        int span = max - min + 1;
        int[] counts = new int[cases];
        for (int i = 0; i < cases; i++) {
            counts[i] = i < lesionFree ? 0 : min + (i - lesionFree) % span;
        }
        Rng.shuffle(random, counts);
        return counts;
    }
}
