package org.lossbench.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.datasets.loader.Dataset;
import org.lossbench.datasets.loader.LoadedCase;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.datasets.spec.SplitFile;

/** The built-in msd-hippocampus reaches training with its published split and per-case z-scored MR images. */
class ShippedDatasetTrainingDataTest {
    @TempDir
    Path tmp;

    @Test
    void trainValAndTestAreThePublishedListsAndImagesAreZScoredPerCase() {
        Path install = Path.of(System.getProperty("lossbench.root", "..")).toAbsolutePath().normalize();
        Path root = install.resolve("builtin-data/msd-hippocampus");
        // split seed 7 is ignored: the dataset's own split.json wins
        TrainingData data = TrainingData.load("msd-hippocampus", new DatasetRegistry(tmp.resolve("registry.json"), install), 7);
        SplitFile published = SplitFile.read(root).orElseThrow();
        assertEquals(published.train(), data.train().stream().map(LoadedCase::id).toList());
        assertEquals(published.val(), data.val().stream().map(LoadedCase::id).toList());
        assertEquals(published.test(), data.test().stream().map(LoadedCase::id).toList());
        assertEquals(List.of("MRI"), data.modalities());
        assertEquals(3, data.classes());
        // hippocampus_001 is stored as uint8, hippocampus_004 as float32: both become (x - mean) / std of their own voxels
        Dataset ds = Dataset.open(root);
        for (String id : List.of("hippocampus_001", "hippocampus_004")) {
            float[] raw = ds.load(id).image().data();
            double mean = 0;
            for (float v : raw) {
                mean += v;
            }
            mean /= raw.length;
            double ss = 0;
            for (float v : raw) {
                ss += (v - mean) * (v - mean);
            }
            double std = Math.sqrt(ss / raw.length);
            ImageVolume pre = data.train().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow().image();
            for (int i = 0; i < raw.length; i += 97) {
                assertEquals((raw[i] - mean) / std, pre.data()[i], 1e-4, id + " voxel " + i);
            }
        }
    }
}
