package org.lossbench.core.io.nifti;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.core.volume.Orientation;

/**
 * Writes {@link ImageVolume}s and {@link LabelMap}s as NIfTI-1 or NIfTI-2, gzip-compressed when the
 * file name ends in {@code .gz}. The grid's qform and sform are written as they are, so a volume
 * read from a file and written again lines up with it in every viewer. Files are written to a
 * temporary name and moved into place ({@link AtomicFiles}).
 */
public final class NiftiWriter {
    /** {@code xyzt_units}: millimetres and seconds, as nibabel writes. */
    static final int UNITS_MM_SEC = 2 | 8;

    private NiftiWriter() {
    }

    /**
     * How to write a file.
     *
     * @param datatype    voxel type on disk; {@code null} picks float32 for images and the label map's storage type for labels
     * @param version     1 or 2; 0 picks NIfTI-1 unless it cannot hold the grid exactly (see {@link #needsNifti2})
     * @param byteOrder   byte order on disk
     * @param sclSlope    {@code scl_slope} to store (values are written as {@code (v - inter) / slope}); 0 for none
     * @param sclInter    {@code scl_inter}
     * @param description {@code descrip} (at most 79 characters are kept)
     * @param gzipLevel   deflate level 1 (fastest) to 9 for {@code .gz} files
     */
    public record Options(NiftiDatatype datatype, int version, ByteOrder byteOrder, double sclSlope, double sclInter,
                          String description, int gzipLevel) {
        /** Defaults: automatic datatype and version, little-endian, no scaling, deflate level 1. */
        public static Options defaults() {
            return new Options(null, 0, ByteOrder.LITTLE_ENDIAN, 0, 0, "lossbench", Deflater.BEST_SPEED);
        }

        public Options withDatatype(NiftiDatatype d) {
            return new Options(d, version, byteOrder, sclSlope, sclInter, description, gzipLevel);
        }

        public Options withVersion(int v) {
            return new Options(datatype, v, byteOrder, sclSlope, sclInter, description, gzipLevel);
        }

        public Options withByteOrder(ByteOrder o) {
            return new Options(datatype, version, o, sclSlope, sclInter, description, gzipLevel);
        }

        public Options withScaling(double slope, double inter) {
            return new Options(datatype, version, byteOrder, slope, inter, description, gzipLevel);
        }
    }

    /** Writes a float32 image. */
    public static void write(Path path, ImageVolume image) {
        write(path, image, Options.defaults());
    }

    public static void write(Path path, ImageVolume image, Options options) {
        NiftiDatatype type = options.datatype() == null ? NiftiDatatype.FLOAT32 : options.datatype();
        float[] data = image.data();
        write(path, image.grid(), image.channels(), type, options, (from, count, out) -> {
            for (int i = 0; i < count; i++) {
                out[i] = data[from + i];
            }
        });
    }

    /** Writes a label map in the datatype of its storage (uint8, int16, uint16 or int32). */
    public static void write(Path path, LabelMap labels) {
        write(path, labels, Options.defaults());
    }

    public static void write(Path path, LabelMap labels, Options options) {
        NiftiDatatype type = options.datatype() != null ? options.datatype() : switch (labels.storage()) {
            case UINT8 -> NiftiDatatype.UINT8;
            case INT16 -> NiftiDatatype.INT16;
            case UINT16 -> NiftiDatatype.UINT16;
            case INT32 -> NiftiDatatype.INT32;
        };
        write(path, labels.grid(), 1, type, options, (from, count, out) -> {
            for (int i = 0; i < count; i++) {
                out[i] = labels.get(from + i);
            }
        });
    }

    /** Fills {@code out[0..count)} with the values of voxels {@code from..from+count}. */
    @FunctionalInterface
    private interface VoxelSource {
        void fill(int from, int count, double[] out);
    }

    private static void write(Path path, Grid grid, int channels, NiftiDatatype type, Options options, VoxelSource source) {
        if (type == NiftiDatatype.INT64) {
            throw new IllegalArgumentException("lossbench reads int64 NIfTI files but does not write them");
        }
        int version = options.version() != 0 ? options.version() : needsNifti2(grid, channels) ? 2 : 1;
        NiftiHeader header = header(grid, channels, type, version, options);
        byte[] headerBytes = NiftiHeaderCodec.encode(header);
        boolean gzip = path.getFileName().toString().endsWith(".gz");
        AtomicFiles.write(path, raw -> {
            OutputStream out = gzip ? new LevelledGzipStream(raw, options.gzipLevel()) : raw;
            out.write(headerBytes);
            writeVoxels(out, header, source, path);
            if (gzip) {
                ((GZIPOutputStream) out).finish();
            }
        });
    }

    /**
     * NIfTI-1 is chosen unless it cannot hold the volume exactly: a dimension above 32767, or a
     * spacing or transform value that float32 would round (a grid read from a NIfTI-2 file).
     */
    static boolean needsNifti2(Grid grid, int channels) {
        if (grid.width() > Short.MAX_VALUE || grid.height() > Short.MAX_VALUE || grid.depth() > Short.MAX_VALUE
                || channels > Short.MAX_VALUE) {
            return true;
        }
        Orientation o = grid.orientation();
        double[] values = {grid.spacingX(), grid.spacingY(), grid.spacingZ(), o.quaternB(), o.quaternC(), o.quaternD(),
            o.qoffsetX(), o.qoffsetY(), o.qoffsetZ()};
        for (double v : values) {
            if ((float) v != v) {
                return true;
            }
        }
        for (double v : o.sform().rows()) {
            if ((float) v != v) {
                return true;
            }
        }
        return false;
    }

    private static NiftiHeader header(Grid grid, int channels, NiftiDatatype type, int version, Options options) {
        double[] pixdim = {grid.orientation().qfac(), grid.spacingX(), grid.spacingY(), grid.spacingZ(), 1, 1, 1, 1};
        return new NiftiHeader(version, options.byteOrder(), type, grid.width(), grid.height(), grid.depth(), channels,
                pixdim, NiftiHeaderCodec.dataOffset(version), options.sclSlope(), options.sclInter(), grid.orientation(),
                UNITS_MM_SEC, 0, options.description());
    }

    private static void writeVoxels(OutputStream out, NiftiHeader h, VoxelSource source, Path path) throws IOException {
        NiftiDatatype type = h.datatype();
        int chunkVoxels = (1 << 20) / type.bytes();
        double[] values = new double[chunkVoxels];
        ByteBuffer buf = ByteBuffer.allocate(chunkVoxels * type.bytes()).order(h.byteOrder());
        boolean scale = h.hasScaling();
        long total = h.voxelCount();
        for (long pos = 0; pos < total; ) {
            int count = (int) Math.min(chunkVoxels, total - pos);
            source.fill((int) pos, count, values);
            buf.clear();
            for (int i = 0; i < count; i++) {
                double v = scale ? (values[i] - h.sclInter()) / h.sclSlope() : values[i];
                put(buf, type, v, pos + i, path);
            }
            out.write(buf.array(), 0, count * type.bytes());
            pos += count;
        }
    }

    private static void put(ByteBuffer buf, NiftiDatatype type, double v, long index, Path path) {
        switch (type) {
            case FLOAT32 -> buf.putFloat((float) v);
            case FLOAT64 -> buf.putDouble(v);
            default -> {
                double r = Math.rint(v);
                if (!(r >= min(type) && r <= max(type))) {
                    throw new BadInputException(path + ": voxel " + index + " holds " + v + ", which " + type.label()
                            + " cannot store; choose a wider datatype");
                }
                switch (type) {
                    case UINT8, INT8 -> buf.put((byte) (long) r);
                    case INT16, UINT16 -> buf.putShort((short) (long) r);
                    case INT32, UINT32 -> buf.putInt((int) (long) r);
                    default -> throw new AssertionError(type);
                }
            }
        }
    }

    private static double min(NiftiDatatype type) {
        return switch (type) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            default -> 0;
        };
    }

    private static double max(NiftiDatatype type) {
        return switch (type) {
            case UINT8 -> 255;
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case UINT16 -> 65535;
            case INT32 -> Integer.MAX_VALUE;
            case UINT32 -> 4294967295.0;
            default -> throw new AssertionError(type);
        };
    }

    /** A gzip stream with a chosen deflate level. */
    private static final class LevelledGzipStream extends GZIPOutputStream {
        LevelledGzipStream(OutputStream out, int level) throws IOException {
            super(out, 1 << 16);
            def.setLevel(level);
        }
    }
}
