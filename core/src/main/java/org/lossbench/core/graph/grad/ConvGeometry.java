package org.lossbench.core.graph.grad;

import java.util.Arrays;
import org.lossbench.core.graph.Attribute;
import org.lossbench.core.graph.ConvSpec;
import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.Value;

/**
 * The geometry of a forward Conv or ConvTranspose node read from its attributes (ONNX defaults where
 * absent): kernel (from the weight), strides, pads {@code [begin..., end...]}, dilations, group,
 * output_padding. {@code auto_pad} other than {@code NOTSET} and ConvTranspose's {@code output_shape}
 * are refused; the graph builder never writes them.
 */
record ConvGeometry(long[] kernel, long[] strides, long[] pads, long[] dilations, long group, long[] outputPadding) {

    static ConvGeometry of(Node node, Value weight) {
        if (node.attributes().get("auto_pad") instanceof Attribute.Str s && !s.value().equals("NOTSET")) {
            throw new GradientException(node.opType() + " node '" + node.name() + "': auto_pad " + s.value()
                    + " is not supported by the gradient; give explicit pads");
        }
        if (node.attributes().containsKey("output_shape")) {
            throw new GradientException(node.opType() + " node '" + node.name()
                    + "': output_shape is not supported by the gradient; give pads and output_padding");
        }
        int n = weight.rank() - 2;
        long[] kernel = Arrays.copyOfRange(weight.shape().dims(), 2, weight.rank());
        for (long k : kernel) {
            if (k < 1) {
                throw GradContext.symbolic(weight, node);
            }
        }
        return new ConvGeometry(kernel, orDefault(node.intsAttr("strides"), n, 1), orDefault(node.intsAttr("pads"), 2 * n, 0),
                orDefault(node.intsAttr("dilations"), n, 1), node.intAttr("group", 1), orDefault(node.intsAttr("output_padding"), n, 0));
    }

    int spatialRank() {
        return kernel.length;
    }

    /** Begin padding of spatial axis {@code i}. */
    long padBegin(int i) {
        return pads[i];
    }

    /** End padding of spatial axis {@code i}. */
    long padEnd(int i) {
        return pads[kernel.length + i];
    }

    /** Extent of the dilated kernel minus one, {@code d (k - 1)}, along spatial axis {@code i}. */
    long span(int i) {
        return dilations[i] * (kernel[i] - 1);
    }

    boolean unitStrides() {
        return Arrays.stream(strides).allMatch(s -> s == 1);
    }

    ConvSpec spec() {
        return new ConvSpec(strides, pads, dilations, group, outputPadding);
    }

    private static long[] orDefault(long[] v, int n, long fallback) {
        if (v != null) {
            return v;
        }
        long[] d = new long[n];
        Arrays.fill(d, fallback);
        return d;
    }
}
