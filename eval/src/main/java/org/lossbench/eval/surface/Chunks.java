package org.lossbench.eval.surface;

import java.util.concurrent.ForkJoinTask;
import java.util.stream.IntStream;

/** Splits {@code [0, n)} into contiguous chunks, run in the calling fork-join pool when asked to. */
public final class Chunks {
    private Chunks() {
    }

    /** Work on {@code [from, to)} returning a count. */
    @FunctionalInterface
    interface Body {
        long run(int from, int to);
    }

    /** Runs {@code body} over chunks of {@code [0, n)} and returns the sum of the counts. */
    static long sum(int n, boolean parallel, Body body) {
        if (!parallel || n < 2) {
            return body.run(0, n);
        }
        int chunks = Math.min(n, 4 * parallelism());
        return IntStream.range(0, chunks).parallel()
                .mapToLong(c -> body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks))).sum();
    }

    /** Parallelism of the pool this runs in (the common pool's outside one). */
    public static int parallelism() {
        var pool = ForkJoinTask.getPool();
        return pool != null ? pool.getParallelism() : java.util.concurrent.ForkJoinPool.getCommonPoolParallelism();
    }
}
