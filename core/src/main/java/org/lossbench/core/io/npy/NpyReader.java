package org.lossbench.core.io.npy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;

/**
 * Reads NumPy {@code .npy} files (format 1.0, 2.0, 3.0) of the dtypes in {@link NpyDtype}, either
 * byte order. Fortran-ordered arrays are transposed into C order on reading, so callers always get
 * C order. Every problem is a {@link BadInputException} naming the file.
 */
public final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** NumPy itself refuses headers over 10 000 bytes unless told otherwise; this leaves room and stops absurd lengths. */
    private static final int MAX_HEADER = 1 << 20;

    private NpyReader() {
    }

    public static NpyHeader readHeader(Path path) {
        try (InputStream in = open(path)) {
            return readHeader(in, path.toString());
        } catch (IOException e) {
            throw new LossbenchException(ExitCode.BAD_INPUT, path + ": cannot read: " + e, e);
        }
    }

    public static NpyArray read(Path path) {
        try (InputStream in = open(path)) {
            return read(in, Files.size(path), path.toString());
        } catch (IOException e) {
            throw new LossbenchException(ExitCode.BAD_INPUT, path + ": cannot read: " + e, e);
        }
    }

    private static InputStream open(Path path) throws IOException {
        try {
            return new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new BadInputException(path + ": no such file");
        }
    }

    /** Reads an array from the bytes of a {@code .npy} file; {@code source} names it in messages. */
    public static NpyArray read(byte[] content, String source) {
        try {
            return read(new java.io.ByteArrayInputStream(content), content.length, source);
        } catch (IOException e) {
            throw new LossbenchException(ExitCode.BAD_INPUT, source + ": cannot read: " + e, e);
        }
    }

    /**
     * Reads an array from a stream of {@code size} bytes positioned at the magic bytes. The size
     * bounds what the header may declare, so no array larger than the file is ever allocated.
     */
    private static NpyArray read(InputStream in, long size, String source) throws IOException {
        NpyHeader header = readHeader(in, source);
        int n = NpyArray.elementCount(header.shape());
        long declared = (long) n * header.dtype().bytes();
        if (declared > size) {
            throw new BadInputException(source + ": truncated: the header declares " + declared + " bytes of "
                    + header.dtype().label() + " data for shape " + Arrays.toString(header.shape()) + " but the file has only "
                    + size + " bytes");
        }
        Object data = NpyArray.allocate(header.dtype(), n);
        readData(in, header, data, n, source);
        if (header.fortranOrder() && header.shape().length > 1) {
            data = toCOrder(header, data, n);
        }
        return new NpyArray(header.dtype(), header.shape(), data);
    }

    static NpyHeader readHeader(InputStream in, String source) throws IOException {
        byte[] prefix = in.readNBytes(8);
        if (prefix.length < 8 || !Arrays.equals(Arrays.copyOf(prefix, 6), MAGIC)) {
            throw new BadInputException(source + ": not a .npy file (no \\x93NUMPY magic)");
        }
        int major = prefix[6] & 0xFF;
        long length;
        if (major == 1) {
            byte[] len = in.readNBytes(2);
            if (len.length < 2) {
                throw new BadInputException(source + ": truncated .npy header");
            }
            length = (len[0] & 0xFF) | ((len[1] & 0xFF) << 8);
        } else if (major == 2 || major == 3) {
            byte[] len = in.readNBytes(4);
            if (len.length < 4) {
                throw new BadInputException(source + ": truncated .npy header");
            }
            length = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
        } else {
            throw new BadInputException(source + ": .npy format version " + major + "." + (prefix[7] & 0xFF)
                    + " is not supported (1.0, 2.0 and 3.0 are)");
        }
        if (length > MAX_HEADER) {
            throw new BadInputException(source + ": .npy header length " + length + " is implausible (more than " + MAX_HEADER + " bytes)");
        }
        byte[] text = in.readNBytes((int) length);
        if (text.length < length) {
            throw new BadInputException(source + ": truncated .npy header: " + text.length + " of " + length + " bytes");
        }
        String dict = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).strip();
        return NpyHeader.parse(dict, source);
    }

    private static void readData(InputStream in, NpyHeader header, Object data, int n, String source) throws IOException {
        NpyDtype dtype = header.dtype();
        int chunk = (1 << 20) / dtype.bytes();
        byte[] raw = new byte[Math.min(chunk, Math.max(n, 1)) * dtype.bytes()];
        for (int pos = 0; pos < n; ) {
            int count = Math.min(chunk, n - pos);
            int bytes = count * dtype.bytes();
            int got = in.readNBytes(raw, 0, bytes);
            if (got < bytes) {
                throw new BadInputException(source + ": truncated: the header declares " + (long) n * dtype.bytes()
                        + " bytes of " + dtype.label() + " data for shape " + Arrays.toString(header.shape())
                        + ", the file ends after " + ((long) pos * dtype.bytes() + got));
            }
            ByteBuffer b = ByteBuffer.wrap(raw, 0, bytes).order(header.byteOrder());
            switch (dtype) {
                case BOOL -> {
                    boolean[] out = (boolean[]) data;
                    for (int i = 0; i < count; i++) {
                        if ((raw[i] & 0xFE) != 0) {
                            throw new BadInputException(source + ": element " + (pos + i) + " of a bool array is " + (raw[i] & 0xFF)
                                    + ", not 0 or 1");
                        }
                        out[pos + i] = raw[i] != 0;
                    }
                }
                case INT8, UINT8 -> System.arraycopy(raw, 0, data, pos, count);
                case INT16 -> b.asShortBuffer().get((short[]) data, pos, count);
                case UINT16 -> b.asCharBuffer().get((char[]) data, pos, count);
                case INT32, UINT32 -> b.asIntBuffer().get((int[]) data, pos, count);
                case INT64 -> b.asLongBuffer().get((long[]) data, pos, count);
                case FLOAT32 -> b.asFloatBuffer().get((float[]) data, pos, count);
                case FLOAT64 -> b.asDoubleBuffer().get((double[]) data, pos, count);
            }
            pos += count;
        }
    }

    /** Reorders first-axis-fastest data into last-axis-fastest. */
    private static Object toCOrder(NpyHeader header, Object fortran, int n) {
        int[] shape = header.shape();
        int rank = shape.length;
        Object c = NpyArray.allocate(header.dtype(), n);
        int[] index = new int[rank];
        // walk the C-order positions; keep the matching Fortran offset incrementally
        int[] fStride = new int[rank];
        int stride = 1;
        for (int k = 0; k < rank; k++) {
            fStride[k] = stride;
            stride *= shape[k];
        }
        int f = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(fortran, f, c, i, 1);
            for (int k = rank - 1; k >= 0; k--) {
                index[k]++;
                f += fStride[k];
                if (index[k] < shape[k]) {
                    break;
                }
                f -= fStride[k] * shape[k];
                index[k] = 0;
            }
        }
        return c;
    }
}
