package org.lossbench.core.volume;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An integer label map on a {@link Grid}, stored {@code [D][H][W]} with W fastest in the narrowest
 * primitive array that holds its values: {@code byte} for 0..255, {@code short} for -32768..32767,
 * {@code char} for 0..65535, otherwise {@code int}.
 *
 * <p>The storage widens by itself when {@link #set} stores a value that does not fit (one copy of
 * the array, at most twice in a map's life), so a reader can fill a map voxel by voxel without
 * knowing the value range in advance, and a 512x512x300 map of a handful of classes takes 79 MB,
 * not 315 MB. Not thread-safe for writes.
 */
public final class LabelMap {
    /** The primitive type backing a label map. */
    public enum Storage {
        UINT8(0, 255), INT16(Short.MIN_VALUE, Short.MAX_VALUE), UINT16(0, 65535), INT32(Integer.MIN_VALUE, Integer.MAX_VALUE);

        private final int min;
        private final int max;

        Storage(int min, int max) {
            this.min = min;
            this.max = max;
        }

        /** Whether every value in {@code [lo, hi]} fits. */
        public boolean holds(int lo, int hi) {
            return lo >= min && hi <= max;
        }

        /** The narrowest storage that holds every value in {@code [lo, hi]}. */
        public static Storage narrowest(int lo, int hi) {
            for (Storage s : values()) {
                if (s.holds(lo, hi)) {
                    return s;
                }
            }
            throw new AssertionError("INT32 holds every int");
        }
    }

    private static final long DENSE_HISTOGRAM_LIMIT = 1 << 20;

    private final Grid grid;
    private Storage storage;
    private Object array;
    private int min;
    private int max;

    private LabelMap(Grid grid, Storage storage) {
        this.grid = Objects.requireNonNull(grid, "grid");
        this.storage = storage;
        this.array = allocate(storage, grid.voxelCount());
        this.min = 0;
        this.max = 0;
    }

    /** An all-background map whose storage is chosen to hold labels up to {@code maxLabel} without widening. */
    public static LabelMap zeros(Grid grid, int maxLabel) {
        return new LabelMap(grid, Storage.narrowest(0, Math.max(0, maxLabel)));
    }

    /**
     * An all-background map whose storage holds {@code [lo, hi]} (and 0) from the start; a reader
     * that has seen the first chunk of a file allocates the right storage once instead of widening.
     */
    public static LabelMap zeros(Grid grid, int lo, int hi) {
        return new LabelMap(grid, Storage.narrowest(Math.min(0, lo), Math.max(0, hi)));
    }

    /** An all-background map in the narrowest storage; it widens as larger labels are set. */
    public static LabelMap zeros(Grid grid) {
        return zeros(grid, 0);
    }

    /** A map with a copy of {@code labels} (length {@code D * H * W}) in the narrowest storage. */
    public static LabelMap of(Grid grid, int[] labels) {
        if (labels.length != grid.voxelCount()) {
            throw new IllegalArgumentException("labels hold " + labels.length + " values; grid " + grid.shapeString()
                    + " needs " + grid.voxelCount());
        }
        int lo = 0;
        int hi = 0;
        for (int v : labels) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        LabelMap map = new LabelMap(grid, Storage.narrowest(lo, hi));
        for (int i = 0; i < labels.length; i++) {
            map.set(i, labels[i]);
        }
        return map;
    }

    private static Object allocate(Storage storage, int n) {
        return switch (storage) {
            case UINT8 -> new byte[n];
            case INT16 -> new short[n];
            case UINT16 -> new char[n];
            case INT32 -> new int[n];
        };
    }

    public Grid grid() {
        return grid;
    }

    /** Number of voxels. */
    public int size() {
        return grid.voxelCount();
    }

    public Storage storage() {
        return storage;
    }

    /** A lower bound of the stored values: no voxel holds less (0 for a fresh map, whose voxels are 0). */
    public int min() {
        return min;
    }

    /** An upper bound of the stored values: no voxel holds more (0 for a fresh map). */
    public int max() {
        return max;
    }

    /** Label at flat index {@code i}. */
    public int get(int i) {
        return switch (storage) {
            case UINT8 -> ((byte[]) array)[i] & 0xFF;
            case INT16 -> ((short[]) array)[i];
            case UINT16 -> ((char[]) array)[i];
            case INT32 -> ((int[]) array)[i];
        };
    }

    public int get(int z, int y, int x) {
        return get(grid.index(z, y, x));
    }

    /**
     * Makes sure the storage holds every value in {@code [lo, hi]}, widening it (one copy) when it
     * does not, so that a reader that knows a chunk's range can store it with {@link #setAll}.
     */
    public void ensureHolds(int lo, int hi) {
        int newMin = Math.min(min, lo);
        int newMax = Math.max(max, hi);
        if (!storage.holds(newMin, newMax)) {
            widen(Storage.narrowest(newMin, newMax));
        }
        min = newMin;
        max = newMax;
    }

    /**
     * Stores {@code values[0..count)} at flat indices {@code offset..offset+count}. The values must
     * lie in a range passed to {@link #ensureHolds} before; this is the fast path for readers.
     */
    public void setAll(int offset, int[] values, int count) {
        switch (storage) {
            case UINT8 -> {
                byte[] a = (byte[]) array;
                for (int i = 0; i < count; i++) {
                    a[offset + i] = (byte) values[i];
                }
            }
            case INT16 -> {
                short[] a = (short[]) array;
                for (int i = 0; i < count; i++) {
                    a[offset + i] = (short) values[i];
                }
            }
            case UINT16 -> {
                char[] a = (char[]) array;
                for (int i = 0; i < count; i++) {
                    a[offset + i] = (char) values[i];
                }
            }
            case INT32 -> System.arraycopy(values, 0, array, offset, count);
        }
    }

    /** Stores {@code value} at flat index {@code i}, widening the storage when it does not fit. */
    public void set(int i, int value) {
        if (value < min || value > max) {
            int lo = Math.min(min, value);
            int hi = Math.max(max, value);
            if (!storage.holds(lo, hi)) {
                widen(Storage.narrowest(lo, hi));
            }
            min = lo;
            max = hi;
        }
        switch (storage) {
            case UINT8 -> ((byte[]) array)[i] = (byte) value;
            case INT16 -> ((short[]) array)[i] = (short) value;
            case UINT16 -> ((char[]) array)[i] = (char) value;
            case INT32 -> ((int[]) array)[i] = value;
        }
    }

    public void set(int z, int y, int x, int value) {
        set(grid.index(z, y, x), value);
    }

    private void widen(Storage target) {
        int n = size();
        Object wider = allocate(target, n);
        for (int i = 0; i < n; i++) {
            int v = get(i);
            switch (target) {
                case UINT8 -> ((byte[]) wider)[i] = (byte) v;
                case INT16 -> ((short[]) wider)[i] = (short) v;
                case UINT16 -> ((char[]) wider)[i] = (char) v;
                case INT32 -> ((int[]) wider)[i] = v;
            }
        }
        array = wider;
        storage = target;
    }

    /** Copies all labels into a new {@code int[]}. */
    public int[] toIntArray() {
        int n = size();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = get(i);
        }
        return out;
    }

    /**
     * Voxel count per label value present, in ascending label order. Counting uses an array when the
     * value range is small (the usual label map) and a hash map otherwise (an integer CT image).
     */
    public SortedMap<Integer, Long> histogram() {
        SortedMap<Integer, Long> out = new TreeMap<>();
        int n = size();
        long range = (long) max - min + 1;
        if (range <= DENSE_HISTOGRAM_LIMIT) {
            long[] counts = new long[(int) range];
            for (int i = 0; i < n; i++) {
                counts[get(i) - min]++;
            }
            for (int v = 0; v < counts.length; v++) {
                if (counts[v] > 0) {
                    out.put(v + min, counts[v]);
                }
            }
        } else {
            Map<Integer, Long> sparse = new HashMap<>();
            for (int i = 0; i < n; i++) {
                sparse.merge(get(i), 1L, Long::sum);
            }
            out.putAll(sparse);
        }
        return out;
    }
}
