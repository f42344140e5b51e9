package org.lossbench.datasets.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.nifti.NiftiWriter;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.datasets.spec.Layout;

/**
 * A copy of the shipped msd-hippocampus (its SHA256SUMS written by coreutils' sha256sum) with files
 * damaged, removed or added: the loader names the file and says what to do.
 */
class RecordedChecksumsTest {
    static final Path SHIPPED = Path.of(System.getProperty("lossbench.root", "..")).resolve("builtin-data/msd-hippocampus");

    @TempDir
    Path tmp;
    Path copy;

    @BeforeEach
    void copyShipped() throws IOException {
        copy = tmp.resolve("hippo");
        try (Stream<Path> walk = Files.walk(SHIPPED)) {
            for (Path p : walk.toList()) {
                Path target = copy.resolve(SHIPPED.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void aDamagedCaseFileIsCaughtWhenItsCaseIsLoaded() throws IOException {
        Path label = copy.resolve("labelsTr/hippocampus_243.nii.gz");
        byte[] bytes = Files.readAllBytes(label);
        bytes[bytes.length / 2] ^= 1;
        Files.write(label, bytes);
        Dataset ds = Dataset.open(copy);
        assertEquals(Layout.MSD, ds.layout());
        assertEquals(403, ds.recordedChecksums());
        assertEquals("hippocampus_001", ds.load("hippocampus_001").id());
        BadInputException e = assertThrows(BadInputException.class, () -> ds.load("hippocampus_243"));
        assertTrue(e.getMessage().startsWith(label.toAbsolutePath().normalize().toString() + ": SHA-256 "), e.getMessage());
        assertTrue(e.getMessage().contains("recorded in " + copy.resolve("SHA256SUMS")) && e.getMessage().contains("git checkout -- builtin-data"),
                e.getMessage());
        assertEquals(e.getMessage(), assertThrows(BadInputException.class, ds::verify).getMessage());
    }

    @Test
    void aMissingFileStopsTheOpening() throws IOException {
        Files.delete(copy.resolve("imagesTr/hippocampus_394.nii.gz"));
        BadInputException e = assertThrows(BadInputException.class, () -> Dataset.open(copy));
        assertTrue(e.getMessage().contains("imagesTr/hippocampus_394.nii.gz: missing, but " + copy.resolve("SHA256SUMS") + " lists it; restore"),
                e.getMessage());
    }

    @Test
    void aChangedSplitIsCaughtBeforeItIsRead() throws IOException {
        Path split = copy.resolve("split.json");
        Files.writeString(split, Files.readString(split).replace("\"hippocampus_001\", ", ""));
        BadInputException e = assertThrows(BadInputException.class, () -> Dataset.open(copy));
        assertTrue(e.getMessage().startsWith(split.toAbsolutePath().normalize() + ": SHA-256 "), e.getMessage());
        // a changed file outside the cases (the licence) is caught by verify
        Files.copy(SHIPPED.resolve("split.json"), split, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(copy.resolve("LICENCE.md"), "gone");
        Dataset ds = Dataset.open(copy);
        assertTrue(assertThrows(BadInputException.class, ds::verify).getMessage().contains("LICENCE.md: SHA-256"));
    }

    @Test
    void aSplitFileNamingAnUnknownCaseIsRefused() throws IOException {
        Files.delete(copy.resolve("SHA256SUMS"));
        Path split = copy.resolve("split.json");
        Files.writeString(split, Files.readString(split).replace("hippocampus_001", "hippocampus_999"));
        BadInputException e = assertThrows(BadInputException.class, () -> Dataset.open(copy));
        assertTrue(e.getMessage().contains("split.json") && e.getMessage().contains("unknown case 'hippocampus_999'"), e.getMessage());
    }

    @Test
    void floatLabelMapsAreAcceptedWhenIntegralAndRefusedOtherwise() throws IOException {
        Path root = tmp.resolve("msd");
        Grid g = Grid.of(2, 3, 4);
        float[] labels = new float[g.voxelCount()];
        labels[5] = 1;
        labels[7] = 2;
        NiftiWriter.write(root.resolve("imagesTr/c_1.nii.gz"), new ImageVolume(g, 1, new float[g.voxelCount()]));
        NiftiWriter.write(root.resolve("labelsTr/c_1.nii.gz"), new ImageVolume(g, 1, labels)); // float32 on disk
        Files.writeString(root.resolve("dataset.json"), """
                {"name": "t", "modality": {"0": "MRI"}, "labels": {"0": "background", "1": "Anterior", "2": "Posterior"},
                 "training": [{"image": "./imagesTr/c_1.nii.gz", "label": "./labelsTr/c_1.nii.gz"}]}
                """);
        var hist = Dataset.open(root).load("c_1").label().histogram();
        assertEquals(List.of(22L, 1L, 1L), List.of(hist.get(0), hist.get(1), hist.get(2)));
        labels[7] = 1.5f;
        NiftiWriter.write(root.resolve("labelsTr/c_1.nii.gz"), new ImageVolume(g, 1, labels));
        BadInputException e = assertThrows(BadInputException.class, () -> Dataset.open(root).load("c_1"));
        assertTrue(e.getMessage().contains("case 'c_1'") && e.getMessage().contains("labelsTr/c_1.nii.gz")
                && e.getMessage().contains("non-integer value 1.5"), e.getMessage());
    }
}
