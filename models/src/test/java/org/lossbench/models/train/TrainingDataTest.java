package org.lossbench.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.io.nifti.NiftiWriter;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.datasets.loader.LoadedCase;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.datasets.registry.RegistryEntry;
import org.lossbench.datasets.spec.Layout;

/**
 * A registered dataset that names no strata is split by {@code Strata.ofLabels}: ten NIfTI-folder
 * cases, five ({@code a0..a4}) with only class 1 (8 voxels: stratum {@code missing=[2] smallest=4^1})
 * and five ({@code b0..b4}) that also hold one voxel of class 2 ({@code missing=[] smallest=4^0}). The
 * 60/20/20 split deals each stratum of five as train, val, train, test, train (the largest deficit
 * {@code f_s (i + 1) - count_s} at positions 0..4, and again at 5..9), so for every seed val and test
 * hold one case of each kind. Unstratified, a seed would often put two cases of one kind there.
 */
class TrainingDataTest {
    private static final Grid GRID = Grid.of(4, 4, 4);

    @Test
    void casesWithoutStrataAreStratifiedByTheirLabels(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("ds");
        for (int i = 0; i < 5; i++) {
            write(root, "a" + i, false);
            write(root, "b" + i, true);
        }
        DatasetRegistry registry = new DatasetRegistry(tmp.resolve("registry.json"));
        registry.register(new RegistryEntry("strata-test", root.toString(), Layout.FOLDER));
        for (long seed = 0; seed < 5; seed++) {
            TrainingData d = TrainingData.load("strata-test", registry, seed);
            assertEquals(6, d.train().size(), "seed " + seed);
            assertEquals(List.of("a", "b"), kinds(d.val()), "val, seed " + seed);
            assertEquals(List.of("a", "b"), kinds(d.test()), "test, seed " + seed);
        }
    }

    private static List<String> kinds(List<LoadedCase> cases) {
        return cases.stream().map(c -> c.id().substring(0, 1)).sorted().toList();
    }

    private static void write(Path root, String id, boolean withClass2) throws Exception {
        float[] image = new float[GRID.voxelCount()];
        int[] label = new int[GRID.voxelCount()];
        for (int i = 0; i < image.length; i++) {
            image[i] = i % 7;
        }
        for (int i = 0; i < 8; i++) {
            label[i] = 1;
        }
        if (withClass2) {
            label[63] = 2;
        }
        NiftiWriter.write(root.resolve("images/" + id + ".nii.gz"), new ImageVolume(GRID, 1, image));
        NiftiWriter.write(root.resolve("labels/" + id + ".nii.gz"), LabelMap.of(GRID, label));
    }
}
