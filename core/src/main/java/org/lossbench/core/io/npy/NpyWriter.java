package org.lossbench.core.io.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.lossbench.core.io.AtomicFiles;

/**
 * Writes {@code .npy} files as NumPy does: little-endian, C order, format 1.0 (2.0 when the
 * header would not fit in 65535 bytes), the header padded with spaces and a newline so that the
 * data starts on a 64-byte boundary. Files are written atomically.
 */
public final class NpyWriter {
    private NpyWriter() {
    }

    public static void write(Path path, NpyArray array) {
        byte[] header = header(array.dtype(), array.shape());
        AtomicFiles.write(path, out -> {
            out.write(header);
            NpyDtype dtype = array.dtype();
            int n = array.size();
            int chunk = (1 << 20) / dtype.bytes();
            ByteBuffer b = ByteBuffer.allocate(Math.min(chunk, Math.max(n, 1)) * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
            Object data = array.data();
            for (int pos = 0; pos < n; ) {
                int count = Math.min(chunk, n - pos);
                b.clear();
                switch (dtype) {
                    case BOOL -> {
                        boolean[] v = (boolean[]) data;
                        for (int i = 0; i < count; i++) {
                            b.put((byte) (v[pos + i] ? 1 : 0));
                        }
                    }
                    case INT8, UINT8 -> b.put((byte[]) data, pos, count);
                    case INT16 -> b.asShortBuffer().put((short[]) data, pos, count);
                    case UINT16 -> b.asCharBuffer().put((char[]) data, pos, count);
                    case INT32, UINT32 -> b.asIntBuffer().put((int[]) data, pos, count);
                    case INT64 -> b.asLongBuffer().put((long[]) data, pos, count);
                    case FLOAT32 -> b.asFloatBuffer().put((float[]) data, pos, count);
                    case FLOAT64 -> b.asDoubleBuffer().put((double[]) data, pos, count);
                }
                out.write(b.array(), 0, count * dtype.bytes());
                pos += count;
            }
        });
    }

    static byte[] header(NpyDtype dtype, int[] shape) {
        String dict = NpyHeader.format(dtype, shape);
        int prefix = 10;
        int total = prefix + dict.length() + 1;
        boolean v2 = total + 63 > 65535 + prefix;
        if (v2) {
            prefix = 12;
            total = prefix + dict.length() + 1;
        }
        int padded = (total + 63) / 64 * 64;
        String text = dict + " ".repeat(padded - total) + "\n";
        ByteBuffer b = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) (v2 ? 2 : 1), 0});
        if (v2) {
            b.putInt(text.length());
        } else {
            b.putShort((short) text.length());
        }
        b.put(text.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }
}
