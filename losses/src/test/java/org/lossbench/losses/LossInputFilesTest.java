package org.lossbench.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.nifti.NiftiWriter;
import org.lossbench.core.io.npy.NpyArray;
import org.lossbench.core.io.npy.NpyDtype;
import org.lossbench.core.io.npy.NpyWriter;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;

class LossInputFilesTest {
    @TempDir
    Path tmp;

    private Path npy(String name, NpyArray a) {
        Path p = tmp.resolve(name);
        NpyWriter.write(p, a);
        return p;
    }

    @Test
    void readsUnbatchedLogitsWithNiftiOrThreeDimensionalLabels() {
        // logits [K=2, D=1, H=2, W=3] in float64, read as N = 1
        double[] z = {0, 1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 0};
        Path logits = npy("z.npy", new NpyArray(NpyDtype.FLOAT64, new int[] {2, 1, 2, 3}, z));
        Path labels3d = npy("y.npy", new NpyArray(NpyDtype.UINT8, new int[] {1, 2, 3}, new byte[] {0, 1, 1, 0, 0, 1}));
        LossInput in = LossInputFiles.read(logits, labels3d);
        assertArrayEquals(new int[] {1, 2, 1, 2, 3}, in.shape());
        assertArrayEquals(new int[] {0, 1, 1, 0, 0, 1}, in.labels());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 0}, in.logits());

        Path nifti = tmp.resolve("y.nii.gz");
        NiftiWriter.write(nifti, LabelMap.of(Grid.of(1, 2, 3), new int[] {1, 0, 1, 0, 1, 0}));
        assertArrayEquals(new int[] {1, 0, 1, 0, 1, 0}, LossInputFiles.read(logits, nifti).labels());
    }

    @Test
    void refusesWhatDoesNotFit() {
        Path logits = npy("z.npy", NpyArray.ofFloats(new int[] {2, 2, 1, 1, 2}, new float[8]));
        Path intLogits = npy("zi.npy", NpyArray.ofInts(new int[] {1, 2, 1, 1, 2}, new int[4]));
        Path labels = npy("y.npy", NpyArray.ofInts(new int[] {2, 1, 1, 2}, new int[] {0, 1, 1, 0}));
        Path negative = npy("yn.npy", new NpyArray(NpyDtype.INT64, new int[] {2, 1, 1, 2}, new long[] {0, 1, -3, 0}));
        Path nifti = tmp.resolve("y.nii");
        NiftiWriter.write(nifti, LabelMap.of(Grid.of(1, 1, 2), new int[] {0, 1}));
        Path text = tmp.resolve("y.txt");

        assertTrue(message(intLogits, labels).contains("logits must be float32 or float64, got int32"));
        assertTrue(message(logits, negative).contains("label -3 at voxel 2"));
        // a NIfTI label map holds one sample; these logits have N = 2
        assertTrue(message(logits, nifti).contains("labels have shape [N, D, H, W] = [1, 1, 1, 2] but the logits"));
        assertTrue(message(logits, text).contains("does not exist"));
        assertTrue(LossInputFiles.read(logits, labels).n() == 2);
    }

    private static String message(Path logits, Path labels) {
        return assertThrows(BadInputException.class, () -> LossInputFiles.read(logits, labels)).getMessage();
    }
}
