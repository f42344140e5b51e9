package org.lossbench.core.graph.grad;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lossbench.core.graph.Attribute;
import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.Value;

/**
 * Matrix products, with {@code T(m)} the transpose of the last two axes:
 * <ul>
 *   <li>{@code MatMul} (rank >= 2, batch axes broadcast), {@code y = a b}:
 *       {@code da = sum_to(g T(b), a)}, {@code db = sum_to(T(a) g, b)}</li>
 *   <li>{@code Gemm}, {@code y = alpha a' b' + beta c} with {@code a' = transA ? a^T : a} and
 *       {@code b'} likewise: {@code da' = alpha g b'^T} and {@code db' = alpha a'^T g}, written as Gemms on
 *       the stored operands: {@code da = transA ? alpha b' g^T : alpha g b'^T},
 *       {@code db = transB ? alpha g^T a' : alpha a'^T g}; {@code dc = sum_to(beta g, c)}</li>
 * </ul>
 */
final class MatMulGrad implements GradRule {
    @Override
    public Value[] backward(GradContext ctx, Node node, Value[] outGrads, boolean[] needs) {
        return node.opType().equals("MatMul") ? matmul(ctx, node, outGrads[0], needs) : gemm(ctx, node, outGrads[0], needs);
    }

    private static Value[] matmul(GradContext ctx, Node node, Value g, boolean[] needs) {
        Value a = ctx.in(node, 0);
        Value b = ctx.in(node, 1);
        Value[] r = new Value[2];
        if (needs[0]) {
            r[0] = ctx.sumTo(ctx.op("MatMul", node, "da_full", g, lastTwoSwapped(ctx, node, b)), a, node);
        }
        if (needs[1]) {
            r[1] = ctx.sumTo(ctx.op("MatMul", node, "db_full", lastTwoSwapped(ctx, node, a), g), b, node);
        }
        return r;
    }

    private static Value lastTwoSwapped(GradContext ctx, Node node, Value m) {
        long[] perm = new long[m.rank()];
        Arrays.setAll(perm, i -> i);
        perm[m.rank() - 1] = m.rank() - 2;
        perm[m.rank() - 2] = m.rank() - 1;
        return ctx.graph().transpose(node.name() + ".t", m, perm);
    }

    private static Value[] gemm(GradContext ctx, Node node, Value g, boolean[] needs) {
        Value a = ctx.in(node, 0);
        Value b = ctx.in(node, 1);
        long transA = node.intAttr("transA", 0);
        long transB = node.intAttr("transB", 0);
        float alpha = node.floatAttr("alpha", 1f);
        Value[] r = new Value[node.inputs().size()];
        if (needs[0]) {
            r[0] = transA == 0 ? gemm(ctx, node, "da", g, b, 0, 1 - transB, alpha) : gemm(ctx, node, "da", b, g, transB, 1, alpha);
        }
        if (needs[1]) {
            r[1] = transB == 0 ? gemm(ctx, node, "db", a, g, 1 - transA, 0, alpha) : gemm(ctx, node, "db", g, a, 1, transA, alpha);
        }
        if (r.length > 2 && needs[2]) {
            float beta = node.floatAttr("beta", 1f);
            Value scaled = beta == 1f ? g : ctx.op("Mul", node, "beta_g", g, ctx.scalar(beta));
            r[2] = ctx.sumTo(scaled, ctx.in(node, 2), node);
        }
        return r;
    }

    private static Value gemm(GradContext ctx, Node node, String suffix, Value p, Value q, long tp, long tq, float alpha) {
        Map<String, Attribute> at = new LinkedHashMap<>();
        at.put("alpha", Attribute.of(alpha));
        at.put("transA", Attribute.of(tp));
        at.put("transB", Attribute.of(tq));
        return ctx.op("Gemm", node, suffix, at, p, q);
    }
}
