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
 * {@code lossbench bench infer} on a small volume (no timing is asserted). Where Debian's PyTorch and
 * nibabel are installed, the model PyTorch exported must give ONNX Runtime the logits PyTorch gives on the
 * first window (to float rounding), and lossbench's labels must agree with the MONAI-style blending of the
 * same model almost everywhere (lossbench blends softmax probabilities, MONAI raw logits: a voxel whose two
 * top classes are nearly tied may differ). Where they are not, the command must say that nothing was run.
 */
class BenchInferTest {
    private static final Pattern AGREE = Pattern.compile("labels agreeing: (\\S+) of");
    private static final Pattern LOGITS = Pattern.compile("max \\|logit difference\\| ONNX Runtime vs PyTorch: (\\S+)");

    @Test
    void lossbenchAndThePeerSegmentTheSameModelAlike(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.ok("bench", "infer", "--shape", "16,24,24", "--roi", "16", "--width", "4", "--threads", "1", "--repeats", "1",
                "--out", dir.toString());
        if (!peerImportable()) {
            assertTrue(r.out().contains("infer benchmark not run: "), r.out());
            return;
        }
        assertTrue(r.out().contains("| lossbench infer | the whole command"), r.out());
        Matcher agree = AGREE.matcher(r.out());
        assertTrue(agree.find(), r.out());
        assertTrue(Double.parseDouble(agree.group(1)) > 0.999, r.out());
        Matcher logits = LOGITS.matcher(r.out());
        assertTrue(logits.find(), r.out());
        assertTrue(Double.parseDouble(logits.group(1)) < 1e-4, r.out());
    }

    @Test
    void aVolumeSmallerThanTheWindowIsAUsageError(@TempDir Path dir) {
        CliRun r = CliRun.of("bench", "infer", "--shape", "16,24,24", "--roi", "32", "--out", dir.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--shape"), r.err());
    }

    private static boolean peerImportable() throws Exception {
        if (!Path.of("/usr/bin/python3").toFile().canExecute()) {
            return false;
        }
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch, nibabel").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
