package org.lossbench.models.infer;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.engine.EngineSession;
import org.lossbench.core.engine.FloatTensorBuffer;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sliding-window inference of a segmentation model over a whole volume (MONAI's
 * {@code sliding_window_inference}, nnU-Net's predictor).
 *
 * <p>The volume is virtually padded with zeros to at least the window size (symmetrically; no
 * padded copy is made: windows read zeros outside the image), windows are placed by
 * {@link WindowPlan}, batched {@code batchSize} at a time into one reused direct input buffer, run,
 * and their class probabilities (softmax over K of the logits, or the model's own probabilities when
 * it outputs them) are accumulated with the {@link Blend} weights into one {@code [K][D][H][W]}
 * accumulator on the image's own grid, together with the per-voxel weight sum:
 * {@code p(v) = sum_w w(v - o_w) p_w(v) / sum_w w(v - o_w)}. Padding voxels are never accumulated,
 * so the result is cropped back to the input grid by construction. With mirroring, every window is
 * also evaluated flipped along each subset of the D, H, W axes and the flipped prediction flipped
 * back before accumulation (8 evaluations per window, averaged).
 *
 * <p>Memory: the input and output buffers of one batch of windows, the accumulator (which is the
 * probability output itself) and one weight volume; no other copy of the probability volume.
 */
public final class SlidingWindowInferer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlidingWindowInferer.class);

    private final EngineSession engine;
    private final ModelContract contract;
    private final SlidingWindowConfig config;
    private final float[] importance;
    private final Map<Integer, FloatTensorBuffer> inputs = new HashMap<>();
    private final Map<Integer, FloatTensorBuffer> outputs = new HashMap<>();
    private int classes;
    private Boolean probabilities;
    private double[] scratch;

    public SlidingWindowInferer(EngineSession engine, ModelContract contract, SlidingWindowConfig config) {
        this.engine = engine;
        this.contract = contract;
        int[] roi = config.roi();
        if (contract.fixedSpatial() != null && !Arrays.equals(contract.fixedSpatial(), roi)) {
            throw new BadInputException("model " + engine.description() + " only accepts windows of " + Arrays.toString(contract.fixedSpatial())
                    + " (D, H, W) but the window size is " + Arrays.toString(roi) + "; use --roi "
                    + contract.fixedSpatial()[0] + "," + contract.fixedSpatial()[1] + "," + contract.fixedSpatial()[2]);
        }
        if (contract.fixedBatch() > 0 && config.batchSize() != contract.fixedBatch()) {
            LOG.info("model {} takes batches of exactly {} windows; using that batch size", engine.description(), contract.fixedBatch());
            config = config.withBatchSize(contract.fixedBatch());
        }
        this.config = config;
        this.importance = ImportanceMap.of(config.blend(), roi, config.sigmaScale());
        this.classes = contract.classes();
    }

    /** Segments {@code image}; {@code name} identifies it in error messages. */
    public Segmentation infer(ImageVolume image, String name) {
        contract.checkChannels(image.channels(), name);
        int[] size = image.grid().shape();
        int[] roi = config.roi();
        int[][] starts = new int[3][];
        for (int a = 0; a < 3; a++) {
            starts[a] = WindowPlan.starts(size[a], roi[a], config.overlap());
        }
        int[] pad = {WindowPlan.padBefore(size[0], roi[0]), WindowPlan.padBefore(size[1], roi[1]), WindowPlan.padBefore(size[2], roi[2])};
        int flips = config.mirror() ? 8 : 1;
        List<int[]> items = new ArrayList<>();
        for (int z : starts[0]) {
            for (int y : starts[1]) {
                for (int x : starts[2]) {
                    for (int f = 0; f < flips; f++) {
                        items.add(new int[] {z - pad[0], y - pad[1], x - pad[2], f});
                    }
                }
            }
        }
        int voxels = image.grid().voxelCount();
        float[] weightSum = new float[voxels];
        float[] acc = null;
        for (int from = 0; from < items.size(); from += config.batchSize()) {
            List<int[]> batch = items.subList(from, Math.min(items.size(), from + config.batchSize()));
            FloatBuffer out = runBatch(image, batch, name);
            if (acc == null) {
                if ((long) classes * voxels > Integer.MAX_VALUE - 8) {
                    throw new BadInputException("image " + name + " " + image.grid().shapeString() + " with " + classes
                            + " classes needs " + (long) classes * voxels + " probabilities, more than one Java array holds; crop or resample it first");
                }
                acc = new float[classes * voxels];
            }
            for (int b = 0; b < batch.size(); b++) {
                accumulate(out, b, batch.get(b), size, acc, weightSum, 1f / flips, name);
            }
        }
        return finish(image, acc, weightSum, items.size());
    }

    @SuppressWarnings("try") // the pinned run's result is closed unread: the output is in the pinned buffer
    private FloatBuffer runBatch(ImageVolume image, List<int[]> batch, String name) {
        int[] roi = config.roi();
        int c = image.channels();
        // A model with a fixed batch size gets full batches; unused slots keep stale windows whose outputs are ignored.
        int n = contract.fixedBatch() > 0 ? contract.fixedBatch() : batch.size();
        FloatTensorBuffer in = inputs.computeIfAbsent(n, k -> new FloatTensorBuffer(k, c, roi[0], roi[1], roi[2]));
        fillWindows(image, batch, in.buffer());
        try {
            if (probabilities == null) {
                return firstRun(in, n, name);
            }
            FloatTensorBuffer out = outputs.computeIfAbsent(n, k -> new FloatTensorBuffer(k, classes, roi[0], roi[1], roi[2]));
            try (OrtSession.Result r = engine.session().run(Map.of(contract.inputName(), in.tensor()), Map.of(contract.outputName(), out.tensor()))) {
                return out.buffer();
            }
        } catch (OrtException e) {
            throw new BadInputException("model " + engine.description() + " failed on a window of " + name + " "
                    + Arrays.toString(new long[] {n, c, roi[0], roi[1], roi[2]}) + ": " + e.getMessage(), e);
        }
    }

    /** The first run discovers K, checks the output layout and detects probabilities. */
    private FloatBuffer firstRun(FloatTensorBuffer in, int n, String name) throws OrtException {
        int[] roi = config.roi();
        try (OrtSession.Result r = engine.session().run(Map.of(contract.inputName(), in.tensor()))) {
            OnnxTensor t = (OnnxTensor) r.get(contract.outputName()).orElseThrow();
            long[] shape = t.getInfo().getShape();
            long[] want = {n, shape.length > 1 ? shape[1] : -1, roi[0], roi[1], roi[2]};
            if (shape.length == 5 && shape[0] == n && shape[1] == roi[0] && shape[2] == roi[1] && shape[3] == roi[2]
                    && shape[4] != roi[2]) {
                throw new BadInputException("model " + engine.description() + " output " + Arrays.toString(shape)
                        + " is channels-last [N, D, H, W, K]; the contract needs [N, K, D, H, W]");
            }
            if (!Arrays.equals(shape, want)) {
                throw new BadInputException("model " + engine.description() + " output '" + contract.outputName() + "' has shape "
                        + Arrays.toString(shape) + " for a window " + Arrays.toString(in.shape()) + "; the contract needs [N, K, D, H, W] = "
                        + Arrays.toString(want) + " (same spatial size as the input)");
            }
            if (shape[1] < 2) {
                throw new BadInputException("model " + engine.description() + " outputs " + shape[1]
                        + " channel; the contract needs K >= 2 classes with background as class 0");
            }
            classes = (int) shape[1];
            scratch = new double[classes];
            float[] out = readAll(t.getFloatBuffer());
            probabilities = looksLikeProbabilities(out, classes, roi[0] * roi[1] * roi[2]);
            if (probabilities) {
                LOG.warn("model {} outputs probabilities (values in [0, 1] summing to 1 over {} classes), not logits; blending them as they are",
                        engine.description(), classes);
            }
            return FloatBuffer.wrap(out);
        }
    }

    /** Values in [0, 1] that sum to 1 (within 1e-3) over the class axis at every voxel. */
    static boolean looksLikeProbabilities(float[] out, int k, int voxelsPerWindow) {
        int windows = out.length / (k * voxelsPerWindow);
        for (int b = 0; b < windows; b++) {
            for (int v = 0; v < voxelsPerWindow; v++) {
                double s = 0;
                for (int c = 0; c < k; c++) {
                    float p = out[(b * k + c) * voxelsPerWindow + v];
                    if (!(p >= 0 && p <= 1)) {
                        return false;
                    }
                    s += p;
                }
                if (Math.abs(s - 1) > 1e-3) {
                    return false;
                }
            }
        }
        return true;
    }

    private static float[] readAll(FloatBuffer fb) {
        float[] v = new float[fb.capacity()];
        fb.get(0, v);
        return v;
    }

    /** Copies each window (flipped as its variant says, zeros outside the image) into the batch buffer. */
    private void fillWindows(ImageVolume image, List<int[]> batch, FloatBuffer buf) {
        int[] roi = config.roi();
        int[] size = image.grid().shape();
        int c = image.channels();
        float[] data = image.data();
        int voxels = image.grid().voxelCount();
        float[] row = new float[roi[2]];
        for (int b = 0; b < batch.size(); b++) {
            int[] it = batch.get(b);
            int f = it[3];
            for (int ch = 0; ch < c; ch++) {
                for (int dz = 0; dz < roi[0]; dz++) {
                    int z = it[0] + ((f & 1) != 0 ? roi[0] - 1 - dz : dz);
                    for (int dy = 0; dy < roi[1]; dy++) {
                        int y = it[1] + ((f & 2) != 0 ? roi[1] - 1 - dy : dy);
                        boolean inside = z >= 0 && z < size[0] && y >= 0 && y < size[1];
                        for (int dx = 0; dx < roi[2]; dx++) {
                            int x = it[2] + ((f & 4) != 0 ? roi[2] - 1 - dx : dx);
                            row[dx] = inside && x >= 0 && x < size[2] ? data[ch * voxels + (z * size[1] + y) * size[2] + x] : 0f;
                        }
                        buf.put(((b * c + ch) * roi[0] + dz) * roi[1] * roi[2] + dy * roi[2], row);
                    }
                }
            }
        }
    }

    /**
     * Adds {@code weight * p(window b)} into the accumulator for the window's voxels inside the image.
     *
     * @throws BadInputException when the model gives a NaN or infinite output there (it would turn into a silent label 0)
     */
    private void accumulate(FloatBuffer out, int b, int[] it, int[] size, float[] acc, float[] weightSum, float variantWeight,
                            String name) {
        int[] roi = config.roi();
        int wv = roi[0] * roi[1] * roi[2];
        int voxels = size[0] * size[1] * size[2];
        int k = classes;
        double[] p = scratch;
        int f = it[3];
        for (int dz = 0; dz < roi[0]; dz++) {
            int z = it[0] + dz;
            if (z < 0 || z >= size[0]) {
                continue;
            }
            int sz = (f & 1) != 0 ? roi[0] - 1 - dz : dz;
            for (int dy = 0; dy < roi[1]; dy++) {
                int y = it[1] + dy;
                if (y < 0 || y >= size[1]) {
                    continue;
                }
                int sy = (f & 2) != 0 ? roi[1] - 1 - dy : dy;
                for (int dx = 0; dx < roi[2]; dx++) {
                    int x = it[2] + dx;
                    if (x < 0 || x >= size[2]) {
                        continue;
                    }
                    int sx = (f & 4) != 0 ? roi[2] - 1 - dx : dx;
                    int src = (sz * roi[1] + sy) * roi[2] + sx;
                    int dst = (z * size[1] + y) * size[2] + x;
                    float w = importance[(dz * roi[1] + dy) * roi[2] + dx] * variantWeight;
                    if (!probabilitiesAt(out, b * k * wv + src, wv, p)) {
                        throw new BadInputException("model " + engine.description() + " gives non-finite outputs (NaN or infinity) on "
                                + name + " at voxel (x=" + x + ", y=" + y + ", z=" + z + "); the model is broken (diverged training?)");
                    }
                    for (int c = 0; c < k; c++) {
                        acc[c * voxels + dst] += (float) (w * p[c]);
                    }
                    weightSum[dst] += w;
                }
            }
        }
    }

    /**
     * Softmax over the class axis of the logits at one voxel (numerically stable), or the model's
     * probabilities; false when an output there is NaN or infinite (a logit of minus infinity next
     * to finite ones is a valid zero probability).
     */
    private boolean probabilitiesAt(FloatBuffer out, int base, int stride, double[] p) {
        int k = classes;
        if (probabilities) {
            for (int c = 0; c < k; c++) {
                p[c] = out.get(base + c * stride);
                if (!Double.isFinite(p[c])) {
                    return false;
                }
            }
            return true;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            float v = out.get(base + c * stride);
            if (Float.isNaN(v) || v == Float.POSITIVE_INFINITY) {
                return false;
            }
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return false;
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            p[c] = Math.exp(out.get(base + c * stride) - max);
            sum += p[c];
        }
        for (int c = 0; c < k; c++) {
            p[c] /= sum;
        }
        return true;
    }

    /** Releases the window buffers (the session belongs to the caller). */
    @Override
    public void close() {
        inputs.values().forEach(FloatTensorBuffer::close);
        outputs.values().forEach(FloatTensorBuffer::close);
        inputs.clear();
        outputs.clear();
    }

    private Segmentation finish(ImageVolume image, float[] acc, float[] weightSum, int evaluations) {
        int voxels = weightSum.length;
        int k = classes;
        LabelMap labels = LabelMap.zeros(image.grid(), k - 1);
        for (int v = 0; v < voxels; v++) {
            float ws = weightSum[v];
            if (!(ws > 0)) {
                throw new LossbenchException(ExitCode.INTERNAL, "voxel " + v + " was covered by no window (a bug in the window plan)");
            }
            int best = 0;
            float bestP = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                float pc = acc[c * voxels + v] / ws;
                acc[c * voxels + v] = pc;
                if (pc > bestP) {
                    bestP = pc;
                    best = c;
                }
            }
            labels.set(v, best);
        }
        ImageVolume probs = config.keepProbabilities() ? new ImageVolume(image.grid(), k, acc) : null;
        return new Segmentation(labels, probs, k, probabilities, evaluations);
    }
}
