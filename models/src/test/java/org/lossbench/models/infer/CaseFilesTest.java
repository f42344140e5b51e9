package org.lossbench.models.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.nifti.NiftiWriter;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;

class CaseFilesTest {
    @TempDir
    Path dir;

    private void write(String name, Grid grid, float value) {
        float[] data = new float[grid.voxelCount()];
        java.util.Arrays.fill(data, value);
        NiftiWriter.write(dir.resolve(name), new ImageVolume(grid, 1, data));
    }

    @Test
    void channelFilesFormOneCaseInIndexOrder() throws IOException {
        Grid grid = Grid.of(2, 2, 2);
        write("b_0001.nii.gz", grid, 11);
        write("b_0000.nii.gz", grid, 10);
        write("a.nii", grid, 1);
        Files.writeString(dir.resolve("notes.txt"), "ignored");

        List<CaseFiles.Case> cases = CaseFiles.list(dir);
        assertEquals(List.of("a", "b"), cases.stream().map(CaseFiles.Case::id).toList());
        assertEquals(List.of(dir.resolve("b_0000.nii.gz"), dir.resolve("b_0001.nii.gz")), cases.get(1).channels());

        ImageVolume b = CaseFiles.read(cases.get(1));
        assertEquals(2, b.channels());
        float[] expected = new float[16];
        java.util.Arrays.fill(expected, 0, 8, 10f);
        java.util.Arrays.fill(expected, 8, 16, 11f);
        assertArrayEquals(expected, b.data());
        assertEquals(1, CaseFiles.read(cases.get(0)).channels());
    }

    @Test
    void aSingleChannelFileIsItsOwnCaseWithoutTheSuffix() {
        write("case7_0000.nii.gz", Grid.of(1, 2, 3), 5);
        List<CaseFiles.Case> cases = CaseFiles.list(dir.resolve("case7_0000.nii.gz"));
        assertEquals("case7", cases.get(0).id());
    }

    /** An infinite channel file, whether the case's only file or its second channel, names that file. */
    @Test
    void nonFiniteVoxelsNameTheirFile() {
        Grid grid = Grid.of(2, 2, 2);
        write("d.nii.gz", grid, Float.POSITIVE_INFINITY);
        write("e_0000.nii.gz", grid, 0);
        write("e_0001.nii.gz", grid, Float.NaN);
        List<CaseFiles.Case> cases = CaseFiles.list(dir);
        BadInputException single = assertThrows(BadInputException.class, () -> CaseFiles.read(cases.get(0)));
        assertTrue(single.getMessage().startsWith(dir.resolve("d.nii.gz") + ": channel 0, voxel (x=0, y=0, z=0) is infinite"),
                single.getMessage());
        BadInputException second = assertThrows(BadInputException.class, () -> CaseFiles.read(cases.get(1)));
        assertTrue(second.getMessage().startsWith(dir.resolve("e_0001.nii.gz") + ": channel 0, voxel (x=0, y=0, z=0) is NaN"),
                second.getMessage());
    }

    @Test
    void gapsAmbiguityAndGridMismatchAreExplained() {
        Grid grid = Grid.of(2, 2, 2);
        write("c_0000.nii.gz", grid, 1);
        write("c_0002.nii.gz", grid, 1);
        BadInputException gap = assertThrows(BadInputException.class, () -> CaseFiles.list(dir));
        assertTrue(gap.getMessage().contains("missing _0001"), gap.getMessage());

        write("c_0001.nii.gz", Grid.of(2, 2, 2, 1, 1, 2), 1);
        BadInputException grid2 = assertThrows(BadInputException.class, () -> CaseFiles.read(CaseFiles.list(dir).get(0)));
        assertTrue(grid2.getMessage().contains("is not on the grid of") && grid2.getMessage().contains("spacing"), grid2.getMessage());

        write("c.nii.gz", grid, 1);
        BadInputException ambiguous = assertThrows(BadInputException.class, () -> CaseFiles.list(dir));
        assertTrue(ambiguous.getMessage().contains("ambiguous"), ambiguous.getMessage());
    }

    @Test
    void emptyOrMissingInput() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertTrue(assertThrows(BadInputException.class, () -> CaseFiles.list(empty)).getMessage().contains("no NIfTI images"));
        assertTrue(assertThrows(BadInputException.class, () -> CaseFiles.list(dir.resolve("nope"))).getMessage().contains("does not exist"));
    }
}
