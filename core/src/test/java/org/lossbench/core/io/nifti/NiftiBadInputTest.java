package org.lossbench.core.io.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;

/** Every broken file gives a {@link BadInputException} (exit 3) whose message names the file and the problem. */
class NiftiBadInputTest {
    @TempDir
    Path tmp;

    /** A valid little-endian NIfTI-1 int16 file of 4x3x2 voxels with values 0..23, as raw bytes. */
    private byte[] valid(NiftiDatatype type) throws IOException {
        Path file = tmp.resolve("valid-" + type + ".nii");
        int[] values = new int[24];
        Arrays.setAll(values, i -> i);
        NiftiWriter.write(file, LabelMap.of(Grid.of(2, 3, 4), values), NiftiWriter.Options.defaults().withDatatype(type));
        return Files.readAllBytes(file);
    }

    private Path file(String name, byte[] content) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        }
        return bytes.toByteArray();
    }

    private byte[] mutated(Consumer<ByteBuffer> change) throws IOException {
        byte[] bytes = valid(NiftiDatatype.INT16);
        change.accept(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
        return bytes;
    }

    private static void assertBad(Path file, String expectedFragment) {
        BadInputException e = assertThrows(BadInputException.class, () -> NiftiReader.readLabels(file));
        assertEquals(ExitCode.BAD_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains(file.toString()), "message names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expectedFragment), "message says '" + expectedFragment + "': " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void truncatedData() throws IOException {
        byte[] ok = valid(NiftiDatatype.INT16);
        assertBad(file("t.nii", Arrays.copyOf(ok, ok.length - 5)), "truncated");
        assertBad(file("t.nii.gz", gzip(Arrays.copyOf(ok, ok.length - 5))), "truncated");
    }

    @Test
    void truncatedHeader() throws IOException {
        byte[] ok = valid(NiftiDatatype.INT16);
        assertBad(file("h.nii", Arrays.copyOf(ok, 200)), "truncated NIfTI header");
        assertBad(file("h.nii.gz", gzip(Arrays.copyOf(ok, 200))), "truncated NIfTI header");
        assertBad(file("e.nii", new byte[0]), "truncated");
    }

    @Test
    void truncatedGzipStream() throws IOException {
        byte[] gz = gzip(valid(NiftiDatatype.INT16));
        assertBad(file("cut.nii.gz", Arrays.copyOf(gz, gz.length - 20)), "gzip");
    }

    @Test
    void dataAfterTheDeclaredVoxelsIsDiscardedButTheTrailerIsStillChecked() throws IOException {
        byte[] ok = valid(NiftiDatatype.INT16);
        byte[] padded = Arrays.copyOf(ok, ok.length + (8 << 20)); // 8 MiB of zeros after the declared data
        byte[] gz = gzip(padded);
        LabelMap map = NiftiReader.readLabels(file("padded.nii.gz", gz));
        int[] expected = new int[24];
        Arrays.setAll(expected, i -> i);
        assertArrayEquals(expected, map.toIntArray());
        // the CRC-32 of the trailer (bytes -8..-5) damaged: the voxels inflate, the check fails
        gz[gz.length - 6] ^= 0x5A;
        assertBad(file("padded-crc.nii.gz", gz), "corrupt gzip file");
    }

    /** Above 4 MiB of voxel data a second thread inflates ahead; the trailer is still checked once the data is read. */
    @Test
    void theTrailerIsCheckedOnTheReadAheadPathToo() throws IOException {
        Grid g = Grid.of(1, 1024, 1100); // int32: 4.5 MB of voxel data, above NiftiInput.READ_AHEAD_MIN_BYTES
        int[] values = new int[g.voxelCount()];
        Arrays.setAll(values, i -> i % 1000);
        Path plain = tmp.resolve("big.nii");
        NiftiWriter.write(plain, LabelMap.of(g, values), NiftiWriter.Options.defaults().withDatatype(NiftiDatatype.INT32));
        assertTrue(Files.size(plain) - 352 >= NiftiInput.READ_AHEAD_MIN_BYTES);
        byte[] gz = gzip(Files.readAllBytes(plain));
        assertEquals(999, NiftiReader.readLabels(file("big.nii.gz", gz)).max());
        gz[gz.length - 5] ^= 0x40;
        assertBad(file("big-crc.nii.gz", gz), "corrupt gzip file");
    }

    @Test
    void aGzipBombIsRefusedAfterBoundedWork() throws IOException {
        byte[] ok = valid(NiftiDatatype.INT16);
        byte[] gz = gzip(Arrays.copyOf(ok, ok.length + (int) NiftiInput.MAX_TRAILING_BYTES + (1 << 20)));
        assertBad(file("bomb.nii.gz", gz), "inflates to more than");
    }

    /** Deflate's stored blocks copy bytes verbatim: two bytes flipped in the data still inflate, and only the CRC-32 tells. */
    @Test
    void flippedBytesThatStillInflateAreCaughtByTheCrc() throws IOException {
        byte[] ok = valid(NiftiDatatype.INT16);
        byte[] gz = storedGzip(ok);
        LabelMap intact = NiftiReader.readLabels(file("stored.nii.gz", gz));
        assertEquals(23, intact.max());
        int voxel = gz.length - 8 - 10; // inside the last voxels, before the 8-byte trailer
        gz[voxel] ^= 0x01;
        gz[voxel + 1] ^= 0x02;
        assertBad(file("flipped.nii.gz", gz), "CRC");
    }

    /** A second gzip member whose own trailer is damaged: every member is checked, not only the first. */
    @Test
    void everyMemberOfAMultiMemberFileIsChecked() throws IOException {
        byte[] ok = valid(NiftiDatatype.INT16);
        int half = ok.length / 2;
        byte[] first = gzip(Arrays.copyOf(ok, half));
        byte[] second = gzip(Arrays.copyOfRange(ok, half, ok.length));
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        assertEquals(23, NiftiReader.readLabels(file("members.nii.gz", both)).max());
        both[both.length - 7] ^= 0x10;
        assertBad(file("members-crc.nii.gz", both), "corrupt gzip file");
    }

    /** A gzip file whose deflate stream holds only stored (uncompressed) blocks. */
    private static byte[] storedGzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes) {
            {
                def.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
            }
        }) {
            gz.write(raw);
        }
        return bytes.toByteArray();
    }

    @Test
    void zeroNegativeAndOverflowingDimensions() throws IOException {
        assertBad(file("zero.nii", mutated(b -> b.putShort(40 + 2 * 2, (short) 0))), "dimension 2 has size 0");
        assertBad(file("neg.nii", mutated(b -> b.putShort(40 + 2 * 3, (short) -4))), "dimension 3 has size -4");
        assertBad(file("rank.nii", mutated(b -> b.putShort(40, (short) 9))), "dim[0]");
        assertBad(file("big.nii", mutated(b -> {
            b.putShort(40, (short) 4);
            for (int i = 1; i <= 4; i++) {
                b.putShort(40 + 2 * i, Short.MAX_VALUE);
            }
        })), "more than lossbench holds");
        assertBad(file("5d.nii", mutated(b -> {
            b.putShort(40, (short) 5);
            b.putShort(40 + 2 * 4, (short) 1);
            b.putShort(40 + 2 * 5, (short) 2);
        })), "5-dimensional");
    }

    @Test
    void overflowingNifti2Dimensions() throws IOException {
        Path file = tmp.resolve("v2.nii");
        NiftiWriter.write(file, LabelMap.of(Grid.of(2, 3, 4), new int[24]), NiftiWriter.Options.defaults().withVersion(2));
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(16 + 8, 1L << 40);
        b.putLong(16 + 16, 1L << 40);
        assertBad(file("overflow.nii", bytes), "overflow when multiplied");
    }

    @Test
    void unsupportedDatatypeAndDisagreeingSizes() throws IOException {
        assertBad(file("rgb.nii", mutated(b -> {
            b.putShort(70, (short) 128);
            b.putShort(72, (short) 24);
        })), "unsupported datatype rgb24 (128)");
        assertBad(file("bitpix.nii", mutated(b -> b.putShort(72, (short) 8))), "bitpix is 8");
        byte[] bigger = mutated(b -> b.putShort(40 + 2 * 1, (short) 40)); // declares 10x more voxels than stored
        assertBad(file("sizes.nii", bigger), "holds only");
        assertBad(file("sizes.nii.gz", gzip(bigger)), "truncated");
    }

    @Test
    void voxOffsetPastTheEnd() throws IOException {
        assertBad(file("off.nii", mutated(b -> b.putFloat(108, 1e6f))), "past the end");
        assertBad(file("off.nii.gz", gzip(mutated(b -> b.putFloat(108, 1e6f)))), "past the end");
        assertBad(file("small.nii", mutated(b -> b.putFloat(108, 100f))), "vox_offset");
        assertBad(file("nan.nii", mutated(b -> b.putFloat(108, Float.NaN))), "vox_offset");
    }

    @Test
    void notNifti() throws IOException {
        assertBad(file("text.nii", "this is not an image at all, just some text".getBytes()), "not a NIfTI file");
        assertBad(file("magic.nii", mutated(b -> b.put(344, (byte) 'x'))), "bad NIfTI-1 magic");
        assertBad(file("pair.nii", mutated(b -> b.put(345, (byte) 'i'))), "two-file NIfTI pair");
        assertBad(tmp.resolve("missing.nii.gz"), "no such file");
    }

    @Test
    void nonIntegerAndNanLabels() throws IOException {
        Grid grid = Grid.of(2, 2, 2);
        float[] data = new float[8];
        data[5] = 2.5f;
        Path half = tmp.resolve("half.nii.gz");
        NiftiWriter.write(half, new ImageVolume(grid, 1, data));
        assertBad(half, "voxel (x=1, y=0, z=1) holds the non-integer value 2.5");
        data[5] = Float.NaN;
        Path nan = tmp.resolve("nan.nii.gz");
        NiftiWriter.write(nan, new ImageVolume(grid, 1, data));
        assertBad(nan, "holds NaN");
        Path fourD = tmp.resolve("fourd.nii");
        NiftiWriter.write(fourD, new ImageVolume(grid, 2, new float[16]));
        assertBad(fourD, "must be 3D");
    }

    @Test
    void uint32LabelsBeyondIntRangeAreRefused() throws IOException {
        byte[] bytes = valid(NiftiDatatype.UINT32);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(352 + 4 * 7, 0xFFFFFFFF);
        assertBad(file("u32.nii", bytes), "outside the int range");
    }

    @Test
    void aFailedWriteLeavesNothingBehind() throws IOException {
        Path target = tmp.resolve("out").resolve("labels.nii.gz");
        int[] values = new int[24];
        values[23] = 300; // does not fit uint8
        LabelMap map = LabelMap.of(Grid.of(2, 3, 4), values);
        LossbenchException e = assertThrows(LossbenchException.class,
                () -> NiftiWriter.write(target, map, NiftiWriter.Options.defaults().withDatatype(NiftiDatatype.UINT8)));
        assertTrue(e.getMessage().contains("uint8 cannot store"), e.getMessage());
        assertFalse(Files.exists(target));
        try (var left = Files.list(target.getParent())) {
            assertEquals(0, left.count(), "no temporary file is left");
        }
    }

    @Test
    void anExistingFileIsReplacedOnlyWhenTheNewOneIsComplete() throws IOException {
        Path target = tmp.resolve("keep.nii");
        LabelMap first = LabelMap.of(Grid.of(1, 1, 2), new int[] {1, 2});
        NiftiWriter.write(target, first);
        byte[] before = Files.readAllBytes(target);
        LabelMap bad = LabelMap.of(Grid.of(1, 1, 2), new int[] {1, 70000});
        assertThrows(LossbenchException.class,
                () -> NiftiWriter.write(target, bad, NiftiWriter.Options.defaults().withDatatype(NiftiDatatype.INT16)));
        assertArrayEquals(before, Files.readAllBytes(target));
    }
}
