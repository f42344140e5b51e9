package org.lossbench.core.graph.grad;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.lossbench.core.graph.ConvSpec;
import org.lossbench.core.graph.Value;

/**
 * Random convolution geometries (spatial rank 1 to 3, strides 1 to 3, dilations 1 to 2, kernels 1 to 3,
 * asymmetric pads, groups 1 to 3, output_padding for the transposed form), each checked against
 * central differences: the claim that every geometry is supported, beyond the hand-picked cases of
 * {@link ConvGradTest}. A convolution is linear, so the differences are exact up to float rounding.
 */
class ConvGradProperties {

    @Property(tries = 25)
    void convGradientsMatchFiniteDifferences(@ForAll long seed) throws Exception {
        check(seed, false);
    }

    @Property(tries = 15)
    void convTransposeGradientsMatchFiniteDifferences(@ForAll long seed) throws Exception {
        check(seed, true);
    }

    private static void check(long seed, boolean transposed) throws Exception {
        Random r = new Random(seed);
        int n = 1 + r.nextInt(r.nextInt(4) == 0 ? 3 : 2);
        long group = 1 + r.nextInt(3);
        long cin = group * (1 + r.nextInt(2));
        long cout = group * (1 + r.nextInt(2));
        long[] strides = new long[n];
        long[] dilations = new long[n];
        long[] kernel = new long[n];
        long[] pads = new long[2 * n];
        long[] outPad = new long[n];
        long[] in = new long[n];
        for (int i = 0; i < n; i++) {
            strides[i] = 1 + r.nextInt(3);
            dilations[i] = 1 + r.nextInt(2);
            kernel[i] = 1 + r.nextInt(3);
            long span = dilations[i] * (kernel[i] - 1);
            pads[i] = span == 0 ? 0 : r.nextInt((int) span + 1);
            pads[n + i] = span == 0 ? 0 : r.nextInt((int) span + 1);
            if (transposed) {
                outPad[i] = r.nextInt((int) strides[i]);
                in[i] = 1 + r.nextInt(4);
                // keep the transposed output non-empty
                while (strides[i] * (in[i] - 1) + outPad[i] + span + 1 - pads[i] - pads[n + i] < 1) {
                    in[i]++;
                }
            } else {
                in[i] = Math.max(1, span + 1 - pads[i] - pads[n + i]) + r.nextInt(5);
            }
        }
        long[] x = concat(new long[] {1 + r.nextInt(2), transposed ? cout : cin}, in);
        long[] w = concat(new long[] {cout, cin / group}, kernel);
        long bias = transposed ? cin : cout;
        ConvSpec spec = new ConvSpec(strides, pads, dilations, group, outPad);
        String geometry = (transposed ? "ConvTranspose" : "Conv") + " x " + Arrays.toString(x) + " w " + Arrays.toString(w)
                + " strides " + Arrays.toString(strides) + " pads " + Arrays.toString(pads) + " dilations "
                + Arrays.toString(dilations) + " group " + group + " output_padding " + Arrays.toString(outPad);
        GradCheck c = new GradCheck(seed);
        c.samples = 4;
        Value vx = c.input("x", c.uniform(x), x);
        Value vw = c.input("w", c.uniform(w), w);
        Value vb = c.input("b", c.uniform(bias), bias);
        try {
            Value y = transposed ? c.g.convTranspose("y", vx, vw, vb, spec) : c.g.conv("y", vx, vw, vb, spec);
            c.check(y, vx, vw, vb);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(geometry + ": " + e.getMessage(), e);
        }
    }

    private static long[] concat(long[] a, long[] b) {
        long[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
