package org.lossbench.losses;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lossbench.core.engine.Device;
import org.lossbench.core.engine.EngineSession;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.engine.Sessions;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.OnnxSerializer;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Value;
import org.lossbench.core.graph.grad.Gradients;
import org.lossbench.losses.graph.LossGraphContext;

/**
 * Issue 7: every loss's gradient with respect to the logits, as {@link Gradients} appends it to the
 * loss's ONNX graph (static shapes, as in a training step) and ONNX Runtime evaluates it in float32,
 * agrees with central finite differences of the loss's plain-Java double-precision reference form,
 * {@code (L(z + h e_i) - L(z - h e_i)) / (2h)} with {@code h = 1e-3}, on 40 sampled logits. A wrong
 * gradient rule is off by O(1) relative; the float32 graph agrees to about 1e-7 relative.
 */
class LossGradientTest {
    private static final int[] SHAPE = {2, 3, 2, 3, 4};

    private static final String[] SPECS = {"ce", "ce:weight=[1,2,3]", "topk", "dice", "dice:include_background=false", "dice-vnet",
        "generalized-dice", "focal", "focal:activation=sigmoid", "focal:alpha=0.25", "exp-log", "tversky", "tversky:batch=true",
        "focal-tversky", "focal-tversky:gamma=4", "focal:gamma=0.5", "dice+ce", "dice+focal", "dice+topk"};

    static String[] specs() {
        return SPECS;
    }

    @ParameterizedTest
    @MethodSource("specs")
    void graphGradientMatchesFiniteDifferencesOfTheReference(String spec) throws Exception {
        CompoundLoss loss = CompoundLoss.parse(spec);
        LossInput in = Inputs.random(7, SHAPE[0], SHAPE[1], SHAPE[2], SHAPE[3], SHAPE[4], 3, SHAPE[1]);
        float[] analytic = graphGradient(loss, spec, in);
        SplittableRandom rnd = new SplittableRandom(spec.hashCode());
        int[] sample = rnd.ints(40, 0, analytic.length).toArray();
        double[] fd = new double[sample.length];
        double largest = 0;
        for (int j = 0; j < sample.length; j++) {
            int i = sample[j];
            float[] plus = in.logits().clone();
            float[] minus = in.logits().clone();
            plus[i] += 1e-3f;
            minus[i] -= 1e-3f;
            double up = loss.reference(LossInput.of(SHAPE, plus, in.labels(), "plus")).total();
            double down = loss.reference(LossInput.of(SHAPE, minus, in.labels(), "minus")).total();
            fd[j] = (up - down) / ((double) plus[i] - minus[i]);
            largest = Math.max(largest, Math.abs(fd[j]));
        }
        for (int j = 0; j < sample.length; j++) {
            double a = analytic[sample[j]];
            double tolerance = 1e-4 * largest + 1e-3 * Math.abs(fd[j]);
            if (!(Math.abs(a - fd[j]) <= tolerance)) {
                throw new AssertionError(spec + ": dL/dlogits[" + sample[j] + "] graph " + a + ", finite difference of the reference "
                        + fd[j] + " (tolerance " + tolerance + ")");
            }
        }
    }

    /**
     * A trained network is confident: logit gaps of tens are common, and a class can be segmented
     * perfectly. Every gradient element stays finite for random logits up to +-{@code scale} and for
     * logits that pick every label with a margin of {@code scale} (each class perfect). The zoo's
     * exponential logarithmic run diverged at step 4 when a branch of a {@code Where} that the forward
     * pass discards overflowed (its zero gradient times an infinite partial is NaN).
     */
    @ParameterizedTest
    @MethodSource("specs")
    void gradientStaysFiniteForConfidentLogits(String spec) throws Exception {
        CompoundLoss loss = CompoundLoss.parse(spec);
        for (double scale : new double[] {20, 60, 200}) {
            LossInput random = Inputs.random(11, SHAPE[0], SHAPE[1], SHAPE[2], SHAPE[3], SHAPE[4], scale, SHAPE[1]);
            assertFinite(spec, graphGradient(loss, spec, random), "random logits in +-" + scale);
            assertFinite(spec, graphGradient(loss, spec, perfect(random, (float) scale)), "perfect logits, margin " + scale);
        }
    }

    /** Logits {@code margin} for each voxel's label and 0 for the other classes. */
    private static LossInput perfect(LossInput in, float margin) {
        float[] logits = new float[in.logits().length];
        int voxels = SHAPE[2] * SHAPE[3] * SHAPE[4];
        for (int b = 0; b < SHAPE[0]; b++) {
            for (int v = 0; v < voxels; v++) {
                logits[(b * SHAPE[1] + in.label(b, v)) * voxels + v] = margin;
            }
        }
        return LossInput.of(SHAPE, logits, in.labels(), "perfect");
    }

    private static void assertFinite(String spec, float[] gradient, String what) {
        for (int i = 0; i < gradient.length; i++) {
            if (!Float.isFinite(gradient[i])) {
                throw new AssertionError(spec + ": dL/dlogits[" + i + "] = " + gradient[i] + " for " + what);
            }
        }
    }

    /** {@code dL/dlogits} as the gradient graph appended by {@link Gradients}, run on ONNX Runtime. */
    private static float[] graphGradient(CompoundLoss loss, String spec, LossInput in) throws Exception {
        Graph g = new Graph("loss_grad");
        long[] logitsShape = {SHAPE[0], SHAPE[1], SHAPE[2], SHAPE[3], SHAPE[4]};
        long[] labelsShape = {SHAPE[0], SHAPE[2], SHAPE[3], SHAPE[4]};
        Value logits = g.input("logits", DType.FLOAT, Shape.of(logitsShape));
        Value labels = g.input("labels", DType.INT64, Shape.of(labelsShape));
        Value total = loss.emit(new LossGraphContext(g, logits, labels)).get(CompoundLoss.OUTPUT);
        g.output(Gradients.of(g, total, List.of(logits)).get(logits), "dlogits");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (EngineSession s = Sessions.open(OnnxSerializer.toBytes(g, "test"), spec, SessionConfig.defaults(Device.CPU).withThreads(1));
             OnnxTensor z = OnnxTensor.createTensor(env, FloatBuffer.wrap(in.logits()), logitsShape);
             OnnxTensor y = OnnxTensor.createTensor(env, LongBuffer.wrap(in.labelsAsLong()), labelsShape);
             OrtSession.Result r = s.session().run(Map.of("logits", z, "labels", y))) {
            FloatBuffer fb = ((OnnxTensor) r.get("dlogits").orElseThrow()).getFloatBuffer();
            float[] analytic = new float[fb.remaining()];
            fb.get(analytic);
            return analytic;
        }
    }
}
