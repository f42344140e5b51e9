package org.lossbench.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.BadInputException;

/**
 * The checkpoint file on its own (no training): it reads back what was written, and a damaged file is a
 * {@link BadInputException} naming it, never another exception. Layout of the file below (big-endian,
 * see {@link Checkpoint}): magic 8 bytes, config hash as UTF (2-byte length + "h" = 3 bytes), step, seed,
 * next batch (8 bytes each), best score (8), segment count (4) = offset 47; segment 1: from, to, wall
 * (8 each), commit "c" (2 + 1), dirty (1) = 28 bytes; segment 2 with commit "" = 27 bytes; tensor count
 * (4) at 102; then tensor "w": name (2 + 1), element count at offset 109, its 3 floats from 113; tensor
 * "v": name at 125, count at 128, 1 float; 136 bytes.
 */
class CheckpointTest {
    private static final int FIRST_COUNT = 109;

    private static final List<TrainingSegment> HISTORY = List.of(new TrainingSegment(0, 2, 1.5, "c", false),
            new TrainingSegment(2, 3, null, null, null));

    private static Checkpoint sample() {
        return new Checkpoint("h", 3, 11, 4, 0.5, HISTORY, List.of("w", "v"), List.of(new float[] {1, -2, 3.5f}, new float[] {7}));
    }

    @Test
    void readsBackWhatWasWritten(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("checkpoint.bin");
        sample().write(f);
        assertEquals(136, Files.size(f));
        assertEquals(3, ByteBuffer.wrap(Files.readAllBytes(f)).getInt(FIRST_COUNT), "the layout of the class comment");
        Checkpoint back = Checkpoint.read(f);
        assertEquals(List.of("h", 3L, 11L, 4L, 0.5), List.of(back.configHash(), back.step(), back.seed(), back.nextBatch(), back.bestScore()));
        assertEquals(HISTORY, back.history(), "a segment's unrecorded time, commit and dirty flag stay unrecorded");
        assertEquals(List.of("w", "v"), back.names());
        assertArrayEquals(new float[] {1, -2, 3.5f}, back.tensors().get(0));
        assertArrayEquals(new float[] {7}, back.tensors().get(1));
    }

    /** A version-1 checkpoint (before the history), written here byte by byte as its format says, still reads: its history is unrecorded. */
    @Test
    void aVersionOneCheckpointReadsWithAnUnrecordedHistory(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("v1.bin");
        try (java.io.DataOutputStream d = new java.io.DataOutputStream(Files.newOutputStream(f))) {
            d.writeBytes("LBCKPT1\n");
            d.writeUTF("h");
            d.writeLong(3);
            d.writeLong(11);
            d.writeLong(4);
            d.writeDouble(0.5);
            d.writeInt(1);
            d.writeUTF("w");
            d.writeInt(2);
            d.writeFloat(1);
            d.writeFloat(-2);
        }
        Checkpoint back = Checkpoint.read(f);
        assertEquals(List.of("h", 3L, 11L, 4L, 0.5), List.of(back.configHash(), back.step(), back.seed(), back.nextBatch(), back.bestScore()));
        assertEquals(List.of(new TrainingSegment(0, 3, null, null, null)), back.history());
        assertArrayEquals(new float[] {1, -2}, back.tensors().get(0));
    }

    @Test
    void anotherFileIsRefusedByItsMagic(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("model.onnx");
        Files.writeString(f, "not a checkpoint at all");
        BadInputException e = assertThrows(BadInputException.class, () -> Checkpoint.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("bad magic"), e.getMessage());
    }

    /** An element count that is negative or larger than the file could hold is bad input, not an allocation failure. */
    @Test
    void aCorruptElementCountIsBadInput(@TempDir Path tmp) throws Exception {
        Path good = tmp.resolve("good.bin");
        sample().write(good);
        for (int count : new int[] {-1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1 << 28}) {
            byte[] bytes = Files.readAllBytes(good);
            ByteBuffer.wrap(bytes).putInt(FIRST_COUNT, count);
            Path f = tmp.resolve("corrupt" + count + ".bin");
            Files.write(f, bytes);
            BadInputException e = assertThrows(BadInputException.class, () -> Checkpoint.read(f), "count " + count);
            assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("tensor w"), e.getMessage());
        }
        // a count that fits the file but runs past its end is a truncation
        byte[] bytes = Files.readAllBytes(good);
        ByteBuffer.wrap(bytes).putInt(FIRST_COUNT, 12);
        Path f = tmp.resolve("long.bin");
        Files.write(f, bytes);
        BadInputException e = assertThrows(BadInputException.class, () -> Checkpoint.read(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
