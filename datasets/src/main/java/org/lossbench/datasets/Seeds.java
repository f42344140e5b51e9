package org.lossbench.datasets;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derives independent seeds from a root seed and a path of indices (case, epoch, worker, batch...),
 * so that every random stream in the module is a pure function of {@code (seed, path)} and never of
 * the order in which threads happen to run (docs/design.md, Determinism).
 *
 * <p>Each path element is folded in with the SplitMix64 finaliser (Steele, Lea and Flood 2014, the
 * mixing function behind {@link SplittableRandom}): {@code h <- mix64(h ^ mix64(p + GOLDEN))}.
 */
public final class Seeds {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** The seed for the stream named by {@code path} under {@code seed}. */
    public static long derive(long seed, long... path) {
        long h = mix64(seed + GOLDEN);
        for (long p : path) {
            h = mix64(h ^ mix64(p + GOLDEN));
        }
        return h;
    }

    /** A fresh generator for the stream named by {@code path} under {@code seed}. */
    public static SplittableRandom random(long seed, long... path) {
        return new SplittableRandom(derive(seed, path));
    }

    /** A stable 64-bit code for a name (FNV-1a over its UTF-8 bytes), to use as a path element. */
    public static long code(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finaliser (a bijection on 64-bit values with full avalanche). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
