package org.lossbench.core.io.npy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.BadInputException;

/** Broken .npy files give a {@link BadInputException} that names the file and the problem. */
class NpyBadInputTest {
    @TempDir
    Path tmp;

    private Path npy(String dict, int dataBytes) throws IOException {
        byte[] text = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] file = new byte[10 + text.length + dataBytes];
        System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) text.length, (byte) (text.length >> 8)},
                0, file, 0, 10);
        System.arraycopy(text, 0, file, 10, text.length);
        Path p = Files.createTempFile(tmp, "bad", ".npy");
        Files.write(p, file);
        return p;
    }

    private static void assertBad(Path file, String fragment) {
        BadInputException e = assertThrows(BadInputException.class, () -> NpyReader.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    @Test
    void truncatedData() throws IOException {
        assertBad(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 23), "truncated");
    }

    @Test
    void unsupportedDtypes() throws IOException {
        assertBad(npy("{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }", 16), "unsupported dtype '<c8'");
        assertBad(npy("{'descr': '<u8', 'fortran_order': False, 'shape': (2,), }", 16), "unsupported dtype");
        assertBad(npy("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }", 8), "structured dtypes");
    }

    @Test
    void malformedHeaders() throws IOException {
        assertBad(npy("{'descr': '<f4', 'shape': (2,), }", 8), "fortran_order");
        assertBad(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, x), }", 8), "non-integer");
        assertBad(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999,), }", 8), "too large");
        assertBad(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (65536, 65536), }", 8), "too many elements");
        assertBad(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,", 8), "ends early");
        assertBad(npy("not a dict", 0), "expected '{'");
    }

    @Test
    void notNpyAndBadVersions() throws IOException {
        Path text = tmp.resolve("text.npy");
        Files.writeString(text, "hello world, not numpy");
        assertBad(text, "not a .npy file");
        byte[] v9 = Files.readAllBytes(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", 4));
        v9[6] = 9;
        Path p = tmp.resolve("v9.npy");
        Files.write(p, v9);
        assertBad(p, "version 9.0");
        Path cut = tmp.resolve("cut.npy");
        Files.write(cut, Arrays.copyOf(v9, 5));
        assertBad(cut, "not a .npy file");
        assertBad(tmp.resolve("missing.npy"), "no such file");
    }

    @Test
    void boolsMustBeZeroOrOne() throws IOException {
        Path p = npy("{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }", 0);
        Files.write(p, new byte[] {1, 7}, java.nio.file.StandardOpenOption.APPEND);
        assertBad(p, "not 0 or 1");
    }
}
