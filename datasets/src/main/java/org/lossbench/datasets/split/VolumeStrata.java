package org.lossbench.datasets.split;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.lossbench.core.volume.LabelMap;

/**
 * Strata by structure volume, for datasets whose cases all hold the same structures and differ in
 * their size (the hippocampus): the cases are ranked by foreground volume and cut into {@code bins}
 * quantile bins of equal count, so that a {@link Splitter} split gives every part small, middle and
 * large structures alike.
 *
 * <p>Rank {@code r} (0-based, by volume, ties by case id) of {@code n} cases goes to bin
 * {@code floor(r * bins / n) + 1}; the stratum is {@code volume-BBofKK} with two-digit numbers, so
 * that the strata sort in volume order.
 */
public final class VolumeStrata {
    private VolumeStrata() {
    }

    /** Foreground volume of {@code label} in mm^3: the voxels of every non-zero label times the voxel volume. */
    public static double foregroundVolume(LabelMap label) {
        long voxels = label.histogram().entrySet().stream().filter(e -> e.getKey() != 0).mapToLong(Map.Entry::getValue).sum();
        return voxels * label.grid().voxelVolume();
    }

    /** The quantile stratum of each case of {@code volumes} (case id to volume), {@code bins} bins of (nearly) equal count. */
    public static SortedMap<String, String> quantiles(Map<String, Double> volumes, int bins) {
        if (bins < 1 || bins > volumes.size()) {
            throw new IllegalArgumentException("bins must be between 1 and the number of cases (" + volumes.size() + "), got " + bins);
        }
        List<Map.Entry<String, Double>> ranked = new ArrayList<>(volumes.entrySet());
        ranked.sort(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())));
        SortedMap<String, String> out = new TreeMap<>();
        int n = ranked.size();
        for (int r = 0; r < n; r++) {
            int bin = (int) ((long) r * bins / n) + 1;
            out.put(ranked.get(r).getKey(), String.format("volume-%02dof%02d", bin, bins));
        }
        return out;
    }
}
