package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.io.nifti.NiftiWriter;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;

/**
 * A {@code .nii.gz} whose gzip trailer does not match its data (a damaged download or disk) is bad
 * input in every command that reads one: exit 3, one line naming the file, no output left behind.
 */
class CorruptGzipCommandsTest {
    @TempDir
    Path tmp;

    /** Flips one bit of the CRC-32 in the gzip trailer (the last 8 bytes are CRC-32 then ISIZE, RFC 1952). */
    private static void damageCrc(Path file) throws Exception {
        byte[] b = Files.readAllBytes(file);
        b[b.length - 8] ^= 0x01;
        Files.write(file, b);
    }

    private static LabelMap labels() {
        Grid g = Grid.of(6, 6, 6);
        int[] v = new int[g.voxelCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 7 == 0 ? 1 : 0;
        }
        return LabelMap.of(g, v);
    }

    private static void assertRefused(CliRun run, Path file) {
        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().contains(file.toString()) && run.err().contains("corrupt gzip file"), run.err());
        assertEquals(1, run.err().lines().filter(l -> l.startsWith("lossbench: error:")).count(), "one error line: " + run.err());
    }

    @Test
    void inspectRefusesIt() throws Exception {
        Path f = tmp.resolve("seg.nii.gz");
        NiftiWriter.write(f, labels());
        assertEquals(0, CliRun.of("inspect", f.toString()).exitCode(), "intact file first");
        damageCrc(f);
        CliRun run = CliRun.of("inspect", f.toString());
        assertRefused(run, f);
        assertTrue(run.out().isEmpty(), run.out());
    }

    @Test
    void evaluateRefusesIt() throws Exception {
        Path ref = Files.createDirectories(tmp.resolve("ref"));
        Path pred = Files.createDirectories(tmp.resolve("pred"));
        NiftiWriter.write(ref.resolve("c1.nii.gz"), labels());
        NiftiWriter.write(pred.resolve("c1.nii.gz"), labels());
        damageCrc(pred.resolve("c1.nii.gz"));
        Path out = tmp.resolve("eval");
        assertRefused(CliRun.of("evaluate", "--ref", ref.toString(), "--pred", pred.toString(), "--out", out.toString()),
                pred.resolve("c1.nii.gz"));
        assertFalse(Files.exists(out.resolve("cases.csv")), "nothing written");
    }

    @Test
    void inferRefusesIt() throws Exception {
        Path model = tmp.resolve("tiny.onnx");
        assertEquals(0, CliRun.of("models", "export", "vnet-tiny", "--classes", "2", "--out", model.toString()).exitCode());
        Path in = Files.createDirectories(tmp.resolve("in"));
        Grid g = Grid.of(16, 16, 16);
        NiftiWriter.write(in.resolve("c1.nii.gz"), new ImageVolume(g, 1, new float[g.voxelCount()]));
        damageCrc(in.resolve("c1.nii.gz"));
        Path out = tmp.resolve("pred");
        assertRefused(CliRun.of("infer", "--model", model.toString(), "--input", in.toString(), "--out", out.toString(), "--roi", "16",
                "--device", "cpu"), in.resolve("c1.nii.gz"));
        assertFalse(Files.exists(out.resolve("c1.nii.gz")), "nothing written");
    }
}
