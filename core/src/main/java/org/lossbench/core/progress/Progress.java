package org.lossbench.core.progress;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a task of known size, on stderr: a progress bar ({@code me.tongfei:progressbar}) when
 * stderr is a terminal, otherwise an INFO log line at every tenth of the work, so that CI logs and
 * redirected output stay readable. Thread-safe: workers call {@link #step()} concurrently. Never
 * writes to stdout, which carries data.
 */
public final class Progress implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private final String task;
    private final long total;
    private final AtomicLong done = new AtomicLong();
    private final ProgressBar bar;

    private Progress(String task, long total, ProgressBar bar) {
        this.task = task;
        this.total = total;
        this.bar = bar;
    }

    /** Starts reporting {@code task} of {@code total} units; a bar only when stderr is interactive. */
    public static Progress start(String task, long total) {
        return start(task, total, interactive());
    }

    /** Whether {@link #start(String, long)} would draw a bar: stderr is a terminal and {@code LOSSBENCH_PROGRESS} is not 0. */
    public static boolean interactive() {
        return System.console() != null && !"0".equals(System.getenv("LOSSBENCH_PROGRESS"));
    }

    /** As {@link #start(String, long)}, choosing the bar explicitly. */
    public static Progress start(String task, long total, boolean bar) {
        return start(task, total, bar ? System.err : null);
    }

    /** A bar drawn on {@code barOut}, or log lines when it is null. */
    static Progress start(String task, long total, PrintStream barOut) {
        ProgressBar pb = barOut != null ? new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(barOut))
                .setUpdateIntervalMillis(250).build() : null;
        return new Progress(task, total, pb);
    }

    /** Whether this progress draws a bar (otherwise it logs a line at every tenth). */
    public boolean hasBar() {
        return bar != null;
    }

    /** One unit done, with a short status drawn beside the bar (the loss, a throughput); log lines leave it out. */
    public void step(String status) {
        if (bar != null) {
            bar.setExtraMessage(status);
        }
        step();
    }

    /** One unit done. */
    public void step() {
        long n = done.incrementAndGet();
        if (bar != null) {
            bar.step();
        } else if (total > 0 && (n * 10 / total != (n - 1) * 10 / total || n == total)) {
            LOG.info("{}: {}/{}", task, n, total);
        }
    }

    /** Units done so far. */
    public long done() {
        return done.get();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
