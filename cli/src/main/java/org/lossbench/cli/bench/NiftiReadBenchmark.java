package org.lossbench.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.lossbench.core.io.nifti.NiftiDatatype;
import org.lossbench.core.io.nifti.NiftiReader;
import org.lossbench.core.io.nifti.NiftiWriter;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.eval.report.MarkdownTable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Read throughput of a large int16 {@code .nii.gz} (512x512x300 by default, a CT-like phantom),
 * for lossbench and for nibabel on the same file in the same run. Two reads are timed: into the
 * stored type (lossbench {@code readLabels} into an int16 label map; nibabel
 * {@code np.asanyarray(img.dataobj)}) and into float32 (lossbench {@code readImage}; nibabel
 * {@code get_fdata(dtype=float32)}). Throughput is decompressed voxel bytes per second; memory is
 * the bytes the reading thread allocated, as a multiple of the result's size (1.0 means the result
 * is the only copy of the data).
 */
public final class NiftiReadBenchmark {
    private final PrintWriter out;

    public NiftiReadBenchmark(PrintWriter out) {
        this.out = out;
    }

    /** A CT-like int16 volume: air, an elliptic body with lungs and a spine, Gaussian noise. */
    static ImageVolume ctPhantom(int d, int h, int w, long seed) {
        Grid grid = Grid.of(d, h, w, 1.0, 0.7, 0.7);
        float[] v = new float[grid.voxelCount()];
        SplittableRandom random = new SplittableRandom(seed);
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                double ny = (y - h / 2.0) / (h * 0.35);
                for (int x = 0; x < w; x++) {
                    double nx = (x - w / 2.0) / (w * 0.45);
                    double r = nx * nx + ny * ny;
                    double hu;
                    if (r > 1) {
                        hu = -1000;
                    } else if (((nx - 0.45) * (nx - 0.45) + ny * ny * 0.8 < 0.12) || ((nx + 0.45) * (nx + 0.45) + ny * ny * 0.8 < 0.12)) {
                        hu = -850;
                    } else if (nx * nx + (ny - 0.6) * (ny - 0.6) < 0.02) {
                        hu = 700;
                    } else {
                        hu = 40;
                    }
                    v[grid.index(z, y, x)] = (float) Math.rint(hu + 20 * random.nextGaussian());
                }
            }
        }
        return new ImageVolume(grid, 1, v);
    }

    /** Runs the benchmark on {@code file} (created when absent) and prints a Markdown table. */
    public void run(Path file, int[] shape, int repeats, PythonPeer peer) throws IOException, InterruptedException {
        if (!Files.exists(file)) {
            out.printf("generating a %dx%dx%d int16 CT phantom at %s ...%n", shape[2], shape[1], shape[0], file);
            out.flush();
            NiftiWriter.write(file, ctPhantom(shape[0], shape[1], shape[2], 42),
                    NiftiWriter.Options.defaults().withDatatype(NiftiDatatype.INT16));
        }
        var header = NiftiReader.readHeader(file);
        double mb = header.dataBytes() / 1e6;
        out.printf("file: %s (%.1f MB compressed, %.1f MB of %s voxels, %dx%dx%d)%n", file, Files.size(file) / 1e6, mb,
                header.datatype().label(), header.nx(), header.ny(), header.nz());

        double[] stored = new double[repeats];
        double[] asFloat = new double[repeats];
        long storedAlloc = 0;
        long floatAlloc = 0;
        long storedBytes = 0;
        long checksum = 0;
        for (int r = 0; r < repeats; r++) {
            System.gc();
            long a0 = allocated();
            long t0 = System.nanoTime();
            LabelMap labels = NiftiReader.readLabels(file);
            stored[r] = (System.nanoTime() - t0) / 1e9;
            storedAlloc = allocated() - a0;
            storedBytes = (long) labels.size() * bytesPerLabel(labels.storage());
            checksum = 0;
            for (int i = 0; i < labels.size(); i++) {
                checksum += labels.get(i);
            }
            labels = null;
            System.gc();
            a0 = allocated();
            t0 = System.nanoTime();
            ImageVolume image = NiftiReader.readImage(file);
            asFloat[r] = (System.nanoTime() - t0) / 1e9;
            floatAlloc = allocated() - a0;
            image = null;
        }

        Table table = Table.create("read-nifti", StringColumn.create("reader"), StringColumn.create("into"), DoubleColumn.create("median s"),
                DoubleColumn.create("min s"), DoubleColumn.create("MB/s (median)"), DoubleColumn.create("allocated / result"));
        row(table, "lossbench", header.datatype().label() + " label map", stored, mb, storedAlloc / (double) storedBytes);
        row(table, "lossbench", "float32 image", asFloat, mb, floatAlloc / (header.voxelCount() * 4.0));
        var reason = peer.unavailableReason();
        if (reason.isPresent()) {
            out.println();
            out.print(MarkdownTable.render(table));
            out.println();
            out.println("nibabel peer not run: " + reason.get());
            out.flush();
            return;
        }
        JsonNode nib = peer.run(List.of(file.toString(), Integer.toString(repeats)), 3600);
        double[] nibStored = JsonProcess.doubles(nib.get("stored_s"));
        double[] nibFloat = JsonProcess.doubles(nib.get("float32_s"));
        row(table, "nibabel " + nib.get("nibabel").asText(), header.datatype().label() + " ndarray", nibStored, mb, Double.NaN);
        row(table, "nibabel " + nib.get("nibabel").asText(), "float32 ndarray", nibFloat, mb, Double.NaN);
        out.println();
        out.print(MarkdownTable.render(table));
        out.println();
        out.printf("speed ratio lossbench / nibabel (median throughput): stored type %.2fx, float32 %.2fx%n",
                Timings.median(nibStored) / Timings.median(stored), Timings.median(nibFloat) / Timings.median(asFloat));
        out.printf("voxel sums agree: %s%n", nib.get("checksum").asLong() == checksum);
        out.flush();
    }

    /** One reader's row; {@code allocatedRatio} NaN (shown as nan) when not measured. */
    private static void row(Table t, String reader, String into, double[] seconds, double mb, double allocatedRatio) {
        t.stringColumn(0).append(reader);
        t.stringColumn(1).append(into);
        t.doubleColumn(2).append(Timings.median(seconds));
        t.doubleColumn(3).append(Timings.min(seconds));
        t.doubleColumn(4).append(mb / Timings.median(seconds));
        t.doubleColumn(5).append(allocatedRatio);
    }

    private static int bytesPerLabel(LabelMap.Storage storage) {
        return switch (storage) {
            case UINT8 -> 1;
            case INT16, UINT16 -> 2;
            case INT32 -> 4;
        };
    }

    private static long allocated() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
