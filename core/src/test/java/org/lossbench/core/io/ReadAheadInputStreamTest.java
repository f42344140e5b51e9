package org.lossbench.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReadAheadInputStreamTest {

    /** A source that counts what is taken from it. */
    private static final class CountingStream extends ByteArrayInputStream {
        int taken;

        CountingStream(byte[] b) {
            super(b);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            taken += Math.max(n, 0);
            return n;
        }
    }

    @Property(tries = 50)
    void deliversTheSourceUpToTheLimitAndNoFurther(@ForAll @IntRange(max = 5000) int size, @ForAll @IntRange(max = 6000) int limit,
                                                   @ForAll @IntRange(min = 1, max = 700) int block, @ForAll long seed) throws IOException {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        CountingStream source = new CountingStream(data);
        byte[] got;
        try (ReadAheadInputStream in = new ReadAheadInputStream(source, limit, block, 3)) {
            got = in.readAllBytes();
        }
        assertArrayEquals(Arrays.copyOf(data, Math.min(size, limit)), got);
        assertEquals(Math.min(size, limit), source.taken, "never reads past the limit");
    }

    @Test
    void sourceErrorsReachTheConsumerWithTheirType() {
        InputStream failing = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ < 10) {
                    return 7;
                }
                throw new ZipException("invalid block type");
            }
        };
        ReadAheadInputStream in = new ReadAheadInputStream(failing, 100, 4, 2);
        ZipException e = assertThrows(ZipException.class, () -> in.readNBytes(100));
        assertEquals("invalid block type", e.getMessage());
        in.close();
    }
}
