package org.lossbench.core.graph.grad;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossbench.core.graph.Attribute;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Tensor;
import org.lossbench.core.graph.Value;

/** Reductions, top-k selection, Clip, Where, Max and Min against central differences. */
class SelectionGradTest {

    @Test
    void reduceSumOverAxesWithAndWithoutKeepdims() throws Exception {
        for (int keep = 0; keep <= 1; keep++) {
            GradCheck c = new GradCheck(20 + keep);
            Value x = c.input("x", c.uniform(2, 3, 4, 5), 2, 3, 4, 5);
            c.check(c.g.reduceSum("y", x, keep == 1, 1, -1), x);
        }
    }

    @Test
    void reduceMeanOverAllAxesAndOneAxis() throws Exception {
        GradCheck c = new GradCheck(22);
        Value x = c.input("x", c.uniform(2, 3, 4), 2, 3, 4);
        c.check(c.g.op("ReduceMean", "y", List.of(x), Map.of("keepdims", Attribute.of(0))), x);

        GradCheck k = new GradCheck(23);
        Value z = k.input("x", k.uniform(2, 3, 4), 2, 3, 4);
        k.check(k.g.reduceMean("y", z, true, 2), z);
    }

    /** Distinct values at least 0.05 apart (20 steps h), shuffled, so that the selection is stable under the perturbation. */
    private static float[] distinct(GradCheck c, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = -1 + 0.05f * i;
        }
        float[] r = c.uniform(n);
        for (int i = n - 1; i > 0; i--) {
            int j = (int) ((r[i] + 1) / 2 * (i + 1));
            float t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return v;
    }

    @Test
    void topKConstantK() throws Exception {
        GradCheck c = new GradCheck(25);
        c.samples = 24;
        Value x = c.input("x", distinct(c, 24), 3, 8);
        List<Value> top = c.topK(x, c.g.constant("k", Tensor.vector(3)), Shape.of(3, 3), 1, 1);
        c.check(top.get(0), x);
    }

    /**
     * The top-k cross-entropy pattern of the losses module: a flattened map, k computed at run time
     * from Shape (so the selected vector's length is unknown at build time), then the mean of the
     * selection: the gradient of the mean needs the run-time count.
     */
    @Test
    void topKRunTimeKThenMean() throws Exception {
        GradCheck c = new GradCheck(26);
        c.samples = 20;
        Value x = c.input("x", distinct(c, 20), 4, 5);
        Value flat = c.g.reshape("flat", x, -1);
        Value count = c.g.op("Shape", "count", List.of(flat), Map.of());
        Value k = c.g.div("k", count, c.g.constant("four", Tensor.vector(4)));
        List<Value> top = c.topK(flat, k, Shape.symbolic((Object) null), -1, 0);
        Value mean = c.g.op("ReduceMean", "mean", List.of(top.get(0)), Map.of("keepdims", Attribute.of(0)));
        c.check(c.g.reshape("y", mean, 1), x);
    }

    @Test
    void clipWithConstantAndDifferentiatedBounds() throws Exception {
        GradCheck c = new GradCheck(27);
        float[] data = c.awayFromZero(0.1, 4, 6);
        for (int i = 0; i < data.length; i++) {
            data[i] *= 2; // |x| in [0.2, 2): away from both bounds +-0.5 by > h when shifted below
            data[i] = Math.abs(Math.abs(data[i]) - 0.5f) < 0.05f ? data[i] + 0.2f : data[i];
        }
        Value x = c.input("x", data, 4, 6);
        Value lo = c.input("lo", new float[] {-0.5f}, new long[0]);
        Value hi = c.constant("hi", new float[] {0.5f});
        c.check(c.g.op("Clip", "y", List.of(x, lo, hi), Map.of()), x, lo);

        GradCheck onlyMax = new GradCheck(28);
        Value z = onlyMax.input("x", data, 4, 6);
        onlyMax.check(onlyMax.g.op("Clip", "y", java.util.Arrays.asList(z, null, onlyMax.constant("hi", new float[] {0.5f})), Map.of()), z);
    }

    /** Where with a broadcast condition computed from a non-differentiated input, and broadcast branches. */
    @Test
    void whereWithBroadcasting() throws Exception {
        GradCheck c = new GradCheck(29);
        Value sign = c.feed("c", new float[] {1, -1, 1}, 3, 1);
        Value cond = c.g.op("Greater", "cond", List.of(sign, c.constant("zero", new float[] {0f})), Map.of());
        Value a = c.input("a", c.uniform(3, 4), 3, 4);
        Value b = c.input("b", c.uniform(4), 4);
        c.check(c.g.op("Where", "y", List.of(cond, a, b), Map.of()), a, b);
    }

    @Test
    void maxAndMinWithBroadcasting() throws Exception {
        for (String op : new String[] {"Max", "Min"}) {
            GradCheck c = new GradCheck(op.hashCode());
            float[] a = c.uniform(3, 4);
            float[] b = c.uniform(4);
            for (int i = 0; i < a.length; i++) {
                if (Math.abs(a[i] - b[i % 4]) < 0.05f) {
                    a[i] += 0.1f; // keep every pair 5 steps h apart, off the tie
                }
            }
            Value va = c.input("a", a, 3, 4);
            Value vb = c.input("b", b, 4);
            c.check(c.g.op(op, "y", List.of(va, vb), Map.of()), va, vb);
        }
    }
}
