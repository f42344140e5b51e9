package org.lossbench.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.engine.Device;
import org.lossbench.core.engine.EngineSession;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.engine.Sessions;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.OnnxSerializer;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Value;

/** The in-graph updates against the optimisers' formulas evaluated by hand, in double precision, over three steps. */
class OptimizerTest {
    private static final float[] P0 = {0.5f, -1.25f, 2f};
    private static final float[][] G = {{0.1f, -0.2f, 0.3f}, {-0.05f, 0.4f, 0.0f}, {1.0f, 1.0f, -1.0f}};

    @Test
    void sgdMomentumAndWeightDecayFollowPyTorchsRecurrence() throws Exception {
        Sgd sgd = new Sgd(0.9, 0.01);
        double lr = 0.1;
        double[] p = toDouble(P0);
        double[] v = new double[3];
        float[][] got = runSteps(sgd, lr);
        for (int t = 0; t < G.length; t++) {
            for (int i = 0; i < 3; i++) {
                double d = G[t][i] + 0.01 * p[i];
                v[i] = 0.9 * v[i] + d;
                p[i] -= lr * v[i];
                assertEquals(p[i], got[t][i], 1e-6, "step " + (t + 1) + " element " + i);
            }
        }
        // step 1 by hand: p0 = 0.5, g = 0.1: d = 0.1 + 0.005 = 0.105, v = 0.105, p = 0.5 - 0.0105 = 0.4895
        assertEquals(0.4895, got[0][0], 1e-6);
    }

    @Test
    void adamWithBiasCorrectionFollowsKingmaAndBa() throws Exception {
        Adam adam = new Adam(0.9, 0.999, 1e-8, 0);
        double lr = 0.01;
        double[] p = toDouble(P0);
        double[] m = new double[3];
        double[] v = new double[3];
        float[][] got = runSteps(adam, lr);
        for (int t = 0; t < G.length; t++) {
            for (int i = 0; i < 3; i++) {
                double d = G[t][i];
                m[i] = 0.9 * m[i] + 0.1 * d;
                v[i] = 0.999 * v[i] + 0.001 * d * d;
                double mh = m[i] / (1 - Math.pow(0.9, t + 1));
                double vh = v[i] / (1 - Math.pow(0.999, t + 1));
                p[i] -= lr * mh / (Math.sqrt(vh) + 1e-8);
                assertEquals(p[i], got[t][i], 2e-6, "step " + (t + 1) + " element " + i);
            }
        }
        // Adam's first step moves every coordinate with a non-zero gradient by lr * sign(g) (up to eps)
        assertEquals(0.5 - 0.01, got[0][0], 1e-6);
        assertEquals(-1.25 + 0.01, got[0][1], 1e-6);
    }

    @Test
    void specsParseWithDefaultsAndRejectUnknownParameters() {
        assertEquals(new Sgd(0.99, 0), Optimizer.parse("sgd"));
        assertEquals(new Adam(0.9, 0.999, 1e-8, 0), Optimizer.parse("adam"));
        assertEquals(new Adam(0.9, 0.99, 1e-8, 1e-5), Optimizer.parse("adam:beta2=0.99,weight_decay=1e-5"));
        for (Optimizer o : new Optimizer[] {new Sgd(0.9, 1e-4), new Adam(0.8, 0.99, 1e-6, 0.5)}) {
            assertEquals(o, Optimizer.parse(o.spec()), o.spec());
        }
        LossbenchException e = assertThrows(LossbenchException.class, () -> Optimizer.parse("sgd:nesterov=1"));
        assertEquals(2, e.exitCode().code());
        assertThrows(LossbenchException.class, () -> Optimizer.parse("rmsprop"));
    }

    /** p' for each of three steps, with the state carried between runs. The gradient is a graph input. */
    private static float[][] runSteps(Optimizer opt, double lr) throws Exception {
        Graph g = new Graph("opt");
        Value p = g.input("p", DType.FLOAT, Shape.of(3));
        Value grad = g.input("g", DType.FLOAT, Shape.of(3));
        Value lrIn = g.input("lr", DType.FLOAT, Shape.scalar());
        Value step = g.input("step", DType.FLOAT, Shape.scalar());
        Map<String, Value> state = new LinkedHashMap<>();
        for (String s : opt.slots()) {
            state.put(s, g.input("s_" + s, DType.FLOAT, Shape.of(3)));
        }
        Map<String, String> names = new LinkedHashMap<>();
        names.put("", "p_new");
        for (String s : opt.slots()) {
            names.put(s, "s_new_" + s);
        }
        Map<String, Value> out = opt.update(g, p, grad, state, lrIn, step, names);
        for (Map.Entry<String, String> e : names.entrySet()) {
            assertEquals(e.getValue(), out.get(e.getKey()).name(), "the update's results carry the names asked for");
            g.output(out.get(e.getKey()));
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[][] result = new float[G.length][];
        try (EngineSession es = Sessions.open(OnnxSerializer.toBytes(g, "test"), "opt", SessionConfig.defaults(Device.CPU).withThreads(1))) {
            float[] cur = P0.clone();
            Map<String, float[]> st = new HashMap<>();
            for (String s : opt.slots()) {
                st.put(s, new float[3]);
            }
            for (int t = 0; t < G.length; t++) {
                Map<String, OnnxTensor> in = new HashMap<>();
                in.put("p", OnnxTensor.createTensor(env, FloatBuffer.wrap(cur), new long[] {3}));
                in.put("g", OnnxTensor.createTensor(env, FloatBuffer.wrap(G[t]), new long[] {3}));
                in.put("lr", OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {(float) lr}), new long[0]));
                in.put("step", OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {t + 1}), new long[0]));
                for (String s : opt.slots()) {
                    in.put("s_" + s, OnnxTensor.createTensor(env, FloatBuffer.wrap(st.get(s)), new long[] {3}));
                }
                try (OrtSession.Result r = es.session().run(in)) {
                    cur = ((float[]) ((OnnxTensor) r.get("p_new").get()).getValue()).clone();
                    for (String s : opt.slots()) {
                        st.put(s, ((float[]) ((OnnxTensor) r.get("s_new_" + s).get()).getValue()).clone());
                    }
                }
                in.values().forEach(OnnxTensor::close);
                result[t] = cur;
            }
        }
        return result;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

}
