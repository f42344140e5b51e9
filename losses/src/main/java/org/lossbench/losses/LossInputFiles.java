package org.lossbench.losses;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.nifti.NiftiReader;
import org.lossbench.core.io.npy.NpyArray;
import org.lossbench.core.io.npy.NpyReader;
import org.lossbench.core.volume.LabelMap;

/**
 * Reads a {@link LossInput} from files: logits as {@code .npy} float32 or float64 of shape
 * {@code [N, K, D, H, W]} (or {@code [K, D, H, W]}, read as N = 1), labels as {@code .npy} of an integer
 * dtype, shape {@code [N, D, H, W]} (or {@code [D, H, W]} for N = 1), or as a NIfTI label map
 * ({@code .nii}, {@code .nii.gz}; its {@code (nz, ny, nx)} grid is {@code (D, H, W)}, N = 1). Every
 * mismatch is a {@link BadInputException} naming both files.
 */
public final class LossInputFiles {
    private LossInputFiles() {
    }

    public static LossInput read(Path logitsFile, Path labelsFile) {
        NpyArray z = NpyReader.read(logitsFile);
        if (z.dtype().isInteger()) {
            throw new BadInputException(logitsFile + ": logits must be float32 or float64, got " + z.dtype().label());
        }
        int[] shape = z.shape();
        if (shape.length == 4) {
            shape = new int[] {1, shape[0], shape[1], shape[2], shape[3]};
        } else if (shape.length != 5) {
            throw new BadInputException(logitsFile + ": logits must have shape [N, K, D, H, W] (or [K, D, H, W]), got "
                    + Arrays.toString(z.shape()));
        }
        int[] expected = {shape[0], shape[2], shape[3], shape[4]};
        int[] labels = readLabels(labelsFile, expected, logitsFile);
        return LossInput.of(shape, z.toFloatArray(), labels, logitsFile + " with " + labelsFile);
    }

    private static int[] readLabels(Path file, int[] expected, Path logitsFile) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": labels file does not exist or is not a file");
        }
        int[] shape;
        int[] values;
        if (name.endsWith(".nii") || name.endsWith(".nii.gz")) {
            LabelMap map = NiftiReader.readLabels(file);
            shape = new int[] {1, map.grid().depth(), map.grid().height(), map.grid().width()};
            values = map.toIntArray();
        } else if (name.endsWith(".npy")) {
            NpyArray a = NpyReader.read(file);
            if (!a.dtype().isInteger()) {
                throw new BadInputException(file + ": labels must have an integer dtype, got " + a.dtype().label()
                        + " (save them with .astype(np.int64))");
            }
            shape = a.rank() == 3 ? new int[] {1, a.shape()[0], a.shape()[1], a.shape()[2]} : a.shape();
            values = new int[a.size()];
            for (int i = 0; i < values.length; i++) {
                long v = a.getLong(i);
                if (v < 0 || v > Integer.MAX_VALUE) {
                    throw new BadInputException(file + ": label " + v + " at voxel " + i + " is not a class index (0 = background)");
                }
                values[i] = (int) v;
            }
        } else {
            throw new BadInputException(file + ": labels must be .npy, .nii or .nii.gz");
        }
        if (!Arrays.equals(shape, expected)) {
            throw new BadInputException(file + ": labels have shape [N, D, H, W] = " + Arrays.toString(shape) + " but the logits "
                    + logitsFile + " need " + Arrays.toString(expected) + "; both must cover the same batch and grid");
        }
        return values;
    }
}
