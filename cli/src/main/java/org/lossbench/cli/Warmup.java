package org.lossbench.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a warm-up on a background daemon thread: a task that loads and initialises the classes a command
 * will need later (Jackson's, the report's libraries), so that the JVM's class loading and verification,
 * which is single-threaded per class and costs hundreds of milliseconds for the larger libraries, runs on
 * the second core while the main thread parses options or runs the cells (docs/sweep.md measures it).
 * Class initialisation is thread-safe: the main thread waits for a class the warm-up is still
 * initialising. A warm-up that fails is only logged at debug level; the same failure surfaces where the
 * class is really used.
 */
final class Warmup {
    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);

    private Warmup() {
    }

    /** Starts {@code task} on a daemon thread named {@code name} and returns at once. */
    static void start(String name, Runnable task) {
        Thread t = new Thread(() -> {
            try {
                task.run();
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("warm-up {} failed: {}", name, e.toString());
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }
}
