package org.lossbench.datasets.sampling;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;

/**
 * Batches {@code first .. first + count - 1} of a {@link PatchSampler}, built ahead of use on
 * background threads: up to {@code depth} batches are in flight, and {@link #next()} returns them in
 * batch order. Since each batch is a pure function of its number, the sequence is the same for any
 * thread count and timing. Close it to stop the workers. {@link #waitedSeconds()} tells how long the
 * consumer was kept waiting for batches that were not ready (ideally only the first).
 */
public final class PrefetchingBatches implements Iterator<Batch>, AutoCloseable {
    private final PatchSampler sampler;
    private final ExecutorService pool;
    private final ArrayDeque<Future<Batch>> pending = new ArrayDeque<>();
    private final long end;
    private long nextToSubmit;
    private long waitedNanos;

    public PrefetchingBatches(PatchSampler sampler, long first, long count, int threads, int depth) {
        if (threads < 1 || depth < 1) {
            throw new IllegalArgumentException("threads and depth must be >= 1");
        }
        this.sampler = sampler;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "patch-sampler");
            t.setDaemon(true);
            return t;
        });
        this.nextToSubmit = first;
        this.end = first + count;
        while (pending.size() < depth && nextToSubmit < end) {
            submit();
        }
    }

    private void submit() {
        long b = nextToSubmit++;
        pending.add(pool.submit(() -> sampler.batch(b)));
    }

    @Override
    public boolean hasNext() {
        return !pending.isEmpty();
    }

    @Override
    public Batch next() {
        Future<Batch> head = pending.poll();
        if (head == null) {
            throw new NoSuchElementException();
        }
        if (nextToSubmit < end) {
            submit();
        }
        long t0 = System.nanoTime();
        try {
            return head.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LossbenchException(ExitCode.INTERNAL, "interrupted while waiting for a batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LossbenchException le) {
                throw le;
            }
            throw new LossbenchException(ExitCode.INTERNAL, "building a batch failed: " + e.getCause(), e.getCause());
        } finally {
            waitedNanos += System.nanoTime() - t0;
        }
    }

    /** Seconds that {@link #next()} has spent waiting for batches still being built. */
    public double waitedSeconds() {
        return waitedNanos / 1e9;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
