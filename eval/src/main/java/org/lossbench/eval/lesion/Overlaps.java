package org.lossbench.eval.lesion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Voxel overlaps between reference and predicted components (0-based ids), only for pairs that meet. */
public final class Overlaps {
    /** One intersecting pair. */
    public record Pair(int ref, int pred, long voxels) {
    }

    private final Map<Long, Long> counts = new HashMap<>();

    void add(int ref, int pred, long voxels) {
        counts.merge(((long) ref << 32) | pred, voxels, Long::sum);
    }

    /** Overlap of {@code ref} and {@code pred}, 0 when they do not meet. */
    public long get(int ref, int pred) {
        return counts.getOrDefault(((long) ref << 32) | pred, 0L);
    }

    /** All intersecting pairs, by reference id then predicted id. */
    public List<Pair> pairs() {
        List<Pair> out = new ArrayList<>(counts.size());
        counts.forEach((k, v) -> out.add(new Pair((int) (k >>> 32), (int) (long) k, v)));
        out.sort(Comparator.comparingInt(Pair::ref).thenComparingInt(Pair::pred));
        return out;
    }
}
