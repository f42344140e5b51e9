package org.lossbench.models.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lossbench.core.BadInputException;
import org.lossbench.core.engine.FloatTensorBuffer;
import org.lossbench.core.io.AtomicFiles;

/**
 * A training checkpoint: the step reached, the sampler's seed and next batch (the whole RNG state:
 * batch {@code b} is a pure function of {@code (seed, b)}, see docs/datasets.md), the configuration
 * hash it belongs to, the run's history (one {@link TrainingSegment} per process that trained), and
 * every parameter and optimiser-state tensor by name. One binary file, written atomically
 * ({@link AtomicFiles}), so a kill leaves either the previous checkpoint or the new one.
 *
 * <p>Format version 2 (big-endian, {@link DataOutputStream}): magic {@code "LBCKPT2\n"}, config hash
 * (UTF), step (long), seed (long), next batch (long), best validation score (double), segment count
 * (int), then per segment: from step (long), to step (long), wall seconds (double, NaN when not
 * recorded), git commit (UTF, empty when not recorded), git dirty (byte: 0 clean, 1 dirty, -1 unknown);
 * then tensor count (int) and per tensor: name (UTF), element count (int), floats as raw IEEE bits.
 *
 * <p>Version 1 ({@code "LBCKPT1\n"}, written until 2026-12-07) is version 2 without the segments; it is
 * still read, with the history {@code [TrainingSegment.unrecorded(step)]}.
 *
 * @param step the number of completed steps
 * @param nextBatch the index of the next batch to draw
 * @param bestScore best validation mean foreground Dice so far (NaN before any validation)
 * @param history the segments that trained steps {@code 0..step}, in order
 */
public record Checkpoint(String configHash, long step, long seed, long nextBatch, double bestScore, List<TrainingSegment> history,
                         List<String> names, List<float[]> tensors) {
    private static final byte[] MAGIC = "LBCKPT2\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] MAGIC_V1 = "LBCKPT1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    public Checkpoint {
        history = List.copyOf(history);
    }

    /** Snapshot of the session's current tensors. */
    public static Checkpoint of(String configHash, long step, long seed, long nextBatch, double bestScore, List<TrainingSegment> history,
                                TrainStepSession s) {
        List<float[]> t = new ArrayList<>();
        for (int i = 0; i < s.tensorNames().size(); i++) {
            FloatTensorBuffer b = s.tensor(i);
            float[] a = new float[b.size()];
            b.buffer().get(0, a);
            t.add(a);
        }
        return new Checkpoint(configHash, step, seed, nextBatch, bestScore, history, s.tensorNames(), t);
    }

    public void write(Path file) {
        AtomicFiles.write(file, out -> {
            DataOutputStream d = new DataOutputStream(out);
            d.write(MAGIC);
            d.writeUTF(configHash);
            d.writeLong(step);
            d.writeLong(seed);
            d.writeLong(nextBatch);
            d.writeDouble(bestScore);
            d.writeInt(history.size());
            for (TrainingSegment g : history) {
                d.writeLong(g.fromStep());
                d.writeLong(g.toStep());
                d.writeDouble(g.wallSeconds() == null ? Double.NaN : g.wallSeconds());
                d.writeUTF(g.gitCommit() == null ? "" : g.gitCommit());
                d.writeByte(g.gitDirty() == null ? -1 : g.gitDirty() ? 1 : 0);
            }
            d.writeInt(names.size());
            for (int i = 0; i < names.size(); i++) {
                d.writeUTF(names.get(i));
                float[] a = tensors.get(i);
                d.writeInt(a.length);
                for (float f : a) {
                    d.writeInt(Float.floatToRawIntBits(f));
                }
            }
            d.flush();
        });
    }

    public static Checkpoint read(Path file) {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            DataInputStream d = new DataInputStream(in);
            byte[] magic = new byte[MAGIC.length];
            d.readFully(magic);
            boolean v1 = java.util.Arrays.equals(magic, MAGIC_V1);
            if (!v1 && !java.util.Arrays.equals(magic, MAGIC)) {
                throw new BadInputException("checkpoint " + file + " is not a lossbench checkpoint (bad magic); "
                        + "point --resume at the checkpoint.bin of a training output folder");
            }
            String hash = d.readUTF();
            long step = d.readLong();
            long seed = d.readLong();
            long next = d.readLong();
            double best = d.readDouble();
            List<TrainingSegment> history = v1 ? List.of(TrainingSegment.unrecorded(step)) : readHistory(d, file);
            int n = d.readInt();
            List<String> names = new ArrayList<>();
            List<float[]> tensors = new ArrayList<>();
            long size = Files.size(file);
            for (int i = 0; i < n; i++) {
                String name = d.readUTF();
                names.add(name);
                int count = d.readInt();
                if (count < 0 || 4L * count > size) {
                    throw new BadInputException("checkpoint " + file + " is corrupt: tensor " + name + " declares " + count
                            + " values, which a file of " + size + " bytes cannot hold; it cannot be resumed from");
                }
                float[] a = new float[count];
                for (int j = 0; j < a.length; j++) {
                    a[j] = Float.intBitsToFloat(d.readInt());
                }
                tensors.add(a);
            }
            return new Checkpoint(hash, step, seed, next, best, history, names, tensors);
        } catch (java.io.EOFException e) {
            throw new BadInputException("checkpoint " + file + " is truncated; it cannot be resumed from");
        } catch (IOException e) {
            throw new BadInputException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<TrainingSegment> readHistory(DataInputStream d, Path file) throws IOException {
        int n = d.readInt();
        if (n < 0 || n > 1_000_000) {
            throw new BadInputException("checkpoint " + file + " is corrupt: it declares " + n + " training segments; it cannot be resumed from");
        }
        List<TrainingSegment> history = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long from = d.readLong();
            long to = d.readLong();
            double wall = d.readDouble();
            String commit = d.readUTF();
            byte dirty = d.readByte();
            try {
                history.add(new TrainingSegment(from, to, Double.isNaN(wall) ? null : wall, commit.isEmpty() ? null : commit,
                        dirty < 0 ? null : dirty == 1));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("checkpoint " + file + " is corrupt: segment " + (i + 1) + ": " + e.getMessage());
            }
        }
        return history;
    }

    /** Loads the tensors into the session's current set; names and sizes must match exactly. */
    public void restoreInto(TrainStepSession s, Path source) {
        if (!names.equals(s.tensorNames())) {
            throw new BadInputException("checkpoint " + source + " holds other tensors than this model and optimiser "
                    + "(was it written with another --model or --optimizer?)");
        }
        for (int i = 0; i < names.size(); i++) {
            FloatTensorBuffer b = s.tensor(i);
            if (b.size() != tensors.get(i).length) {
                throw new BadInputException("checkpoint " + source + ": tensor " + names.get(i) + " has "
                        + tensors.get(i).length + " values, the model needs " + b.size());
            }
            b.buffer().put(0, tensors.get(i));
        }
    }
}
