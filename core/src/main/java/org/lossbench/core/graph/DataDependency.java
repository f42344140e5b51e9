package org.lossbench.core.graph;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Ordering through data: ONNX has no control edges, and ONNX Runtime runs a node as soon as its inputs exist,
 * in an order of its choosing among the nodes that are ready. To make node {@code B} wait for value {@code v},
 * give {@code B} an input that is computed from {@code v} but does not change what {@code B} computes:
 * {@link #zeroAfter} is an int64 scalar that is exactly 0 for every value of {@code v} (NaN and infinities
 * included: {@code 0 * isnan(v[0, ..., 0])} in integer arithmetic), added to an integer input or, cast to
 * float, to a float one. Cost: five nodes on one element.
 *
 * <p>Used to hold the flipped kernel of an input gradient until the incoming gradient exists (docs/autodiff.md)
 * and to make an in-place update of a training step wait for every reader of the value it overwrites
 * (docs/training.md).
 */
public final class DataDependency {
    private DataDependency() {
    }

    /** An int64 scalar 0 that can only be computed once {@code v} (a float tensor of known rank) exists; the nodes are named {@code prefix.g_*}. */
    public static Value zeroAfter(Graph g, String prefix, Value v) {
        int rank = v.shape().rank();
        long[] zeros = new long[rank];
        long[] ones = new long[rank];
        Arrays.fill(ones, 1);
        Shape one = Shape.of(ones);
        Value first = rank == 0 ? v : typed(g, "Slice", prefix + ".g_first", v.dtype(), one, Map.of(), v,
                g.constant(prefix + ".g_first_starts", Tensor.vector(zeros)), g.constant(prefix + ".g_first_ends", Tensor.vector(ones)));
        Value nan = typed(g, "IsNaN", prefix + ".g_first_nan", DType.BOOL, one, Map.of(), first);
        Value asInt = typed(g, "Cast", prefix + ".g_first_int", DType.INT64, one, Map.of("to", Attribute.of((long) DType.INT64.onnxCode())), nan);
        Value zero = g.mul(prefix + ".g_zero", asInt, g.constant(prefix + ".g_zero_factor", Tensor.vector(0)));
        return typed(g, "ReduceSum", prefix + ".g_dependency", DType.INT64, Shape.scalar(), Map.of("keepdims", Attribute.of(0L)), zero);
    }

    private static Value typed(Graph g, String op, String name, DType dtype, Shape shape, Map<String, Attribute> attrs, Value... in) {
        return g.opTyped(op, name, Arrays.asList(in), attrs, List.of(new Value("typed", dtype, shape))).get(0);
    }
}
