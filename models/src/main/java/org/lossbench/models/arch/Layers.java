package org.lossbench.models.arch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.lossbench.core.graph.ConvSpec;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Tensor;
import org.lossbench.core.graph.Value;

/**
 * The layers the V-Net family is made of, with seeded initialisation.
 *
 * <p>Initialisation (He et al. 2015, "Delving deep into rectifiers"): weights are drawn from
 * {@code N(0, 2 / fan_in)} where {@code fan_in} is the number of inputs one output sums:
 * {@code C_in * k^3} for a convolution and {@code C_in * prod(k_i / s_i)} for a transposed
 * convolution (= {@code C_in} for the V-Net's 2x2x2 stride-2 up-sampling). Biases start at 0,
 * PReLU slopes at 0.25 (He et al. 2015, also the PyTorch and Caffe default), normalisation scales
 * at 1 and shifts at 0. The k-th randomly initialised tensor draws from a {@link SplittableRandom}
 * seeded with {@code seed + k * golden-ratio constant}, so the same seed always gives the same
 * weights, bit for bit, on every machine.
 */
@SuppressWarnings("try") // naming scopes are opened and closed, never referenced
final class Layers {
    static final float PRELU_INIT = 0.25f;

    private final Graph g;
    private final long seed;
    private final Normalization norm;
    private long randomTensors;

    Layers(Graph g, long seed, Normalization norm) {
        this.g = g;
        this.seed = seed;
        this.norm = norm;
    }

    Graph graph() {
        return g;
    }

    /** A {@code k^3} convolution with size-preserving padding, followed by normalisation when configured. */
    Value conv(String name, Value x, int outChannels, int kernel) {
        try (Graph.Scope s = g.scope(name)) {
            int in = (int) x.shape().dim(1);
            Value w = g.parameter("weight", he(new long[] {outChannels, in, kernel, kernel, kernel}, (long) in * kernel * kernel * kernel));
            Value b = g.parameter("bias", Tensor.floats(new long[] {outChannels}, new float[outChannels]));
            Value y = g.conv("conv", x, w, b, ConvSpec.same(3, kernel));
            return normalise(y);
        }
    }

    /** A {@code 1x1x1} convolution (classification head), never normalised. */
    Value head(String name, Value x, int outChannels) {
        try (Graph.Scope s = g.scope(name)) {
            int in = (int) x.shape().dim(1);
            Value w = g.parameter("weight", he(new long[] {outChannels, in, 1, 1, 1}, in));
            Value b = g.parameter("bias", Tensor.floats(new long[] {outChannels}, new float[outChannels]));
            return g.conv("conv", x, w, b, ConvSpec.same(3, 1));
        }
    }

    /** A {@code 2x2x2} stride-2 convolution (V-Net's learnt down-sampling), normalised when configured. */
    Value down(String name, Value x, int outChannels) {
        try (Graph.Scope s = g.scope(name)) {
            int in = (int) x.shape().dim(1);
            Value w = g.parameter("weight", he(new long[] {outChannels, in, 2, 2, 2}, (long) in * 8));
            Value b = g.parameter("bias", Tensor.floats(new long[] {outChannels}, new float[outChannels]));
            return normalise(g.conv("conv", x, w, b, ConvSpec.strided(3, 2)));
        }
    }

    /** A {@code 2x2x2} stride-2 transposed convolution (up-sampling), normalised when configured. */
    Value up(String name, Value x, int outChannels) {
        try (Graph.Scope s = g.scope(name)) {
            int in = (int) x.shape().dim(1);
            Value w = g.parameter("weight", he(new long[] {in, outChannels, 2, 2, 2}, in));
            Value b = g.parameter("bias", Tensor.floats(new long[] {outChannels}, new float[outChannels]));
            return normalise(g.convTranspose("convT", x, w, b, ConvSpec.strided(3, 2)));
        }
    }

    /** PReLU with one learnt slope per channel (shape {@code [C,1,1,1]}, broadcast over NCDHW). */
    Value prelu(String name, Value x) {
        int c = (int) x.shape().dim(1);
        float[] a = new float[c];
        Arrays.fill(a, PRELU_INIT);
        Value slope = g.parameter(name + ".slope", Tensor.floats(new long[] {c, 1, 1, 1}, a));
        return g.prelu(name, x, slope);
    }

    /**
     * {@code x} with its channels repeated cyclically up to {@code channels} (Concat of copies, then
     * a Slice when {@code channels} is not a multiple): the V-Net's first residual connection, which
     * in the authors' prototxt splits the one-channel input into 16 copies.
     */
    Value repeatChannels(String name, Value x, int channels) {
        int in = (int) x.shape().dim(1);
        if (in == channels) {
            return x;
        }
        int copies = (channels + in - 1) / in;
        List<Value> parts = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            parts.add(x);
        }
        Value cat = g.concat(name, 1, parts);
        return copies * in == channels ? cat : g.slice(name + ".crop", cat, new long[] {0}, new long[] {channels}, new long[] {1});
    }

    private Value normalise(Value y) {
        if (norm == Normalization.NONE) {
            return y;
        }
        int c = (int) y.shape().dim(1);
        float[] ones = new float[c];
        Arrays.fill(ones, 1f);
        Value scale = g.parameter("norm.scale", Tensor.floats(new long[] {c}, ones));
        Value shift = g.parameter("norm.bias", Tensor.floats(new long[] {c}, new float[c]));
        return g.instanceNorm("norm", y, scale, shift, 1e-5f);
    }

    private Tensor he(long[] dims, long fanIn) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        SplittableRandom rnd = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * ++randomTensors);
        double std = Math.sqrt(2.0 / fanIn);
        float[] w = new float[(int) n];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rnd.nextGaussian() * std);
        }
        return Tensor.floats(dims, w);
    }
}
