package org.lossbench.core.graph.grad;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.lossbench.core.graph.Attribute;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.OnnxSerializer;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Tensor;
import org.lossbench.core.graph.Value;

/**
 * Test harness: checks the gradient graph that {@link Gradients} appends against central finite
 * differences computed through ONNX Runtime.
 *
 * <p>Every value to differentiate is fed (a graph input, or a trainable initializer serialised as an
 * input), so that the same session evaluates {@code f} at perturbed points. The checked function is
 * {@code f(x) = sum_j y_j r_j} for an output {@code y} and fixed weights {@code r}: the graph computes
 * it in float32 as its loss and differentiates it; the finite differences
 * {@code (f(x + h e_i) - f(x - h e_i)) / 2h} recompute it in double from the float32 {@code y}, so the
 * rounding of the reduction does not enter them. A coordinate passes when
 * {@code |analytic - fd| <= atol + rtol max(|analytic|, |fd|)}.
 */
final class GradCheck {
    final Graph g = new Graph("gradcheck");
    private final SplittableRandom rnd;
    private final Map<String, float[]> feeds = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new HashMap<>();
    double h = 1e-2;
    double atol = 2e-3;
    double rtol = 1e-2;
    int samples = 10;

    GradCheck(long seed) {
        rnd = new SplittableRandom(seed);
        g.setParametersAsInputs(true);
    }

    /** A fed graph input with the given data. */
    Value input(String name, float[] data, long... shape) {
        feeds.put(name, data);
        shapes.put(name, shape);
        return g.input(name, DType.FLOAT, Shape.of(shape));
    }

    /** A fed graph input that is not differentiated (its value is fixed in the finite differences too). */
    Value feed(String name, float[] data, long... shape) {
        return input(name, data, shape);
    }

    /** {@code TopK(x, k)} along {@code axis}, largest first, with the values' shape given (unknown for a run-time k). */
    List<Value> topK(Value x, Value k, Shape values, long axis, long sorted) {
        return g.opTyped("TopK", "topk", List.of(x, k), Map.of("axis", Attribute.of(axis), "largest", Attribute.of(1L),
                "sorted", Attribute.of(sorted)), List.of(new Value("v", DType.FLOAT, values), new Value("i", DType.INT64, values)));
    }

    /** A trainable initializer (fed as an input) with the given data. */
    Value parameter(String name, float[] data, long... shape) {
        Value v = g.parameter(name, Tensor.floats(shape, data));
        feeds.put(v.name(), data);
        shapes.put(v.name(), shape);
        return v;
    }

    /** Uniform in [-1, 1). */
    float[] uniform(long... shape) {
        return range(-1, 1, shape);
    }

    /** Uniform in [lo, hi). */
    float[] range(double lo, double hi, long... shape) {
        float[] a = new float[count(shape)];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (lo + (hi - lo) * rnd.nextDouble());
        }
        return a;
    }

    /** Random sign times uniform in [lo, 1): at least {@code lo} away from the kink at 0. */
    float[] awayFromZero(double lo, long... shape) {
        float[] a = range(lo, 1, shape);
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextBoolean() ? a[i] : -a[i];
        }
        return a;
    }

    /** A float32 constant (not differentiated). */
    Value constant(String name, float[] data, long... shape) {
        return g.constant(name, Tensor.floats(shape, data));
    }

    /** Checks {@code f = sum(y * r)} for random weights {@code r} in [-1, 1) with respect to {@code wrt}. */
    void check(Value y, Value... wrt) throws OrtException {
        long[] dims = y.shape().dims();
        float[] r = uniform(dims);
        Value rv = constant("r", r, dims);
        Value loss = g.reduceSum("f", g.mul("y_r", y, rv), false, allAxes(y.rank()));
        checkLoss(loss, y, r, wrt);
    }

    /** Checks a loss that the graph computes as {@code sum(y * r)} (for example a mean with {@code r = 1/n}). */
    void checkLoss(Value loss, Value y, float[] r, Value... wrt) throws OrtException {
        Map<Value, Value> grads = Gradients.of(g, loss, List.of(wrt));
        g.output(y, "y_out");
        List<String> gradNames = new ArrayList<>();
        for (Value w : wrt) {
            Value gv = grads.get(w);
            assertEquals(w.shape(), gv.shape(), "gradient shape of " + w.name());
            gradNames.add(g.output(gv, "grad_" + w.name().replace('/', '_')).name());
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
             OrtSession s = env.createSession(OnnxSerializer.toBytes(g, "test"), o)) {
            Map<String, float[]> base = run(env, s, feeds, gradNames);
            for (int k = 0; k < wrt.length; k++) {
                String name = wrt[k].name();
                float[] analytic = base.get(gradNames.get(k));
                for (int i : coordinates(analytic.length)) {
                    double fd = (f(env, s, name, i, h, r) - f(env, s, name, i, -h, r)) / (2 * h);
                    double a = analytic[i];
                    double tol = atol + rtol * Math.max(Math.abs(a), Math.abs(fd));
                    if (!(Math.abs(a - fd) <= tol)) {
                        throw new AssertionError("d f / d " + name + "[" + i + "]: gradient graph " + a
                                + ", central difference " + fd + " (h " + h + ", tolerance " + tol + ")");
                    }
                }
            }
        }
    }

    /** {@code sum(y * r)} in double with {@code wrt[i]} moved by {@code delta}. */
    private double f(OrtEnvironment env, OrtSession s, String wrt, int i, double delta, float[] r) throws OrtException {
        Map<String, float[]> moved = new LinkedHashMap<>(feeds);
        float[] x = feeds.get(wrt).clone();
        x[i] = (float) (x[i] + delta);
        moved.put(wrt, x);
        float[] y = run(env, s, moved, List.of()).get("y_out");
        double sum = 0;
        for (int j = 0; j < y.length; j++) {
            sum += (double) y[j] * r[j];
        }
        return sum;
    }

    private Map<String, float[]> run(OrtEnvironment env, OrtSession s, Map<String, float[]> in, List<String> extra) throws OrtException {
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, float[]> e : in.entrySet()) {
                tensors.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue()), shapes.get(e.getKey())));
            }
            List<String> wanted = new ArrayList<>(extra);
            wanted.add("y_out");
            try (OrtSession.Result res = s.run(tensors, new LinkedHashSet<>(wanted))) {
                Map<String, float[]> out = new HashMap<>();
                for (String n : wanted) {
                    FloatBuffer fb = ((OnnxTensor) res.get(n).orElseThrow()).getFloatBuffer();
                    float[] v = new float[fb.remaining()];
                    fb.get(v);
                    out.put(n, v);
                }
                return out;
            }
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    private List<Integer> coordinates(int n) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        if (n <= samples) {
            return all;
        }
        for (int i = 0; i < samples; i++) {
            Collections.swap(all, i, i + rnd.nextInt(n - i));
        }
        return all.subList(0, samples);
    }

    static long[] allAxes(int rank) {
        long[] a = new long[rank];
        for (int i = 0; i < rank; i++) {
            a[i] = i;
        }
        return a;
    }

    static int count(long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return (int) n;
    }
}
