package org.lossbench.core.io.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Any array of any supported dtype and rank survives a write and a read. */
class NpyRoundTripProperties {

    @Property(tries = 80)
    void roundTrip(@ForAll NpyDtype dtype, @ForAll @IntRange(min = 0, max = 5) int rank, @ForAll long seed) throws IOException {
        Random random = new Random(seed);
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = random.nextInt(5);
        }
        int n = NpyArray.elementCount(shape);
        Object data = NpyArray.allocate(dtype, n);
        for (int i = 0; i < n; i++) {
            switch (dtype) {
                case BOOL -> ((boolean[]) data)[i] = random.nextBoolean();
                case INT8, UINT8 -> ((byte[]) data)[i] = (byte) random.nextInt();
                case INT16 -> ((short[]) data)[i] = (short) random.nextInt();
                case UINT16 -> ((char[]) data)[i] = (char) random.nextInt();
                case INT32, UINT32 -> ((int[]) data)[i] = random.nextInt();
                case INT64 -> ((long[]) data)[i] = random.nextLong();
                case FLOAT32 -> ((float[]) data)[i] = Float.intBitsToFloat(random.nextInt());
                case FLOAT64 -> ((double[]) data)[i] = Double.longBitsToDouble(random.nextLong());
            }
        }
        NpyArray array = new NpyArray(dtype, shape, data);
        Path file = Files.createTempFile("roundtrip", ".npy");
        try {
            NpyWriter.write(file, array);
            assertEquals(0, (Files.size(file) - n * (long) dtype.bytes()) % 64, "data starts on a 64-byte boundary");
            NpyArray back = NpyReader.read(file);
            assertEquals(dtype, back.dtype());
            assertArrayEquals(shape, back.shape());
            for (int i = 0; i < n; i++) {
                if (dtype == NpyDtype.FLOAT32 || dtype == NpyDtype.FLOAT64) {
                    assertEquals(Double.doubleToRawLongBits(array.getDouble(i)), Double.doubleToRawLongBits(back.getDouble(i)));
                } else {
                    assertEquals(array.getLong(i), back.getLong(i));
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
