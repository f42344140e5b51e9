package org.lossbench.datasets.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.BadInputException;
import org.lossbench.datasets.phantom.PhantomCase;
import org.lossbench.datasets.phantom.PhantomWriter;
import org.lossbench.datasets.phantom.Phantoms;
import org.lossbench.datasets.spec.DatasetSpec;
import org.lossbench.datasets.spec.Layout;
import org.lossbench.datasets.spec.SpecJson;

class PhantomRoundTripTest {
    @TempDir
    Path out;

    @Test
    void writtenPhantomLoadsBackBitExactAndVerifies() {
        DatasetSpec written = PhantomWriter.write(Phantoms.TINY, 3, out, 2, i -> { });
        Dataset ds = Dataset.open(out);
        assertEquals(Layout.LOSSBENCH, ds.layout());
        assertEquals(written.cases(), ds.spec().cases());
        assertEquals(4, ds.verify());
        // 4 cases x (1 image + 1 label + 1 lesion list)
        assertEquals(12, ds.spec().checksums().size());
        assertEquals(4, ds.spec().splits().folds().size());
        for (int i = 0; i < 4; i++) {
            PhantomCase c = Phantoms.TINY.generate(3, i);
            LoadedCase back = ds.load(c.id());
            assertArrayEquals(c.image().data(), back.image().data());
            assertArrayEquals(c.label().toIntArray(), back.label().toIntArray());
            PhantomWriter.LesionList lesions = SpecJson.read(out.resolve("lesions/" + c.id() + ".json"), PhantomWriter.LesionList.class);
            assertEquals(c.lesions().size(), lesions.lesions().size());
            assertEquals(c.lesions().get(0).voxels(), lesions.lesions().get(0).voxels());
        }
    }

    @Test
    void changedFileFailsChecksum() throws Exception {
        PhantomWriter.write(Phantoms.TINY, 3, out, 1, i -> { });
        Path label = out.resolve("labelsTr/phantom-tiny_002.nii.gz");
        byte[] bytes = Files.readAllBytes(label);
        Files.write(out.resolve("labelsTr/phantom-tiny_002.nii.gz"), Files.readAllBytes(out.resolve("labelsTr/phantom-tiny_001.nii.gz")));
        BadInputException e = assertThrows(BadInputException.class, () -> Dataset.open(out).verify());
        assertTrue(e.getMessage().contains("phantom-tiny_002.nii.gz") && e.getMessage().contains("SHA-256"), e.getMessage());
        Files.write(label, bytes);
        assertEquals(4, Dataset.open(out).verify());
    }
}
