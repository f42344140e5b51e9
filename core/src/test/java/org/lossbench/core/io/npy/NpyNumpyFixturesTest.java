package org.lossbench.core.io.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files written by NumPy 1.24 ({@code tools/npy_fixtures.py}): every dtype, both byte orders,
 * Fortran order, format versions 1 to 3, a 0-d array and an empty one. lossbench returns NumPy's
 * values in C order, and what it writes back reads back identically, byte for byte as NumPy would
 * write a C-order little-endian array.
 */
class NpyNumpyFixturesTest {
    static Stream<JsonNode> fixtures() throws IOException {
        try (InputStream in = NpyNumpyFixturesTest.class.getResourceAsStream("numpy/expected.json")) {
            return StreamSupport.stream(new ObjectMapper().readTree(in).spliterator(), false).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void readsWhatNumpyWrote(JsonNode expected, @TempDir Path tmp) throws Exception {
        Path file = Path.of(getClass().getResource("numpy/" + expected.get("file").asText()).toURI());
        NpyHeader header = NpyReader.readHeader(file);
        assertEquals(expected.get("fortran").asBoolean(), header.fortranOrder());

        NpyArray array = NpyReader.read(file);
        assertEquals(expected.get("dtype").asText(), array.dtype().label());
        int[] shape = StreamSupport.stream(expected.get("shape").spliterator(), false).mapToInt(JsonNode::asInt).toArray();
        assertArrayEquals(shape, array.shape());
        JsonNode values = expected.get("values");
        assertEquals(values.size(), array.size());
        for (int i = 0; i < array.size(); i++) {
            if (array.dtype().isInteger()) {
                assertEquals(values.get(i).asLong(), array.getLong(i), "element " + i);
            } else {
                assertEquals(values.get(i).asDouble(), array.getDouble(i), "element " + i);
            }
        }

        Path copy = tmp.resolve("copy.npy");
        NpyWriter.write(copy, array);
        NpyArray again = NpyReader.read(copy);
        assertEquals(array.dtype(), again.dtype());
        assertArrayEquals(array.shape(), again.shape());
        for (int i = 0; i < array.size(); i++) {
            assertEquals(array.getDouble(i), again.getDouble(i));
        }
        if (!header.fortranOrder() && header.byteOrder() == java.nio.ByteOrder.LITTLE_ENDIAN
                && !expected.get("file").asText().contains("_v")) {
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(copy), "the same bytes NumPy writes");
        }
    }
}
