package org.lossbench.models.infer;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.engine.Device;
import org.lossbench.core.engine.EngineSession;
import org.lossbench.core.engine.ResolvedDevice;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.engine.Sessions;
import org.lossbench.core.volume.ImageVolume;

/**
 * An ONNX model opened for sliding-window segmentation, set up the one way {@code lossbench infer} and
 * every cell of {@code lossbench sweep} use (docs/models.md):
 * <ol>
 *   <li>open a session on the model ({@link Sessions}, all graph optimisations) on the device with the thread count;</li>
 *   <li>check the model contract ({@link ModelContract}) and the caller's own check of it (a sweep: the dataset's class count);</li>
 *   <li>choose the input preprocessing from the model's metadata or card ({@link InputPreprocessing}), when asked for;</li>
 *   <li>fix the window: the given one, else the model's fixed input size, else the caller's default (a training
 *       patch), else 96^3;</li>
 *   <li>rewrite the model for ONNX Runtime's 2D CPU kernels ({@link CpuRewrite}), which reopens the session,
 *       and check the contract of the rewritten model again;</li>
 *   <li>build the {@link SlidingWindowInferer} from the window settings ({@link SlidingWindowConfig}).</li>
 * </ol>
 * Whatever fails on the way closes the sessions it opened. {@link #predict} then preprocesses (if chosen)
 * and segments one image.
 */
public final class Predictor implements AutoCloseable {
    /** The window when neither the caller, nor the model, nor the caller's default fixes one. */
    private static final int[] FALLBACK_WINDOW = {96, 96, 96};
    /** Gaussian sigma as a fraction of the window (nnU-Net's 1/8). */
    private static final double SIGMA_SCALE = 0.125;

    private final EngineSession engine;
    private final ModelContract contract;
    private final InputPreprocessing preprocessing;
    private final SlidingWindowInferer inferer;
    private final boolean rewritten;

    private Predictor(EngineSession engine, ModelContract contract, InputPreprocessing preprocessing, SlidingWindowInferer inferer,
                      boolean rewritten) {
        this.engine = engine;
        this.contract = contract;
        this.preprocessing = preprocessing;
        this.inferer = inferer;
        this.rewritten = rewritten;
    }

    /** A builder for {@code model} with {@code lossbench infer}'s defaults. */
    public static Builder builder(Path model) {
        return new Builder(model);
    }

    /**
     * The segmentation of {@code image} (preprocessed first when a preprocessing was chosen); {@code name}
     * names the image in messages.
     */
    public Segmentation predict(ImageVolume image, String name) {
        return inferer.infer(preprocessing == null ? image : preprocessing.apply(image, name), name);
    }

    /** The contract of the model the inferer runs (the rewritten one, if rewritten). */
    public ModelContract contract() {
        return contract;
    }

    /** The chosen input preprocessing; empty when the builder asked for none (the inputs come prepared). */
    public Optional<InputPreprocessing> preprocessing() {
        return Optional.ofNullable(preprocessing);
    }

    /** The device the session runs on. */
    public ResolvedDevice device() {
        return engine.device();
    }

    /** The session's description (the model file, or the rewritten model's description). */
    public String session() {
        return engine.description();
    }

    /** Whether a {@link CpuRewrite} replaced the plain model. */
    public boolean rewritten() {
        return rewritten;
    }

    @Override
    public void close() {
        try {
            inferer.close();
        } finally {
            engine.close();
        }
    }

    /** The settings of a {@link Predictor}, each defaulting to {@code lossbench infer}'s. */
    public static final class Builder {
        private final Path model;
        private Device device = Device.AUTO;
        private int threads;
        private int[] window;
        private int[] defaultWindow;
        private double overlap = 0.5;
        private Blend blend = Blend.GAUSSIAN;
        private int batch = 1;
        private boolean mirror;
        private boolean probabilities;
        private CpuRewrite cpuRewrite = CpuRewrite.AUTO;
        private String preprocessing;
        private Consumer<ModelContract> check = c -> { };
        private String usagePrefix = "";

        private Builder(Path model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /** {@code auto} (default), {@code cpu}, {@code cuda} or {@code cuda:N}. */
        public Builder device(Device d) {
            this.device = Objects.requireNonNull(d, "device");
            return this;
        }

        /** ONNX Runtime intra-op threads; 0 (default) is its own choice. */
        public Builder threads(int n) {
            this.threads = n;
            return this;
        }

        /** The window D, H, W; null (default) for the model's fixed size, else {@link #defaultWindow}, else 96^3. */
        public Builder window(int[] size) {
            this.window = size == null ? null : size.clone();
            return this;
        }

        /** The window of a model without a fixed input size when none is given (a training patch); null for 96^3. */
        public Builder defaultWindow(int[] size) {
            this.defaultWindow = size == null ? null : size.clone();
            return this;
        }

        /** Fraction of a window shared with its neighbour along each axis, in [0, 1); default 0.5. */
        public Builder overlap(double fraction) {
            this.overlap = fraction;
            return this;
        }

        public Builder blend(Blend b) {
            this.blend = Objects.requireNonNull(b, "blend");
            return this;
        }

        /** Windows per ONNX Runtime run; default 1. */
        public Builder batch(int windows) {
            this.batch = windows;
            return this;
        }

        /** Mirror test-time augmentation (8 flips per window); default off. */
        public Builder mirror(boolean on) {
            this.mirror = on;
            return this;
        }

        /** Keep the blended class probabilities beside the labels; default off. */
        public Builder probabilities(boolean keep) {
            this.probabilities = keep;
            return this;
        }

        public Builder cpuRewrite(CpuRewrite r) {
            this.cpuRewrite = Objects.requireNonNull(r, "cpuRewrite");
            return this;
        }

        /**
         * Preprocess every image as {@code option} says ({@link InputPreprocessing#choose}: {@code auto},
         * {@code none}, {@code zscore} or {@code record:FILE}); without this call images go in as given.
         */
        public Builder preprocessing(String option) {
            this.preprocessing = Objects.requireNonNull(option, "option");
            return this;
        }

        /** A check of the plain model's contract after the standard one (it throws to refuse the model). */
        public Builder check(Consumer<ModelContract> c) {
            this.check = Objects.requireNonNull(c, "check");
            return this;
        }

        /** What precedes the message of the usage error (exit 2) for a bad window setting; default none. */
        public Builder usagePrefix(String prefix) {
            this.usagePrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** Opens the model and builds the inferer (the steps of {@link Predictor}). */
        public Predictor open() {
            SessionConfig sc = SessionConfig.defaults(device).withThreads(threads).withOptLevel(OptLevel.ALL_OPT);
            EngineSession plain = Sessions.open(model, sc);
            EngineSession opened;
            InputPreprocessing prep;
            int[] roi;
            try {
                ModelContract plainContract = ModelContract.check(plain.session(), model.toString());
                check.accept(plainContract);
                prep = preprocessing == null ? null : InputPreprocessing.choose(preprocessing, model, plain.session());
                roi = window != null ? window : plainContract.fixedSpatial() != null ? plainContract.fixedSpatial()
                        : defaultWindow != null ? defaultWindow : FALLBACK_WINDOW;
                opened = cpuRewrite.apply(model, plain, sc, roi, batch);
            } catch (RuntimeException e) {
                plain.close();
                throw e;
            }
            try {
                ModelContract contract = ModelContract.check(opened.session(), model.toString());
                SlidingWindowInferer inferer = new SlidingWindowInferer(opened, contract, windowConfig(roi));
                return new Predictor(opened, contract, prep, inferer, opened != plain);
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
        }

        private SlidingWindowConfig windowConfig(int[] roi) {
            try {
                return new SlidingWindowConfig(roi, overlap, blend, SIGMA_SCALE, batch, mirror, probabilities);
            } catch (IllegalArgumentException e) {
                throw new LossbenchException(ExitCode.USAGE, usagePrefix + e.getMessage());
            }
        }
    }
}
