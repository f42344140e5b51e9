package org.lossbench.cli;

import org.lossbench.core.progress.Progress;
import org.lossbench.datasets.fetch.DecathlonFetcher;

/** Download progress in KiB on stderr ({@link Progress}), started when the size is known ({@code datasets fetch}). */
final class DownloadProgress implements DecathlonFetcher.Listener, AutoCloseable {
    private Progress progress;
    private long kib;

    @Override
    public void downloadStarted(String source, long total) {
        progress = Progress.start("download " + source + " (KiB)", Math.max(total, 0) / 1024);
    }

    @Override
    public void downloaded(long bytes) {
        for (long k = bytes / 1024; kib < k; kib++) {
            progress.step();
        }
    }

    @Override
    public void close() {
        if (progress != null) {
            progress.close();
        }
    }
}
