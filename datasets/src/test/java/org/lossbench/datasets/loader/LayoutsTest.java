package org.lossbench.datasets.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.nifti.NiftiWriter;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.datasets.spec.Layout;

class LayoutsTest {
    static final Grid GRID = Grid.of(4, 5, 6, 2.0, 1.0, 1.0);

    @TempDir
    Path root;

    static ImageVolume image(int channels, float offset) {
        float[] d = new float[channels * GRID.voxelCount()];
        for (int i = 0; i < d.length; i++) {
            d[i] = offset + i * 0.5f;
        }
        return new ImageVolume(GRID, channels, d);
    }

    static LabelMap label(Grid grid, int maxLabel) {
        int[] l = new int[grid.voxelCount()];
        for (int i = 0; i < l.length; i++) {
            l[i] = i % (maxLabel + 1);
        }
        return LabelMap.of(grid, l);
    }

    /** Two-modality MSD dataset: 4D images, two training cases and one test case. */
    void writeMsd() throws Exception {
        for (String id : List.of("prostate_00", "prostate_01")) {
            NiftiWriter.write(root.resolve("imagesTr/" + id + ".nii.gz"), image(2, id.hashCode() % 7));
            NiftiWriter.write(root.resolve("labelsTr/" + id + ".nii.gz"), label(GRID, 2));
        }
        NiftiWriter.write(root.resolve("imagesTs/prostate_09.nii.gz"), image(2, 3));
        Files.writeString(root.resolve("dataset.json"), """
                {"name": "Prostate", "description": "Prostate transitional zone and peripheral zone",
                 "reference": "Radboud University", "licence": "CC-BY-SA 4.0", "release": "1.0", "tensorImageSize": "4D",
                 "modality": {"0": "T2", "1": "ADC"},
                 "labels": {"0": "background", "1": "PZ", "2": "TZ"},
                 "numTraining": 2, "numTest": 1,
                 "training": [{"image": "./imagesTr/prostate_00.nii.gz", "label": "./labelsTr/prostate_00.nii.gz"},
                              {"image": "./imagesTr/prostate_01.nii.gz", "label": "./labelsTr/prostate_01.nii.gz"}],
                 "test": ["./imagesTs/prostate_09.nii.gz"]}
                """);
    }

    /** nnU-Net v2 raw dataset with two channel files per case. */
    void writeNnUnet() throws Exception {
        for (String id : List.of("la_003", "la_004")) {
            for (int c = 0; c < 2; c++) {
                NiftiWriter.write(root.resolve(String.format("imagesTr/%s_%04d.nii.gz", id, c)), image(1, c * 100));
            }
            NiftiWriter.write(root.resolve("labelsTr/" + id + ".nii.gz"), label(GRID, 1));
        }
        Files.writeString(root.resolve("dataset.json"), """
                {"channel_names": {"0": "T2", "1": "ADC"}, "labels": {"background": 0, "left atrium": 1},
                 "numTraining": 2, "file_ending": ".nii.gz", "name": "Dataset042_LA"}
                """);
    }

    @Test
    void msdLayoutLoads() throws Exception {
        writeMsd();
        Dataset ds = Dataset.open(root);
        assertEquals(Layout.MSD, ds.layout());
        assertEquals("Prostate", ds.spec().name());
        assertEquals(List.of("T2", "ADC"), ds.spec().modalities());
        assertEquals(Map.of(0, "background", 1, "PZ", 2, "TZ"), ds.spec().labels());
        assertEquals(List.of("prostate_09"), ds.spec().splits().test());
        assertEquals("CC-BY-SA 4.0", ds.spec().licence());
        LoadedCase c = ds.load("prostate_01");
        assertEquals(2, c.image().channels());
        assertArrayEquals(image(2, "prostate_01".hashCode() % 7).data(), c.image().data());
        assertArrayEquals(label(GRID, 2).toIntArray(), c.label().toIntArray());
        assertNull(ds.load("prostate_09").label());
        assertEquals(3, ds.verify());
    }

    @Test
    void nnUnetLayoutLoads() throws Exception {
        writeNnUnet();
        Dataset ds = Dataset.open(root);
        assertEquals(Layout.NNUNET, ds.layout());
        assertEquals(Map.of(0, "background", 1, "left atrium"), ds.spec().labels());
        assertEquals(List.of("imagesTr/la_004_0000.nii.gz", "imagesTr/la_004_0001.nii.gz"), ds.spec().caseById("la_004").orElseThrow().images());
        LoadedCase c = ds.load("la_004");
        assertEquals(2, c.image().channels());
        assertEquals(100f, c.image().get(1, 0, 0, 0));
        assertEquals(0f, c.image().get(0, 0, 0, 0));
        assertEquals(GRID, c.label().grid());
    }

    @Test
    void niftiFolderLoads() throws Exception {
        NiftiWriter.write(root.resolve("images/a.nii.gz"), image(1, 0));
        NiftiWriter.write(root.resolve("labels/a.nii.gz"), label(GRID, 3));
        Dataset ds = Dataset.open(root);
        assertEquals(Layout.FOLDER, ds.layout());
        assertEquals(Map.of(0, "background", 1, "label1", 2, "label2", 3, "label3"), ds.spec().labels());
        assertEquals(1, ds.verify());
    }

    /** A label that is a symbolic link out of the dataset root is refused before it is read. */
    @Test
    void niftiFolderWithALinkOutOfTheRootIsRejected(@TempDir Path elsewhere) throws Exception {
        NiftiWriter.write(root.resolve("images/a.nii.gz"), image(1, 0));
        NiftiWriter.write(elsewhere.resolve("a.nii.gz"), label(GRID, 3));
        try {
            Files.createSymbolicLink(root.resolve("labels"), elsewhere);
        } catch (UnsupportedOperationException | java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no symbolic links here: " + e);
        }
        BadInputException e = assertThrows(BadInputException.class, () -> Dataset.open(root));
        assertTrue(e.getMessage().startsWith("case 'a': label: path 'labels/a.nii.gz' is a symbolic link (or lies under one) to "
                + elsewhere.toRealPath().resolve("a.nii.gz")), e.getMessage());
    }

    @Test
    void niftiPairsInOneFolderLoad() throws Exception {
        NiftiWriter.write(root.resolve("p01.nii.gz"), image(1, 0));
        NiftiWriter.write(root.resolve("p01_seg.nii.gz"), label(GRID, 2));
        NiftiWriter.write(root.resolve("p02.nii"), image(1, 5));
        NiftiWriter.write(root.resolve("p02_mask.nii"), label(GRID, 1));
        Dataset ds = Dataset.open(root);
        assertEquals(Layout.FOLDER, ds.layout());
        assertEquals(List.of("p01", "p02"), ds.spec().cases().stream().map(c -> c.id()).toList());
        assertEquals("p02_mask.nii", ds.spec().caseById("p02").orElseThrow().label());
        assertEquals(5f, ds.load("p02").image().get(0, 0, 0, 0));
        assertEquals(2, ds.verify());
        NiftiWriter.write(root.resolve("p03.nii.gz"), image(1, 0));
        BadInputException e = assertThrows(BadInputException.class, () -> Dataset.open(root));
        assertTrue(e.getMessage().contains("case 'p03'") && e.getMessage().contains("has no label"), e.getMessage());
    }

    @Test
    void missingFileNamesCaseAndFile() throws Exception {
        writeMsd();
        Files.delete(root.resolve("labelsTr/prostate_01.nii.gz"));
        Dataset ds = Dataset.open(root);
        BadInputException e = assertThrows(BadInputException.class, ds::verify);
        assertTrue(e.getMessage().contains("case 'prostate_01'") && e.getMessage().contains("labelsTr/prostate_01.nii.gz")
                && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void corruptFileNamesCaseAndFile() throws Exception {
        writeMsd();
        Files.write(root.resolve("labelsTr/prostate_00.nii.gz"), new byte[] {31, -117, 8, 0, 1, 2, 3});
        BadInputException e = assertThrows(BadInputException.class, () -> Dataset.open(root).load("prostate_00"));
        assertTrue(e.getMessage().contains("case 'prostate_00'") && e.getMessage().contains("prostate_00.nii.gz"), e.getMessage());
    }

    @Test
    void gridsThatDisagreeAreReported() throws Exception {
        writeNnUnet();
        NiftiWriter.write(root.resolve("imagesTr/la_003_0001.nii.gz"), new ImageVolume(Grid.of(4, 5, 6, 2.5, 1, 1), 1, new float[120]));
        BadInputException e = assertThrows(BadInputException.class, () -> Dataset.open(root).load("la_003"));
        assertTrue(e.getMessage().contains("case 'la_003'") && e.getMessage().contains("spacing"), e.getMessage());
        writeNnUnet();
        NiftiWriter.write(root.resolve("labelsTr/la_004.nii.gz"), label(Grid.of(4, 5, 7, 2.0, 1, 1), 1));
        e = assertThrows(BadInputException.class, () -> Dataset.open(root).load("la_004"));
        assertTrue(e.getMessage().contains("case 'la_004'") && e.getMessage().contains("shape"), e.getMessage());
    }

    /** GRID is 4 x 5 x 6 (D, H, W); flat index 37 = (z 1, y 1, x 1): 1 * 30 + 1 * 6 + 1. */
    @Test
    void aNanVoxelInAnImageNamesCaseFileAndVoxel() throws Exception {
        writeNnUnet();
        ImageVolume bad = image(1, 0);
        bad.data()[37] = Float.NaN;
        NiftiWriter.write(root.resolve("imagesTr/la_003_0001.nii.gz"), bad);
        BadInputException e = assertThrows(BadInputException.class, () -> Dataset.open(root).load("la_003"));
        assertTrue(e.getMessage().startsWith("dataset 'Dataset042_LA', case 'la_003': imagesTr/la_003_0001.nii.gz: channel 0, "
                + "voxel (x=1, y=1, z=1) is NaN"), e.getMessage());
        Dataset.open(root).load("la_004");
    }

    @Test
    void labelsOutsideTheSpecAreReported() throws Exception {
        writeNnUnet();
        NiftiWriter.write(root.resolve("labelsTr/la_003.nii.gz"), label(GRID, 4));
        BadInputException e = assertThrows(BadInputException.class, () -> Dataset.open(root).load("la_003"));
        assertTrue(e.getMessage().contains("case 'la_003'") && e.getMessage().contains("value 2"), e.getMessage());
    }

    @Test
    void malformedDatasetJsonIsReported() throws Exception {
        writeNnUnet();
        Files.writeString(root.resolve("dataset.json"), "{\"channel_names\": {\"0\": \"T2\"}, \"labels\": ");
        BadInputException e = assertThrows(BadInputException.class, () -> Dataset.open(root));
        assertTrue(e.getMessage().contains("dataset.json") && e.getMessage().contains("malformed"), e.getMessage());
        Files.writeString(root.resolve("dataset.json"), "{\"channel_names\": {\"0\": \"T2\", \"1\": \"ADC\"}, \"labels\": {\"background\": 0}}");
        e = assertThrows(BadInputException.class, () -> Dataset.open(root));
        assertTrue(e.getMessage().contains("file_ending"), e.getMessage());
        Files.writeString(root.resolve("dataset.json"), "{\"channel_names\": {\"0\": \"T2\", \"1\": \"ADC\"}, "
                + "\"labels\": {\"background\": 0, \"whole\": [1, 2]}, \"file_ending\": \".nii.gz\"}");
        e = assertThrows(BadInputException.class, () -> Dataset.open(root));
        assertTrue(e.getMessage().contains("region-based"), e.getMessage());
    }

    /** Each malformed dataset.json gives a BadInputException whose message contains the given words. */
    @Test
    void malformedSpecsAreBadInputWithAClearMessage() throws Exception {
        String base = "{\"format\":\"lossbench-dataset/1\",\"name\":\"x\",\"modalities\":[\"CT\"],\"labels\":{\"0\":\"bg\"},";
        String ok = "\"cases\":[{\"id\":\"a\",\"images\":[\"a\"]}]";
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put(base + "\"cases\":[null]}", "null at line 1");
        cases.put(base + "\"cases\":[{\"id\":\"a\",\"images\":[null]}]}", "inside a list or map of CaseSpec");
        cases.put(base + ok + ",\"splits\":{\"train\":[null]}}", "Splits");
        cases.put(base + ok + ",\"checksums\":{\"a\":null}}", "64 lowercase hex");
        cases.put("{\"format\":\"lossbench-dataset/1\",\"name\":\"x\",\"modalities\":[\"CT\"],\"labels\":{\"0\":null}," + ok + "}",
                "every label needs a name");
        cases.put("{\"format\":\"lossbench-dataset/1\",\"name\":\"x\",\"modalities\":[\"CT\"],\"labels\":{\"zero\":\"bg\"}}", "\"zero\"");
        cases.put("{\"format\":\"lossbench-dataset/2\"}", "\"format\" must be");
        cases.put("{\"modality\":{\"0\":\"CT\"},\"labels\":{\"0\":\"bg\"},\"training\":[{\"image\":\"a.nii\",\"label\":\"b.nii\"}],"
                + "\"test\":[3]}", "\"test\" entry 0");
        cases.put("{\"modality\":{\"0\":\"CT\"},\"labels\":{\"0\":\"bg\"},\"training\":[{\"image\":\"\",\"label\":\"b\"}]}",
                "\"training\" entry 0");
        cases.put("{\"channel_names\":[\"CT\"],\"labels\":[0],\"file_ending\":5}", "channel_names");
        cases.put("[]", "JSON object");
        cases.put("", "empty");
        for (var e : cases.entrySet()) {
            Files.writeString(root.resolve("dataset.json"), e.getKey());
            BadInputException ex = assertThrows(BadInputException.class, () -> Dataset.open(root), e.getKey());
            assertTrue(ex.getMessage().contains("dataset.json") && ex.getMessage().contains(e.getValue()),
                    e.getKey() + " -> " + ex.getMessage());
        }
    }

    @Test
    void nnUnetMissingChannelAndCountMismatchAreReported() throws Exception {
        writeNnUnet();
        Files.delete(root.resolve("imagesTr/la_003_0001.nii.gz"));
        BadInputException e = assertThrows(BadInputException.class, () -> Dataset.open(root));
        assertTrue(e.getMessage().contains("case 'la_003'") && e.getMessage().contains("channel 1"), e.getMessage());
        writeNnUnet();
        NiftiWriter.write(root.resolve("imagesTr/la_005_0000.nii.gz"), image(1, 0));
        NiftiWriter.write(root.resolve("imagesTr/la_005_0001.nii.gz"), image(1, 0));
        e = assertThrows(BadInputException.class, () -> Dataset.open(root));
        assertTrue(e.getMessage().contains("numTraining is 2 but imagesTr holds 3"), e.getMessage());
    }

    @Test
    void msdPathEscapingTheRootIsRejected() throws Exception {
        writeMsd();
        String json = Files.readString(root.resolve("dataset.json")).replace("./labelsTr/prostate_00.nii.gz", "../../etc/passwd");
        Files.writeString(root.resolve("dataset.json"), json);
        BadInputException e = assertThrows(BadInputException.class, () -> Dataset.open(root));
        assertTrue(e.getMessage().contains("case 'prostate_00'") && e.getMessage().contains(".."), e.getMessage());
    }

    @Test
    void notADataset() {
        BadInputException e = assertThrows(BadInputException.class, () -> Dataset.open(root));
        assertTrue(e.getMessage().contains("not a dataset"), e.getMessage());
    }
}
