package org.lossbench.core.io.nifti;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;

/**
 * An open NIfTI file positioned at its voxel data, which it hands out in chunks decoded to
 * {@code double}. Compression is detected from the gzip magic bytes, not the file name.
 *
 * <p>It never reads more than the header declares: a gzip stream that would inflate further is
 * left unread, and only one chunk (1 MiB) of raw bytes is held at a time, so a reader's only full
 * copy of the data is the volume it fills.
 */
final class NiftiInput implements AutoCloseable {
    private static final int CHUNK_BYTES = 1 << 20;

    private final Path path;
    private final InputStream in;
    private final NiftiHeader header;
    private final byte[] raw = new byte[CHUNK_BYTES];
    private long dataRead;

    private NiftiInput(Path path, InputStream in, NiftiHeader header) {
        this.path = path;
        this.in = in;
        this.header = header;
    }

    /** Opens {@code path}, decodes the header and skips to {@code vox_offset}. */
    static NiftiInput open(Path path) {
        InputStream in = null;
        try {
            long fileSize = Files.size(path);
            InputStream file = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
            in = file;
            file.mark(2);
            int b0 = file.read();
            int b1 = file.read();
            file.reset();
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            if (gzip) {
                in = new GZIPInputStream(file, 1 << 16);
            }
            byte[] first4 = in.readNBytes(4);
            int size = NiftiHeaderCodec.headerSize(first4, path.toString());
            byte[] headerBytes = new byte[size];
            System.arraycopy(first4, 0, headerBytes, 0, 4);
            int got = in.readNBytes(headerBytes, 4, size - 4) + 4;
            if (got < size) {
                throw new BadInputException(path + ": truncated NIfTI header: the file ends after " + got + " of " + size + " bytes");
            }
            NiftiHeader header = NiftiHeaderCodec.decode(headerBytes, path.toString());
            if (!gzip) {
                checkUncompressedSize(path, header, fileSize);
            }
            long toSkip = header.voxOffset() - size;
            while (toSkip > 0) {
                int n = in.readNBytes(new byte[(int) Math.min(toSkip, 1 << 16)], 0, (int) Math.min(toSkip, 1 << 16));
                if (n <= 0) {
                    throw new BadInputException(path + ": vox_offset " + header.voxOffset() + " is past the end of the data");
                }
                toSkip -= n;
            }
            return new NiftiInput(path, in, header);
        } catch (NoSuchFileException e) {
            closeQuietly(in);
            throw new BadInputException(path + ": no such file");
        } catch (ZipException | EOFException e) {
            closeQuietly(in);
            throw new BadInputException(path + ": corrupt or truncated gzip stream (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            closeQuietly(in);
            throw new LossbenchException(ExitCode.BAD_INPUT, path + ": cannot read: " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    private static void checkUncompressedSize(Path path, NiftiHeader header, long fileSize) {
        if (header.voxOffset() > fileSize) {
            throw new BadInputException(path + ": vox_offset " + header.voxOffset() + " is past the end of the file (" + fileSize + " bytes)");
        }
        long needed = header.voxOffset() + header.dataBytes();
        if (needed > fileSize) {
            throw new BadInputException(path + ": truncated: the header declares " + header.dataBytes() + " bytes of voxel data at offset "
                    + header.voxOffset() + " (dimensions " + header.nx() + "x" + header.ny() + "x" + header.nz() + "x" + header.nt()
                    + ", " + header.datatype().label() + ") but the file holds only " + fileSize + " bytes");
        }
    }

    NiftiHeader header() {
        return header;
    }

    /** The most voxels one {@link #next} call returns. */
    int chunkVoxels() {
        return CHUNK_BYTES / header.datatype().bytes();
    }

    /**
     * Reads the next {@code count} voxels (at most {@link #chunkVoxels()}) into {@code out[0..count)}
     * as doubles, before {@code scl_slope}/{@code scl_inter}.
     */
    void next(int count, double[] out) {
        NiftiDatatype type = header.datatype();
        int bytes = count * type.bytes();
        int got;
        try {
            got = in.readNBytes(raw, 0, bytes);
        } catch (ZipException | EOFException e) {
            throw new BadInputException(path + ": corrupt or truncated gzip stream after " + dataRead + " bytes of voxel data ("
                    + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new LossbenchException(ExitCode.BAD_INPUT, path + ": cannot read: " + e, e);
        }
        if (got < bytes) {
            throw new BadInputException(path + ": truncated: the header declares " + header.dataBytes()
                    + " bytes of voxel data but the file ends after " + (dataRead + got));
        }
        dataRead += got;
        ByteBuffer b = ByteBuffer.wrap(raw, 0, bytes).order(header.byteOrder());
        switch (type) {
            case UINT8 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = raw[i] & 0xFF;
                }
            }
            case INT8 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = raw[i];
                }
            }
            case INT16 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = b.getShort(2 * i);
                }
            }
            case UINT16 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = b.getShort(2 * i) & 0xFFFF;
                }
            }
            case INT32 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = b.getInt(4 * i);
                }
            }
            case UINT32 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = b.getInt(4 * i) & 0xFFFFFFFFL;
                }
            }
            case INT64 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = b.getLong(8 * i);
                }
            }
            case FLOAT32 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = b.getFloat(4 * i);
                }
            }
            case FLOAT64 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = b.getDouble(8 * i);
                }
            }
        }
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing was written; a failed close of a read stream changes nothing
            }
        }
    }
}
