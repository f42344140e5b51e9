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
import org.lossbench.core.io.ReadAheadInputStream;

/**
 * An open NIfTI file positioned at its voxel data, which it hands out in chunks decoded to
 * {@code double}. Compression is detected from the gzip magic bytes, not the file name.
 *
 * <p>Only one chunk (at most 1 MiB) of raw bytes is held at a time, so a reader's only full copy of the data
 * is the volume it fills. A gzip file is inflated to its end once the declared voxel data has been
 * read, so that {@link GZIPInputStream} checks every member's trailer (CRC-32 and ISIZE, RFC 1952
 * section 2.3.1): bytes flipped inside the compressed stream often still inflate, and only the trailer
 * tells. What follows the declared data is discarded, and more than {@link #MAX_TRAILING_BYTES} of it
 * is refused, so that a gzip bomb costs bounded time.
 */
final class NiftiInput implements AutoCloseable {
    private static final int CHUNK_BYTES = 1 << 20;

    private final String path;
    private final InputStream in;
    private final InputStream source;
    private final NiftiHeader header;
    /** Below this much voxel data a gzip file is inflated on the reading thread: a second thread would cost more than it saves. */
    static final long READ_AHEAD_MIN_BYTES = 4L * CHUNK_BYTES;

    private final boolean gzip;
    private final byte[] raw;
    private long dataRead;

    private NiftiInput(String path, InputStream in, InputStream source, NiftiHeader header, boolean gzip) {
        this.path = path;
        this.in = in;
        this.source = source;
        this.header = header;
        this.gzip = gzip;
        // one chunk at most, and no more than the data: a small file does not allocate a megabyte
        int typeBytes = header.datatype().bytes();
        this.raw = new byte[(int) Math.max(typeBytes, Math.min(CHUNK_BYTES, header.dataBytes()))];
    }

    /**
     * The most bytes deflate can expand one input byte into (a 258-byte match per 2-bit code, a
     * ratio of about 1032:1). A gzip file of {@code n} bytes therefore cannot hold more than
     * {@code 1032 * n} bytes of data; a header that declares more is refused before any voxel
     * array is allocated, so a tiny corrupt file cannot make lossbench allocate gigabytes.
     */
    static final long MAX_DEFLATE_RATIO = 1032;

    /** The most decompressed bytes a gzip file may hold after the declared voxel data (extensions padding, junk). */
    static final long MAX_TRAILING_BYTES = 64L << 20;

    /** Opens {@code path}, decodes the header and skips to {@code vox_offset}. */
    static NiftiInput open(Path path) {
        long fileSize;
        InputStream file;
        try {
            fileSize = Files.size(path);
            file = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new BadInputException(path + ": no such file");
        } catch (IOException e) {
            throw new LossbenchException(ExitCode.BAD_INPUT, path + ": cannot read: " + e, e);
        }
        return open(file, fileSize, path.toString());
    }

    /**
     * Opens a NIfTI stream of {@code size} bytes (as stored, compressed or not); {@code source}
     * names it in messages. The stream is closed with the returned input, or on failure.
     */
    static NiftiInput open(InputStream raw, long size, String source) {
        InputStream in = null;
        try {
            InputStream file = new BufferedInputStream(raw, 1 << 16);
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
            int headerSize = NiftiHeaderCodec.headerSize(first4, source);
            byte[] headerBytes = new byte[headerSize];
            System.arraycopy(first4, 0, headerBytes, 0, 4);
            int got = in.readNBytes(headerBytes, 4, headerSize - 4) + 4;
            if (got < headerSize) {
                throw new BadInputException(source + ": truncated NIfTI header: the file ends after " + got + " of " + headerSize + " bytes");
            }
            NiftiHeader header = NiftiHeaderCodec.decode(headerBytes, source);
            if (gzip) {
                checkCompressedSize(source, header, size);
            } else {
                checkUncompressedSize(source, header, size);
            }
            long toSkip = header.voxOffset() - headerSize;
            byte[] skip = new byte[(int) Math.min(toSkip, 1 << 16)];
            while (toSkip > 0) {
                int n = in.readNBytes(skip, 0, (int) Math.min(toSkip, skip.length));
                if (n <= 0) {
                    throw new BadInputException(source + ": vox_offset " + header.voxOffset() + " is past the end of the data");
                }
                toSkip -= n;
            }
            // inflate ahead on a second thread (never past the declared data) when there is enough data to gain from it
            InputStream data = gzip && header.dataBytes() >= READ_AHEAD_MIN_BYTES
                    ? new ReadAheadInputStream(in, header.dataBytes(), CHUNK_BYTES, 4) : in;
            return new NiftiInput(source, data, in, header, gzip);
        } catch (ZipException | EOFException e) {
            closeQuietly(in == null ? raw : in);
            throw new BadInputException(source + ": corrupt or truncated gzip stream (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            closeQuietly(in == null ? raw : in);
            throw new LossbenchException(ExitCode.BAD_INPUT, source + ": cannot read: " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(in == null ? raw : in);
            throw e;
        }
    }

    private static void checkCompressedSize(String source, NiftiHeader header, long compressedSize) {
        long bound = MAX_DEFLATE_RATIO * compressedSize + 1024;
        if (header.voxOffset() > bound) {
            throw new BadInputException(source + ": vox_offset " + header.voxOffset() + " is past the end of the data (a gzip file of "
                    + compressedSize + " bytes cannot inflate that far)");
        }
        long needed = header.voxOffset() + header.dataBytes();
        if (needed > bound) {
            throw new BadInputException(source + ": truncated: the header declares " + header.dataBytes()
                    + " bytes of voxel data, more than a gzip file of " + compressedSize + " bytes can hold");
        }
    }

    private static void checkUncompressedSize(String path, NiftiHeader header, long fileSize) {
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
        return raw.length / header.datatype().bytes();
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
        if (dataRead == header.dataBytes() && gzip) {
            verifyGzipEnd();
        }
    }

    /**
     * Inflates the rest of the gzip file (the read-ahead has stopped at the declared data, so nothing
     * else reads the stream now), which makes {@link GZIPInputStream} verify the trailer of every member.
     */
    private void verifyGzipEnd() {
        long trailing = 0;
        byte[] discard = new byte[1 << 16];
        try {
            while (trailing <= MAX_TRAILING_BYTES) {
                int n = source.read(discard, 0, discard.length);
                if (n < 0) {
                    return;
                }
                trailing += n;
            }
        } catch (ZipException | EOFException e) {
            throw new BadInputException(path + ": corrupt gzip file: its voxel data inflated but the gzip stream fails its check ("
                    + e.getMessage() + "; a CRC-32 or length mismatch means damaged bytes); restore the file from its source", e);
        } catch (IOException e) {
            throw new LossbenchException(ExitCode.BAD_INPUT, path + ": cannot read: " + e, e);
        }
        throw new BadInputException(path + ": the gzip stream inflates to more than " + MAX_TRAILING_BYTES
                + " bytes beyond the voxel data its header declares; not a NIfTI file lossbench reads");
    }

    @Override
    public void close() {
        closeQuietly(in);
        closeQuietly(source);
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
