package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.io.nifti.NiftiWriter;
import org.lossbench.core.io.npy.NpyArray;
import org.lossbench.core.io.npy.NpyWriter;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;

class InspectCommandTest {
    @TempDir
    Path tmp;

    @Test
    void labelMapHistogramAndVolumes() throws IOException {
        // [D, H, W] = [2, 3, 4] with (sz, sy, sx) = (2, 1, 0.5) mm: each voxel is 2 * 1 * 0.5 = 1 mm3
        Grid grid = Grid.of(2, 3, 4, 2.0, 1.0, 0.5);
        int[] labels = new int[24];
        labels[0] = 3;
        labels[5] = 3;
        labels[23] = 7;
        Path file = tmp.resolve("seg.nii.gz");
        NiftiWriter.write(file, LabelMap.of(grid, labels));

        CliRun run = CliRun.of("inspect", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("nifti1", json.get("format").asText());
        assertEquals("uint8", json.get("datatype").asText());
        assertEquals("[2,3,4]", json.get("shape").toString());
        assertEquals("[2.0,1.0,0.5]", json.get("spacing").toString());
        assertEquals(21, json.get("labels").get("0").get("voxels").asLong());
        assertEquals(2, json.get("labels").get("3").get("voxels").asLong());
        assertEquals(2.0, json.get("labels").get("3").get("volume_mm3").asDouble(), 1e-12);
        assertEquals(1, json.get("labels").get("7").get("voxels").asLong());
        assertEquals(0.0, json.get("min").asDouble());
        assertEquals(7.0, json.get("max").asDouble());
        assertEquals((3 + 3 + 7) / 24.0, json.get("mean").asDouble(), 1e-12);
        assertEquals(3, json.get("distinct_values").asInt());
    }

    @Test
    void oneObjectPerFileIncludingNpyAndFourD() throws IOException {
        Path npy = tmp.resolve("logits.npy");
        NpyWriter.write(npy, NpyArray.ofFloats(new int[] {1, 2, 2}, new float[] {0.5f, Float.NaN, -1.5f, 2.5f}));
        Path image = tmp.resolve("image.nii");
        NiftiWriter.write(image, new ImageVolume(Grid.of(1, 1, 2), 2, new float[] {0.25f, 1, 2, 3}));

        CliRun run = CliRun.of("inspect", npy.toString(), image.toString());
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().strip().split("\n");
        assertEquals(2, lines.length);
        JsonNode a = new ObjectMapper().readTree(lines[0]);
        assertEquals("npy", a.get("format").asText());
        assertEquals("[1,2,2]", a.get("shape").toString());
        assertEquals(1, a.get("nan_values").asLong());
        assertEquals(0.5, a.get("mean").asDouble(), 1e-12); // (0.5 - 1.5 + 2.5) / 3
        assertTrue(a.get("labels") == null, "float data has no histogram");
        JsonNode b = new ObjectMapper().readTree(lines[1]);
        assertEquals("[2,1,1,2]", b.get("shape").toString());
        assertEquals(2, b.get("channels").asInt());
    }

    @Test
    void badFileExitsThreeAndPrintsNothing() throws IOException {
        Path good = tmp.resolve("good.nii");
        NiftiWriter.write(good, LabelMap.zeros(Grid.of(1, 1, 1)));
        Path bad = tmp.resolve("bad.nii.gz");
        Files.write(bad, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0});

        CliRun run = CliRun.of("inspect", good.toString(), bad.toString());
        assertEquals(3, run.exitCode());
        assertEquals("", run.out(), "nothing is printed when any file is bad");
        assertTrue(run.err().startsWith("lossbench: error: " + bad), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
    }

    @Test
    void unknownExtensionAndUsageErrors() {
        CliRun unknown = CliRun.of("inspect", tmp.resolve("x.txt").toString());
        assertEquals(3, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown file type"), unknown.err());
        assertEquals(2, CliRun.of("inspect").exitCode(), "missing FILE is a usage error");
        assertEquals(2, CliRun.of("no-such-command").exitCode());
    }
}
