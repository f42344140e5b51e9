package org.lossbench.models.train;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.lossbench.core.engine.Device;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;

/**
 * Everything that decides a training run's numbers. Built with {@link #builder}: the dataset, the
 * architecture with its options and the loss are required, every other setting defaults to
 * {@code lossbench train}'s default (docs/training.md).
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

    /**
     * A builder for a run of {@code arch} with {@code options} on {@code dataset} with {@code loss}; the
     * other settings start at {@code lossbench train}'s defaults: Adam at its default learning rate, a
     * constant schedule, 1000 steps of 2 patches of 32^3, seed 0, a foreground share of 0.33 (nnU-Net),
     * augmentation on, ONNX Runtime's default thread count on the automatic device, validation at the end
     * only, a checkpoint every 100 steps.
     */
    public static Builder builder(String dataset, Architecture arch, ArchOptions options, CompoundLoss loss) {
        return new Builder(dataset, arch, options, loss);
    }

    /**
     * Collects a {@link TrainingConfig}'s settings by name; {@link #build} checks them (an
     * {@link IllegalArgumentException} naming the bad setting and its value).
     */
    public static final class Builder {
        private final String dataset;
        private final Architecture arch;
        private final ArchOptions options;
        private final CompoundLoss loss;
        private Optimizer optimizer = Optimizer.parse("adam");
        private Double lr;
        private LrSchedule schedule = LrSchedule.parse("constant");
        private long steps = 1000;
        private int batch = 2;
        private int[] patch = {32, 32, 32};
        private long seed;
        private double foregroundShare = 0.33;
        private boolean augment = true;
        private int threads;
        private Device device = Device.AUTO;
        private int valEvery;
        private int checkpointEvery = 100;

        private Builder(String dataset, Architecture arch, ArchOptions options, CompoundLoss loss) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
            this.arch = Objects.requireNonNull(arch, "arch");
            this.options = Objects.requireNonNull(options, "options");
            this.loss = Objects.requireNonNull(loss, "loss");
        }

        public Builder optimizer(Optimizer o) {
            this.optimizer = Objects.requireNonNull(o, "optimizer");
            return this;
        }

        /** The base learning rate; null (the default) for the optimiser's own ({@link Optimizer#defaultLearningRate}). */
        public Builder lr(Double rate) {
            this.lr = rate;
            return this;
        }

        public Builder schedule(LrSchedule s) {
            this.schedule = Objects.requireNonNull(s, "schedule");
            return this;
        }

        public Builder steps(long n) {
            this.steps = n;
            return this;
        }

        public Builder batch(int n) {
            this.batch = n;
            return this;
        }

        /** The patch size D, H, W. */
        public Builder patch(int... size) {
            this.patch = size.clone();
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder foregroundShare(double share) {
            this.foregroundShare = share;
            return this;
        }

        public Builder augment(boolean on) {
            this.augment = on;
            return this;
        }

        public Builder threads(int n) {
            this.threads = n;
            return this;
        }

        public Builder device(Device d) {
            this.device = Objects.requireNonNull(d, "device");
            return this;
        }

        public Builder valEvery(int n) {
            this.valEvery = n;
            return this;
        }

        public Builder checkpointEvery(int n) {
            this.checkpointEvery = n;
            return this;
        }

        /** The configuration; throws {@link IllegalArgumentException} for an out-of-range setting. */
        public TrainingConfig build() {
            return new TrainingConfig(dataset, arch, options, loss, optimizer, lr == null ? optimizer.defaultLearningRate() : lr, schedule,
                    steps, batch, patch, seed, foregroundShare, augment, threads, device, valEvery, checkpointEvery);
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
