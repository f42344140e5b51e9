package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VersionTest {
    @Test
    void versionNamesEveryComponentAndTheProviders() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("lossbench 0."), run.out());
        assertTrue(run.out().contains("git commit: "), run.out());
        assertTrue(run.out().contains("java: " + System.getProperty("java.version")), run.out());
        assertTrue(run.out().contains("onnxruntime: 1.24.2"), run.out());
        assertTrue(run.out().contains("execution provider CPU: usable"), run.out());
        assertTrue(run.out().contains("execution provider CUDA: "), "CUDA is reported either way: " + run.out());
    }

    @Test
    void helpListsTheCommands() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("inspect"), run.out());
    }
}
