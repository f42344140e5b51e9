package org.lossbench.models.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.engine.Device;
import org.lossbench.core.graph.OnnxSerializer;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;

/**
 * The shared predictor on a pointwise two-class model, {@code logits = (-x, x)}, whose label is
 * {@code 1} exactly where its input is positive, on an 8^3 image with {@code x = z - 2.5}: labels,
 * preprocessing, window choice (window counts by MONAI's rule, {@code ceil((size - roi) / interval) + 1}
 * per axis) and the refusals.
 */
class PredictorTest {
    @TempDir
    Path dir;

    private Path model() throws Exception {
        Path p = dir.resolve("pointwise.onnx");
        Files.write(p, OnnxSerializer.toBytes(TestModels.pointwise(new float[] {-1, 1}, new float[] {0, 0}, true), "test"));
        return p;
    }

    private static ImageVolume image() {
        float[] v = new float[8 * 8 * 8];
        for (int i = 0; i < v.length; i++) {
            v[i] = i / 64 - 2.5f; // z - 2.5: z = i / 64 in a D-major 8^3 volume
        }
        return new ImageVolume(Grid.of(8, 8, 8), 1, v);
    }

    private static Predictor.Builder cpu(Path model) {
        return Predictor.builder(model).device(Device.CPU).threads(1).cpuRewrite(CpuRewrite.NONE);
    }

    /** The first slice labelled 1: the labels are 0 below it and 1 from it on in every voxel. */
    private static int firstForegroundSlice(Segmentation s) {
        int first = -1;
        for (int i = 0; i < 512; i++) {
            int z = i / 64;
            if (s.labels().get(i) == 1 && first < 0) {
                first = z;
            }
            assertEquals(first >= 0 && z >= first ? 1 : 0, s.labels().get(i), "voxel " + i);
        }
        return first;
    }

    /**
     * Without preprocessing the input goes in as given: label 1 where {@code z - 2.5 > 0}, from slice 3. Z-scored
     * (mean 1.0 over the slices 0..7), label 1 where {@code z - 2.5 > 1}, from slice 4.
     */
    @Test
    void segmentsTheInputAsGivenOrPreprocessed() throws Exception {
        try (Predictor p = cpu(model()).window(new int[] {8, 8, 8}).open()) {
            assertFalse(p.preprocessing().isPresent());
            assertFalse(p.rewritten());
            assertEquals(2, p.contract().classes());
            assertEquals(3, firstForegroundSlice(p.predict(image(), "x")));
        }
        try (Predictor p = cpu(model()).window(new int[] {8, 8, 8}).preprocessing("zscore").open()) {
            assertEquals("zscore", p.preprocessing().orElseThrow().source());
            assertEquals(4, firstForegroundSlice(p.predict(image(), "x")));
        }
    }

    /**
     * The window: the given one over the default; the default (a training patch) for a model without a
     * fixed size; else 96^3. On 8^3 at overlap 0.5: a 4^3 window steps by 2, 3 windows per axis, 27; an
     * 8^3 or a padded 96^3 window is one.
     */
    @Test
    void windowIsTheGivenOneElseTheDefaultElse96() throws Exception {
        try (Predictor p = cpu(model()).defaultWindow(new int[] {4, 4, 4}).open()) {
            assertEquals(27, p.predict(image(), "x").windows());
        }
        try (Predictor p = cpu(model()).window(new int[] {8, 8, 8}).defaultWindow(new int[] {4, 4, 4}).open()) {
            assertEquals(1, p.predict(image(), "x").windows());
        }
        try (Predictor p = cpu(model()).open()) {
            Segmentation s = p.predict(image(), "x");
            assertEquals(1, s.windows());
            assertEquals(3, firstForegroundSlice(s));
        }
    }

    /** The caller's contract check refuses a model; a bad window setting is a usage error with the caller's prefix. */
    @Test
    void refusesByTheCallersCheckAndBadSettingsAsUsageErrors() throws Exception {
        Path m = model();
        BadInputException refused = assertThrows(BadInputException.class, () -> cpu(m).check(c -> {
            throw new BadInputException("model gives " + c.classes() + " classes");
        }).open());
        assertEquals("model gives 2 classes", refused.getMessage());
        LossbenchException bad = assertThrows(LossbenchException.class, () -> cpu(m).overlap(1.0).usagePrefix("sweep: inference settings: ").open());
        assertEquals(ExitCode.USAGE, bad.exitCode());
        assertEquals("sweep: inference settings: overlap must be in [0, 1), got 1.0", bad.getMessage());
        assertTrue(assertThrows(LossbenchException.class, () -> cpu(m).batch(0).open()).getMessage().startsWith("batch size must be >= 1"));
    }
}
