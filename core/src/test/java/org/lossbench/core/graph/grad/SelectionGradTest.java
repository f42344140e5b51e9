package org.lossbench.core.graph.grad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossbench.core.graph.Attribute;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
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
        onlyMax.check(onlyMax.g.op("Clip", "y", Arrays.asList(z, null, onlyMax.constant("hi", new float[] {0.5f})), Map.of()), z);
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

    /** Binary and three-operand Max and Min (the stable softmax of the losses takes the Max over K channel slices), with broadcasting. */
    @Test
    void maxAndMinWithBroadcasting() throws Exception {
        for (String op : new String[] {"Max", "Min"}) {
            for (int operands = 2; operands <= 3; operands++) {
                GradCheck c = new GradCheck(op.hashCode() + operands);
                c.samples = 12;
                float[] a = c.uniform(3, 4);
                float[] b = c.uniform(4);
                float[] d = c.uniform(3, 1);
                // keep every pair at least 0.05 (5 steps h) apart, off the ties: first d from b, then a from both
                for (int j = 0; j < d.length; j++) {
                    while (operands == 3 && tooClose(d[j], b)) {
                        d[j] += 0.1f;
                    }
                }
                for (int i = 0; i < a.length; i++) {
                    while (Math.abs(a[i] - b[i % 4]) < 0.05f || (operands == 3 && Math.abs(a[i] - d[i / 4]) < 0.05f)) {
                        a[i] += 0.1f;
                    }
                }
                Value va = c.input("a", a, 3, 4);
                Value vb = c.input("b", b, 4);
                Value vd = c.input("d", d, 3, 1);
                if (operands == 2) {
                    c.check(c.g.op(op, "y", List.of(va, vb), Map.of()), va, vb);
                } else {
                    c.check(c.g.op(op, "y", List.of(va, vb, vd), Map.of()), va, vb, vd);
                }
            }
        }
    }

    private static boolean tooClose(float v, float[] others) {
        for (float o : others) {
            if (Math.abs(v - o) < 0.05f) {
                return true;
            }
        }
        return false;
    }

    /**
     * Hand-derived tie handling: a = [1, 2, 3], b = [1, 5, 3], c = [0, 5, 3] give y = Max = [1, 5, 3];
     * with f = sum(y) each element's gradient goes to the first operand equal to the result:
     * da = [1, 0, 1], db = [0, 1, 0], dc = [0, 0, 0].
     */
    @Test
    void maxTieGoesToTheFirstOperand() throws Exception {
        Graph g = new Graph("t");
        Value a = g.input("a", DType.FLOAT, Shape.of(3));
        Value b = g.constant("b", Tensor.floats(new long[] {3}, new float[] {1, 5, 3}));
        Value c = g.constant("c", Tensor.floats(new long[] {3}, new float[] {0, 5, 3}));
        Value loss = g.reduceSum("f", g.op("Max", "y", List.of(a, b, c), Map.of()), false, 0);
        Map<Value, Value> grads = Gradients.of(g, loss, List.of(a, b, c));
        g.output(grads.get(a), "da");
        g.output(grads.get(b), "db");
        g.output(grads.get(c), "dc");
        float[] x = {1, 2, 3};
        assertArrayEquals(new float[] {1, 0, 1}, GradientsTest.run(g, "a", x, "da"), 0f);
        assertArrayEquals(new float[] {0, 1, 0}, GradientsTest.run(g, "a", x, "db"), 0f);
        assertArrayEquals(new float[] {0, 0, 0}, GradientsTest.run(g, "a", x, "dc"), 0f);
    }
}
