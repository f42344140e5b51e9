package org.lossbench.eval;

import java.util.concurrent.Semaphore;

/**
 * Bounds the scratch memory that classes evaluated at the same time may hold: each surface-distance
 * box costs 3 bytes per voxel (mask bits and the z-distance column), and a class waits until its box
 * fits in the budget. A box larger than the whole budget takes all of it, so one class always runs.
 */
public final class MemoryBudget {
    private final int voxels;
    private final Semaphore permits;

    /** A budget of {@code voxels} box voxels in flight at once. */
    public MemoryBudget(long voxels) {
        this.voxels = (int) Math.max(1, Math.min(Integer.MAX_VALUE, voxels));
        this.permits = new Semaphore(this.voxels, true);
    }

    /** Runs {@code work} once {@code boxVoxels} of the budget are free. */
    public <T> T withBox(long boxVoxels, java.util.function.Supplier<T> work) {
        int need = (int) Math.max(1, Math.min(voxels, boxVoxels));
        permits.acquireUninterruptibly(need);
        try {
            return work.get();
        } finally {
            permits.release(need);
        }
    }
}
