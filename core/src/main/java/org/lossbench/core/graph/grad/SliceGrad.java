package org.lossbench.core.graph.grad;

import java.util.Arrays;
import org.lossbench.core.graph.Attribute;
import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Value;

/**
 * Slice and constant Pad, each other's adjoint:
 * <ul>
 *   <li>{@code Slice} with unit steps, {@code y = x[s:e]} per axis after ONNX's clamping:
 *       {@code dx = Pad(g, begin = s, end = n - e)} with zeros (the sliced-off elements have zero
 *       gradient). Bounds must be constants and the sliced axes static; other steps are refused.</li>
 *   <li>{@code Pad} in {@code constant} mode with pads {@code (b, e)} per axis:
 *       {@code dx = Slice(g, b .. size - e)}; negative pads (crops) are padded back with zeros. The
 *       padding value gets no gradient; {@code reflect} and {@code edge} modes are refused.</li>
 * </ul>
 */
final class SliceGrad implements GradRule {
    @Override
    public Value[] backward(GradContext ctx, Node node, Value[] outGrads, boolean[] needs) {
        Value[] r = new Value[node.inputs().size()];
        r[0] = node.opType().equals("Slice") ? slice(ctx, node, outGrads[0]) : pad(ctx, node, outGrads[0]);
        return r;
    }

    private static Value slice(GradContext ctx, Node node, Value g) {
        Value x = ctx.in(node, 0);
        Shape xs = x.shape();
        long[] starts = ctx.requireConstantInts(node, 1, "the slice starts");
        long[] ends = ctx.requireConstantInts(node, 2, "the slice ends");
        long[] axes = node.input(3).isEmpty() ? null : ctx.requireConstantInts(node, 3, "the slice axes");
        long[] steps = node.input(4).isEmpty() ? null : ctx.requireConstantInts(node, 4, "the slice steps");
        int rank = xs.rank();
        long[] pads = new long[2 * rank];
        for (int i = 0; i < starts.length; i++) {
            int axis = xs.axis(axes == null ? i : (int) axes[i]);
            if (steps != null && steps[i] != 1) {
                throw new GradientException("Slice node '" + node.name() + "': the gradient supports unit steps only, got step "
                        + steps[i] + " on axis " + axis + "; slice with step 1 (and Transpose or Reshape for other layouts)");
            }
            if (!xs.isKnown(axis)) {
                throw GradContext.symbolic(x, node);
            }
            long n = xs.dim(axis);
            long st = Math.max(0, Math.min(n, starts[i] < 0 ? starts[i] + n : starts[i]));
            long en = Math.max(0, Math.min(n, ends[i] < 0 ? ends[i] + n : ends[i]));
            pads[axis] = st;
            pads[rank + axis] = n - Math.max(st, en);
        }
        return ctx.graph().pad(node.name() + ".dx", g, pads);
    }

    private static Value pad(GradContext ctx, Node node, Value g) {
        Attribute mode = node.attributes().get("mode");
        if (mode instanceof Attribute.Str s && !s.value().equals("constant")) {
            throw new GradientException("Pad node '" + node.name() + "': the gradient supports constant padding only, got mode "
                    + s.value());
        }
        long[] pads = ctx.requireConstantInts(node, 1, "the pads");
        int rank = pads.length / 2;
        long[] starts = new long[rank];
        long[] ends = new long[rank];
        long[] axes = new long[rank];
        long[] crops = new long[2 * rank];
        for (int i = 0; i < rank; i++) {
            axes[i] = i;
            starts[i] = Math.max(0, pads[i]);
            ends[i] = pads[rank + i] > 0 ? -pads[rank + i] : Long.MAX_VALUE;
            crops[i] = Math.max(0, -pads[i]);
            crops[rank + i] = Math.max(0, -pads[rank + i]);
        }
        Value inner = ctx.graph().slice(node.name() + ".dx_slice", g, starts, ends, axes);
        return Arrays.stream(crops).allMatch(c -> c == 0) ? inner : ctx.graph().pad(node.name() + ".dx", inner, crops);
    }
}
