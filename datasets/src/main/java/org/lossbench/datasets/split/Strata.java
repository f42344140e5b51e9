package org.lossbench.datasets.split;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import org.lossbench.core.volume.LabelMap;

/**
 * Strata for datasets that do not name their own (phantoms do: {@code lesions=K}), derived from a
 * case's label map so that splits spread cases with small or missing structures over all folds.
 *
 * <p>The stratum is {@code missing=[ids] smallest=4^k}: the foreground classes of the spec absent
 * from the case, and the size class of its smallest present foreground structure,
 * {@code k = floor(log4(voxels))} (a factor of 4 in volume is about 1.6 in diameter). A case with no
 * foreground is {@code empty}.
 */
public final class Strata {
    private Strata() {
    }

    public static String ofLabels(LabelMap label, Set<Integer> foregroundClasses) {
        SortedMap<Integer, Long> hist = label.histogram();
        List<Integer> missing = new ArrayList<>();
        long smallest = Long.MAX_VALUE;
        for (int k : new TreeSet<>(foregroundClasses)) { // sorted: the stratum string must not depend on set order
            long n = hist.getOrDefault(k, 0L);
            if (k == 0) {
                continue;
            }
            if (n == 0) {
                missing.add(k);
            } else {
                smallest = Math.min(smallest, n);
            }
        }
        if (smallest == Long.MAX_VALUE) {
            return "empty";
        }
        int bucket = (63 - Long.numberOfLeadingZeros(smallest)) / 2; // floor(log2) / 2 = floor(log4)
        return "missing=" + missing + " smallest=4^" + bucket;
    }
}
