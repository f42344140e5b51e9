package org.lossbench.models.arch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Initializer;
import org.lossbench.core.graph.OnnxSerializer;
import org.lossbench.models.arch.NaiveOps.T;

/**
 * The ONNX Runtime output of small V-Nets equals a plain-loop Java forward pass written from the
 * architecture's description (convolution, PReLU, transposed convolution, residual adds,
 * concatenation, instance normalisation), with random weights, biases and slopes.
 */
class VNetReferenceTest {

    private static void randomise(Graph g, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (Initializer init : g.parameters()) {
            float[] v = init.tensor().floatData();
            for (int i = 0; i < v.length; i++) {
                v[i] = init.name().endsWith("slope") || init.name().endsWith("scale")
                        ? (float) r.nextDouble(0.05, 1.0) : (float) (v[i] + r.nextDouble(-0.1, 0.1));
            }
        }
    }

    private static float[] p(Graph g, String name) {
        Initializer i = g.initializer(name);
        if (i == null) {
            throw new AssertionError("no parameter " + name + " in " + g.parameters().stream().map(Initializer::name).toList());
        }
        return i.tensor().floatData();
    }

    private static float[] ort(Graph g, T x) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
             OrtSession s = env.createSession(OnnxSerializer.toBytes(g, "test"), o);
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.v()), new long[] {1, x.c(), x.d(), x.h(), x.w()});
             OrtSession.Result r = s.run(Map.of("image", in))) {
            FloatBuffer fb = ((OnnxTensor) r.get("logits").orElseThrow()).getFloatBuffer();
            float[] v = new float[fb.remaining()];
            fb.get(v);
            return v;
        }
    }

    private static T randomInput(int c, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        T x = new T(c, n, n, n);
        for (int i = 0; i < x.v().length; i++) {
            x.v()[i] = (float) r.nextDouble(-1, 1);
        }
        return x;
    }

    /** conv(+norm) -> ... residual stage exactly as the V-Net description: PReLU between convs, add, PReLU. */
    private static T stage(Graph g, String scope, T in, T shortcut, int channels, int n, int k, boolean norm) {
        T h = in;
        for (int c = 0; c < n; c++) {
            h = NaiveOps.conv(h, p(g, scope + "/conv" + c + "/weight"), p(g, scope + "/conv" + c + "/bias"), channels, k, 1, k / 2);
            if (norm) {
                h = NaiveOps.instanceNorm(h, p(g, scope + "/conv" + c + "/norm.scale"), p(g, scope + "/conv" + c + "/norm.bias"), 1e-5);
            }
            if (c < n - 1) {
                h = NaiveOps.prelu(h, p(g, scope + "/act" + c + ".slope"));
            }
        }
        return NaiveOps.prelu(NaiveOps.add(h, shortcut), p(g, scope + "/act.slope"));
    }

    @Test
    void vnetMatchesNaiveJavaForward() throws Exception {
        // 2 input channels and width 3: the first shortcut repeats channels 0,1,0.
        VNetConfig cfg = new VNetConfig(2, 3, 3, new int[] {1, 2, 2}, new int[] {2, 1}, 3, Normalization.NONE, 7);
        Graph g = VNetBuilder.build(cfg);
        randomise(g, 11);
        T x = randomInput(2, 8, 5);

        List<T> skips = new ArrayList<>();
        T h = stage(g, "enc0", x, NaiveOps.repeatChannels(x, 3), 3, 1, 3, false);
        skips.add(h);
        for (int s = 1; s <= 2; s++) {
            int c = 3 << s;
            T d = NaiveOps.prelu(NaiveOps.conv(h, p(g, "enc" + s + "/down/weight"), p(g, "enc" + s + "/down/bias"), c, 2, 2, 0),
                    p(g, "enc" + s + "/down.act.slope"));
            h = stage(g, "enc" + s, d, d, c, cfg.encoderConvs()[s], 3, false);
            if (s < 2) {
                skips.add(h);
            }
        }
        for (int j = 0; j < 2; j++) {
            int i = 1 - j;
            int c = 3 << i;
            T u = NaiveOps.prelu(NaiveOps.up2(h, p(g, "dec" + i + "/up/weight"), p(g, "dec" + i + "/up/bias"), c),
                    p(g, "dec" + i + "/up.act.slope"));
            T cat = NaiveOps.concat(u, skips.get(i));
            h = stage(g, "dec" + i, cat, cat, 2 * c, cfg.decoderConvs()[j], 3, false);
        }
        T expected = NaiveOps.conv(h, p(g, "head/weight"), p(g, "head/bias"), 3, 1, 1, 0);

        float[] actual = ort(g, x);
        assertEquals(expected.v().length, actual.length);
        assertArrayEquals(expected.v(), actual, 1e-4f);
        assertTrue(maxAbs(expected.v()) > 0.1, "the test must not compare near-zero outputs");
    }

    @Test
    void vnetLiteWithInstanceNormMatchesNaiveJavaForward() throws Exception {
        VNetLiteConfig cfg = new VNetLiteConfig(1, 2, 2, new int[] {2, 2, 1}, 3, Normalization.INSTANCE, 3);
        Graph g = VNetLiteBuilder.build(cfg);
        randomise(g, 13);
        T x = randomInput(1, 8, 9);

        List<T> skips = new ArrayList<>();
        T h = stage(g, "enc0", x, NaiveOps.repeatChannels(x, 2), 2, 2, 3, true);
        skips.add(h);
        for (int s = 1; s <= 2; s++) {
            int c = 2 << s;
            T d = NaiveOps.conv(h, p(g, "enc" + s + "/down/weight"), p(g, "enc" + s + "/down/bias"), c, 2, 2, 0);
            d = NaiveOps.instanceNorm(d, p(g, "enc" + s + "/down/norm.scale"), p(g, "enc" + s + "/down/norm.bias"), 1e-5);
            d = NaiveOps.prelu(d, p(g, "enc" + s + "/down.act.slope"));
            h = stage(g, "enc" + s, d, d, c, cfg.encoderConvs()[s], 3, true);
            if (s < 2) {
                skips.add(h);
            }
        }
        for (int i = 1; i >= 0; i--) {
            int c = 2 << i;
            String sc = "dec" + i;
            T u = NaiveOps.up2(h, p(g, sc + "/up/weight"), p(g, sc + "/up/bias"), c);
            u = NaiveOps.instanceNorm(u, p(g, sc + "/up/norm.scale"), p(g, sc + "/up/norm.bias"), 1e-5);
            u = NaiveOps.prelu(u, p(g, sc + "/up.act.slope"));
            T cat = NaiveOps.concat(u, skips.get(i));
            T conv = NaiveOps.conv(cat, p(g, sc + "/conv0/weight"), p(g, sc + "/conv0/bias"), c, 3, 1, 1);
            conv = NaiveOps.instanceNorm(conv, p(g, sc + "/conv0/norm.scale"), p(g, sc + "/conv0/norm.bias"), 1e-5);
            h = NaiveOps.prelu(NaiveOps.add(conv, u), p(g, sc + "/act.slope"));
        }
        T expected = NaiveOps.conv(h, p(g, "head/weight"), p(g, "head/bias"), 2, 1, 1, 0);
        float[] actual = ort(g, x);
        assertArrayEquals(expected.v(), actual, 1e-4f);
        assertTrue(maxAbs(expected.v()) > 0.1);
    }

    private static float maxAbs(float[] v) {
        float m = 0;
        for (float f : v) {
            m = Math.max(m, Math.abs(f));
        }
        return m;
    }
}
