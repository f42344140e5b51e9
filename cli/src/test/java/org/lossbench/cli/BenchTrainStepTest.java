package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lossbench bench train-step} on a tiny model (no timing is asserted: benchmarks are not timed
 * tests). Where Debian's PyTorch is installed, the peer runs the same network from the same weights and
 * batch, and the first step's loss must agree with lossbench's to float rounding: the benchmark compares
 * like with like. Where it is not, the command must say that the peer did not run.
 */
class BenchTrainStepTest {
    private static final Pattern LOSSBENCH_ROW = Pattern.compile("\\| 2 \\| 1 \\| lossbench \\(ONNX Runtime\\) \\|.*\\| (\\S+) \\|\\n");
    private static final Pattern LOSS_DIFF = Pattern.compile("first-step loss \\|difference\\| (\\S+)");

    @Test
    void bothSidesRunTheSameStep(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.ok("bench", "train-step", "--model", "vnet-tiny", "--size", "16", "--batch", "1", "--threads", "1",
                "--repeats", "1", "--rounds", "2", "--out", dir.toString());
        Matcher row = LOSSBENCH_ROW.matcher(r.out());
        assertTrue(row.find(), r.out());
        // the worker JVM's own peak resident set: a JVM with ONNX Runtime loaded is tens of MB at least
        double rss = Double.parseDouble(row.group(1));
        assertTrue(rss > 20 && rss < 4096, "peak RSS " + rss + " MB");
        if (torchImportable()) {
            assertTrue(r.out().contains("eager |"), r.out());
            // one summary per thread count over both rounds, each round a lossbench and a PyTorch row
            assertTrue(r.out().matches("(?s).*threads 1: lossbench / PyTorch median wall time \\S+x \\(rounds \\S+-\\S+x\\).*"), r.out());
            assertEquals(2, r.out().split("eager \\|", -1).length - 1, r.out());
            Matcher m = LOSS_DIFF.matcher(r.out());
            assertTrue(m.find(), r.out());
            assertTrue(Double.parseDouble(m.group(1)) < 1e-5, "first-step losses differ: " + r.out());
        } else {
            assertTrue(r.out().contains("PyTorch peer not run: "), r.out());
        }
    }

    @Test
    void nonPositiveSettingsAreUsageErrors(@TempDir Path dir) {
        CliRun r = CliRun.of("bench", "train-step", "--repeats", "0", "--out", dir.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--repeats"), r.err());
        assertEquals(2, CliRun.of("bench", "train-step", "--model", "unet", "--out", dir.toString()).exitCode());
    }

    private static boolean torchImportable() throws Exception {
        if (!Path.of("/usr/bin/python3").toFile().canExecute()) {
            return false;
        }
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
