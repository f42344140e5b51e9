package org.lossbench.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates {@code ../shared/realdata}, the real label maps that live beside the repository (never in
 * it). Surefire passes the folder as the system property {@code lossbench.shared}; tests that need
 * it are skipped, not passed, when it is absent.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The realdata folder; aborts the calling test (reported as skipped) when it does not exist. */
    public static Path realdataOrSkip() {
        String shared = System.getProperty("lossbench.shared", "../shared");
        Path realdata = Path.of(shared, "realdata");
        assumeTrue(Files.isDirectory(realdata), "no shared real data at " + realdata.toAbsolutePath() + "; skipped");
        return realdata;
    }
}
