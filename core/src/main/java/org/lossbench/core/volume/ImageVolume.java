package org.lossbench.core.volume;

import java.util.Objects;
import org.lossbench.core.BadInputException;

/**
 * A float32 image on a {@link Grid}, with one or more channels (modalities), stored
 * {@code [C][D][H][W]} in one array with W fastest.
 *
 * <p>The backing array is exposed by {@link #data()} without a copy, so that readers, writers and
 * the engine move voxels without duplicating whole volumes; callers that keep a reference own the
 * consequences of mutating it.
 */
public final class ImageVolume {
    private final Grid grid;
    private final int channels;
    private final float[] data;

    /** Wraps {@code data} (not copied), which must hold {@code channels * D * H * W} values. */
    public ImageVolume(Grid grid, int channels, float[] data) {
        this.grid = Objects.requireNonNull(grid, "grid");
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        long expected = (long) channels * grid.voxelCount();
        if (data.length != expected) {
            throw new IllegalArgumentException("data holds " + data.length + " values; " + channels + " channel(s) of "
                    + grid.shapeString() + " need " + expected);
        }
        this.channels = channels;
        this.data = data;
    }

    /** A zero-filled single-channel image. */
    public static ImageVolume zeros(Grid grid) {
        return new ImageVolume(grid, 1, new float[grid.voxelCount()]);
    }

    public Grid grid() {
        return grid;
    }

    public int channels() {
        return channels;
    }

    /** The backing array {@code [C][D][H][W]}, not a copy. */
    public float[] data() {
        return data;
    }

    public float get(int channel, int z, int y, int x) {
        return data[channel * grid.voxelCount() + grid.index(z, y, x)];
    }

    public void set(int channel, int z, int y, int x, float value) {
        data[channel * grid.voxelCount() + grid.index(z, y, x)] = value;
    }

    /**
     * Fails on the first NaN or infinite voxel: such a value turns every normalised intensity, loss
     * and prediction that touches it into NaN without an error of its own.
     *
     * @param source names the image in the message (a file, or a dataset and case)
     * @throws BadInputException naming {@code source}, the channel and the voxel
     */
    public void requireFinite(String source) {
        int n = grid.voxelCount();
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new BadInputException(source + ": channel " + i / n + ", voxel " + grid.describeVoxel(i % n) + " is "
                        + (Float.isNaN(data[i]) ? "NaN" : "infinite") + "; images must hold finite intensities (fill or mask the missing"
                        + " voxels, e.g. with the background value, before using the image)");
            }
        }
    }

    /** A copy of one channel as a single-channel image. */
    public ImageVolume channel(int channel) {
        Objects.checkIndex(channel, channels);
        int n = grid.voxelCount();
        float[] out = new float[n];
        System.arraycopy(data, channel * n, out, 0, n);
        return new ImageVolume(grid, 1, out);
    }
}
