package org.lossbench.cli.options;

import picocli.CommandLine.Option;

/** {@code --threads N}: Java worker threads ({@code evaluate}, {@code datasets generate}, {@code datasets verify}). */
public final class WorkerThreadsOption {
    @Option(names = "--threads", paramLabel = "N", converter = Converters.WorkerThreadCount.class,
            description = "worker threads (default: available processors)")
    private int threads = Runtime.getRuntime().availableProcessors();

    public int threads() {
        return threads;
    }
}
