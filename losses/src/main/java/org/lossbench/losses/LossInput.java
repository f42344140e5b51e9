package org.lossbench.losses;

import java.util.Arrays;
import org.lossbench.core.BadInputException;

/**
 * The inputs of every loss, checked: logits float32 {@code [N, K, D, H, W]} (C order) and integer
 * labels {@code [N, D, H, W]} in {@code [0, K)}. The reference forms read the probabilities from
 * {@link #logSoftmax()}, computed once in double precision with the log-sum-exp shift, so that logits
 * of any finite size give finite values.
 */
public final class LossInput {
    private final int n;
    private final int k;
    private final int[] spatial;
    private final int voxels;
    private final float[] logits;
    private final int[] labels;
    private double[] logSoftmax;

    private LossInput(int[] shape, float[] logits, int[] labels) {
        this.n = shape[0];
        this.k = shape[1];
        this.spatial = Arrays.copyOfRange(shape, 2, 5);
        this.voxels = spatial[0] * spatial[1] * spatial[2];
        this.logits = logits;
        this.labels = labels;
    }

    /**
     * Checks and wraps the tensors (not copied). {@code source} names them in messages (file names, a case id).
     *
     * @throws BadInputException when the shapes disagree, a label lies outside {@code [0, K)}, a logit is
     *         NaN or infinite, or K is below 2
     */
    public static LossInput of(int[] logitsShape, float[] logits, int[] labels, String source) {
        if (logitsShape.length != 5) {
            throw new BadInputException(source + ": logits must have shape [N, K, D, H, W], got rank " + logitsShape.length
                    + " " + Arrays.toString(logitsShape));
        }
        long count = 1;
        for (int s : logitsShape) {
            if (s <= 0) {
                throw new BadInputException(source + ": logits shape " + Arrays.toString(logitsShape) + " has an empty dimension");
            }
            count *= s;
        }
        if (logitsShape[1] < 2) {
            throw new BadInputException(source + ": logits have K = " + logitsShape[1]
                    + " class; the losses need K >= 2 with background as class 0 (write a binary problem as two channels)");
        }
        if (count != logits.length) {
            throw new BadInputException(source + ": logits shape " + Arrays.toString(logitsShape) + " needs " + count
                    + " values, got " + logits.length);
        }
        long labelCount = count / logitsShape[1];
        if (labels.length != labelCount) {
            throw new BadInputException(source + ": labels have " + labels.length + " voxels but logits "
                    + Arrays.toString(logitsShape) + " need [N, D, H, W] = " + labelCount
                    + "; labels and logits must cover the same batch and grid");
        }
        for (int i = 0; i < logits.length; i++) {
            if (!Float.isFinite(logits[i])) {
                throw new BadInputException(source + ": logit " + i + " (flat index in [N, K, D, H, W]) is " + logits[i]
                        + "; the losses need finite logits (check the model output for NaN or overflow)");
            }
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= logitsShape[1]) {
                throw new BadInputException(source + ": label " + labels[i] + " at voxel " + i
                        + " (flat index in [N, D, H, W]) is outside [0, " + logitsShape[1] + "), the classes of the logits");
            }
        }
        return new LossInput(logitsShape.clone(), logits, labels);
    }

    /** Batch size N. */
    public int n() {
        return n;
    }

    /** Number of classes K, background (class 0) included. */
    public int k() {
        return k;
    }

    /** Voxels per sample, {@code D * H * W}. */
    public int voxels() {
        return voxels;
    }

    /** {@code [N, K, D, H, W]}. */
    public int[] shape() {
        return new int[] {n, k, spatial[0], spatial[1], spatial[2]};
    }

    /** The logits (not a copy). */
    public float[] logits() {
        return logits;
    }

    /** The labels (not a copy). */
    public int[] labels() {
        return labels;
    }

    /** The label of voxel {@code v} of sample {@code b}. */
    public int label(int b, int v) {
        return labels[b * voxels + v];
    }

    /** Flat index of (sample b, class c, voxel v) in the {@code [N, K, D*H*W]} layout. */
    public int index(int b, int c, int v) {
        return (b * k + c) * voxels + v;
    }

    /** The labels widened to int64, as the graph input {@code labels} takes them. */
    public long[] labelsAsLong() {
        long[] out = new long[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i];
        }
        return out;
    }

    /**
     * {@code log softmax} over the class axis in double precision, accurate also for probabilities near 1:
     * {@code log p_c = (z_c - m) - log1p(sum_{j != a} exp(z_j - m))} with {@code m = z_a = max_j z_j}, so that
     * {@code -log p} of a confidently right voxel keeps its tiny value instead of rounding to 0.
     */
    public synchronized double[] logSoftmax() {
        if (logSoftmax == null) {
            double[] out = new double[logits.length];
            for (int b = 0; b < n; b++) {
                for (int v = 0; v < voxels; v++) {
                    int argmax = 0;
                    for (int c = 1; c < k; c++) {
                        if (logits[index(b, c, v)] > logits[index(b, argmax, v)]) {
                            argmax = c;
                        }
                    }
                    double m = logits[index(b, argmax, v)];
                    double s = 0;
                    for (int c = 0; c < k; c++) {
                        if (c != argmax) {
                            s += Math.exp(logits[index(b, c, v)] - m);
                        }
                    }
                    double log1pS = Math.log1p(s);
                    for (int c = 0; c < k; c++) {
                        // (z_c - m) first: exactly 0 for the winner, whose log p = -log1p(s) stays precise
                        out[index(b, c, v)] = (logits[index(b, c, v)] - m) - log1pS;
                    }
                }
            }
            logSoftmax = out;
        }
        return logSoftmax;
    }

    /** {@code -log p_l} at (b, v) for its label l, the per-voxel cross-entropy. */
    public double nll(int b, int v) {
        return -logSoftmax()[index(b, label(b, v), v)];
    }

    /**
     * {@code 1 - p_l} at (b, v) for its label l, computed as {@code sum_{j != l} p_j}, which keeps its
     * relative precision when {@code p_l} is close to 1.
     */
    public double labelComplement(int b, int v) {
        int l = label(b, v);
        double s = 0;
        for (int c = 0; c < k; c++) {
            if (c != l) {
                s += prob(b, c, v);
            }
        }
        return s;
    }

    /** Softmax probability of class {@code c} at (b, v). */
    public double prob(int b, int c, int v) {
        return Math.exp(logSoftmax()[index(b, c, v)]);
    }

    /** Voxel count of each class over the whole batch. */
    public long[] classCounts() {
        long[] counts = new long[k];
        for (int l : labels) {
            counts[l]++;
        }
        return counts;
    }
}
