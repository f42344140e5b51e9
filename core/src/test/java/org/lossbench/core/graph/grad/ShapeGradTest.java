package org.lossbench.core.graph.grad;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossbench.core.graph.Attribute;
import org.lossbench.core.graph.Tensor;
import org.lossbench.core.graph.Value;

/** Ops that move elements (Concat, Split, Slice, Pad, Reshape, Transpose, Flatten, Squeeze, Unsqueeze) against central differences. */
class ShapeGradTest {

    @Test
    void concatOfThreeDifferentlySizedParts() throws Exception {
        GradCheck c = new GradCheck(30);
        Value a = c.input("a", c.uniform(2, 1, 3), 2, 1, 3);
        Value b = c.input("b", c.uniform(2, 3, 3), 2, 3, 3);
        Value d = c.input("d", c.uniform(2, 2, 3), 2, 2, 3);
        c.check(c.g.concat("y", 1, List.of(a, b, d)), a, b, d);
    }

    /** Split into three parts of which the middle one reaches no loss: its gradient is zero. */
    @Test
    void splitWithAnUnusedPart() throws Exception {
        GradCheck c = new GradCheck(31);
        c.samples = 30;
        Value x = c.input("x", c.uniform(2, 6, 3), 2, 6, 3);
        List<Value> parts = c.g.opMulti("Split", "split", List.of(x, c.g.constant("sizes", Tensor.vector(1, 2, 3))),
                Map.of("axis", Attribute.of(-2)), 3);
        Value first = c.g.reshape("first", parts.get(0), 2, 3);
        Value y = c.g.concat("y", 1, List.of(first, c.g.reshape("third", parts.get(2), 2, 9)));
        c.check(y, x);
    }

    /** Slice with a negative start, an end past the size (clamped) and a subset of axes. */
    @Test
    void sliceWithNegativeAndClampedBounds() throws Exception {
        GradCheck c = new GradCheck(32);
        c.samples = 40;
        Value x = c.input("x", c.uniform(3, 5, 4), 3, 5, 4);
        c.check(c.g.slice("y", x, new long[] {-4, 1}, new long[] {100, 3}, new long[] {1, 2}), x);
    }

    /** Pad that grows two axes and crops one (a negative pad). */
    @Test
    void padGrowingAndCropping() throws Exception {
        GradCheck c = new GradCheck(33);
        c.samples = 30;
        Value x = c.input("x", c.uniform(2, 4, 5), 2, 4, 5);
        c.check(c.g.pad("y", x, 0, 1, -1, 0, 2, 1), x);
    }

    @Test
    void reshapeTransposeFlattenSqueezeUnsqueeze() throws Exception {
        GradCheck c = new GradCheck(34);
        c.samples = 24;
        Value x = c.input("x", c.uniform(2, 3, 4), 2, 3, 4);
        Value t = c.g.transpose("t", x, 2, 0, 1);
        Value r = c.g.reshape("r", t, 4, 1, 6);
        Value sq = c.g.op("Squeeze", "sq", List.of(r, c.g.constant("ax", Tensor.vector(1))), Map.of());
        Value un = c.g.op("Unsqueeze", "un", List.of(sq, c.g.constant("ax0", Tensor.vector(0))), Map.of());
        Value fl = c.g.op("Flatten", "fl", List.of(un), Map.of("axis", Attribute.of(2)));
        // a non-linear op between the moves, so that a wrong permutation changes the result
        c.check(c.g.mul("y", fl, c.g.op("Exp", "e", List.of(fl), Map.of())), x);
    }

    /** Transpose without a perm attribute reverses the axes. */
    @Test
    void transposeDefaultPermutation() throws Exception {
        GradCheck c = new GradCheck(35);
        Value x = c.input("x", c.uniform(2, 3, 4), 2, 3, 4);
        Value t = c.g.op("Transpose", "t", List.of(x), Map.of());
        c.check(c.g.mul("y", t, c.constant("w", c.uniform(4, 3, 2), 4, 3, 2)), x);
    }
}
