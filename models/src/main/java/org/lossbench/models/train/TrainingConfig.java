package org.lossbench.models.train;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lossbench.core.engine.Device;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;

/**
 * Everything that decides a training run's numbers.
 *
 * @param lr base learning rate (the schedule scales it)
 * @param foregroundShare share of each batch's patches centred on a foreground voxel (nnU-Net: 1/3)
 * @param augment whether patches get {@code Augmentation.standard}
 * @param threads ONNX Runtime intra-op threads (0 = its default); bit-identical resumption needs the same value
 * @param valEvery validate every this many steps (0 = only at the end)
 * @param checkpointEvery write a checkpoint every this many steps (and at the end)
 */
public record TrainingConfig(String dataset, Architecture arch, ArchOptions options, CompoundLoss loss, Optimizer optimizer,
                             double lr, LrSchedule schedule, long steps, int batch, int[] patch, long seed,
                             double foregroundShare, boolean augment, int threads, Device device, int valEvery, int checkpointEvery) {
    public TrainingConfig {
        patch = patch.clone();
        require(steps >= 1, "steps must be >= 1, got " + steps);
        require(batch >= 1, "batch must be >= 1, got " + batch);
        require(patch.length == 3 && Arrays.stream(patch).allMatch(p -> p >= 1),
                "patch must be three positive sizes D,H,W, got " + Arrays.toString(patch));
        require(lr > 0 && lr < Double.POSITIVE_INFINITY, "lr must be a positive finite number, got " + lr);
        require(foregroundShare >= 0 && foregroundShare <= 1, "foreground share must be in [0, 1], got " + foregroundShare);
        require(threads >= 0, "threads must be >= 0 (0 = ONNX Runtime's default), got " + threads);
        require(valEvery >= 0, "val-every must be >= 0 (0 = at the end only), got " + valEvery);
        require(checkpointEvery >= 1, "checkpoint-every must be >= 1, got " + checkpointEvery);
        int m = arch.sizeMultiple(options);
        for (int p : patch) {
            if (p % m != 0) {
                throw new IllegalArgumentException("patch " + Arrays.toString(patch) + ": every size must be a multiple of " + m
                        + " for " + arch.id() + " at this depth");
            }
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public int[] patch() {
        return patch.clone();
    }

    /** The resolved configuration as recorded in the model card and hashed. */
    public Map<String, Object> resolved() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", dataset);
        m.put("model", arch.resolvedConfig(options));
        m.put("loss", loss.spec());
        m.put("optimizer", optimizer.spec());
        m.put("lr", lr);
        m.put("schedule", schedule.spec());
        m.put("steps", steps);
        m.put("batch", batch);
        m.put("patch", patch.clone());
        m.put("seed", seed);
        m.put("foreground_share", foregroundShare);
        m.put("augment", augment);
        m.put("threads", threads);
        m.put("device", device.toString());
        return m;
    }

    /**
     * SHA-256 of {@link #resolved()}: everything that decides the numbers (the step count too, since
     * the poly schedule depends on it; not the validation and checkpoint intervals).
     */
    public String hash() {
        Map<String, Object> m = resolved();
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(k).append('=').append(v instanceof int[] a ? Arrays.toString(a)
                : v instanceof Map<?, ?> mm ? new java.util.TreeMap<>(mm.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                        e -> String.valueOf(e.getKey()), e -> e.getValue() instanceof int[] ia ? Arrays.toString(ia) : String.valueOf(e.getValue())))).toString()
                : String.valueOf(v)).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
