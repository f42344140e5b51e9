package org.lossbench.core.graph.grad;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossbench.core.graph.Attribute;
import org.lossbench.core.graph.Value;

/** MatMul (batched, broadcast), Gemm (every transA/transB, alpha, beta, broadcast C) and InstanceNormalization against central differences. */
class MatMulGradTest {

    @Test
    void batchedMatMulWithBroadcastBatch() throws Exception {
        GradCheck c = new GradCheck(40);
        Value a = c.input("a", c.uniform(2, 3, 4), 2, 3, 4);
        Value b = c.input("b", c.uniform(4, 5), 4, 5);
        c.check(c.g.op("MatMul", "y", List.of(a, b), Map.of()), a, b);
    }

    @Test
    void gemmAllTranspositions() throws Exception {
        for (int ta = 0; ta <= 1; ta++) {
            for (int tb = 0; tb <= 1; tb++) {
                GradCheck c = new GradCheck(41 + 2 * ta + tb);
                Value a = ta == 0 ? c.input("a", c.uniform(3, 4), 3, 4) : c.input("a", c.uniform(4, 3), 4, 3);
                Value b = tb == 0 ? c.input("b", c.uniform(4, 5), 4, 5) : c.input("b", c.uniform(5, 4), 5, 4);
                Value bias = c.input("c", c.uniform(5), 5);
                Map<String, Attribute> at = new LinkedHashMap<>();
                at.put("transA", Attribute.of(ta));
                at.put("transB", Attribute.of(tb));
                at.put("alpha", Attribute.of(0.7f));
                at.put("beta", Attribute.of(1.3f));
                c.check(c.g.op("Gemm", "y", List.of(a, b, bias), at), a, b, bias);
            }
        }
    }

    /** 3D instance normalisation (as the V-Net builders use it): gradients of x, scale and bias. */
    @Test
    void instanceNormalization() throws Exception {
        GradCheck c = new GradCheck(45);
        c.samples = 16;
        Value x = c.input("x", c.range(-2, 2, 2, 3, 2, 3, 4), 2, 3, 2, 3, 4);
        Value scale = c.input("scale", c.range(0.5, 1.5, 3), 3);
        Value bias = c.input("bias", c.uniform(3), 3);
        c.check(c.g.instanceNorm("y", x, scale, bias, 1e-5f), x, scale, bias);
    }
}
