package org.lossbench.losses;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Analytic sanity of the reference forms until gradients exist (issue 7): every loss is (nearly) 0 for a
 * perfect one-hot prediction, and decreases strictly as the prediction moves towards the labels along
 * {@code logits = t * onehot(labels) + noise}, t = 0, 0.5, ..., 8.
 */
class AnalyticSanityTest {
    private static final int N = 2;
    private static final int K = 3;
    private static final int V = 12;

    /** Labels of the two samples: every class present in sample 0, class 2 absent from sample 1. */
    private static int[] labels() {
        int[] y = new int[N * V];
        for (int v = 0; v < V; v++) {
            y[v] = v % K;
            y[V + v] = v < 4 ? 1 : 0;
        }
        return y;
    }

    /** {@code t} on the labelled channel plus a fixed small perturbation, 0 elsewhere. */
    private static LossInput towardsLabels(double t) {
        int[] y = labels();
        float[] z = new float[N * K * V];
        for (int b = 0; b < N; b++) {
            for (int c = 0; c < K; c++) {
                for (int v = 0; v < V; v++) {
                    double noise = 0.3 * Math.sin(1.7 * (b * K * V + c * V + v));
                    z[(b * K + c) * V + v] = (float) ((y[b * V + v] == c ? t : 0) + noise);
                }
            }
        }
        return LossInput.of(new int[] {N, K, 1, 1, V}, z, y, "t=" + t);
    }

    /** Logits +80 on the label and -80 elsewhere: the softmax is one-hot to within exp(-160). */
    private static LossInput perfect() {
        int[] y = labels();
        float[] z = new float[N * K * V];
        for (int b = 0; b < N; b++) {
            for (int c = 0; c < K; c++) {
                for (int v = 0; v < V; v++) {
                    z[(b * K + c) * V + v] = y[b * V + v] == c ? 80f : -80f;
                }
            }
        }
        return LossInput.of(new int[] {N, K, 1, 1, V}, z, y, "perfect");
    }

    @ParameterizedTest
    @EnumSource(LossKind.class)
    void zeroForAPerfectPrediction(LossKind kind) {
        double v = kind.withDefaults().reference(perfect());
        // exp-log: two clamped 0.3-powers, each at most 1e-30^0.3 = 1e-9; the others are exactly or nearly 0
        assertTrue(v >= 0 && v < 2e-9, kind + " of a perfect prediction is " + v);
    }

    @ParameterizedTest
    @EnumSource(LossKind.class)
    void decreasesAsThePredictionImproves(LossKind kind) {
        Loss loss = kind.withDefaults();
        double previous = Double.POSITIVE_INFINITY;
        for (double t = 0; t <= 8; t += 0.5) {
            double v = loss.reference(towardsLabels(t));
            assertTrue(v < previous, kind + " does not decrease at t = " + t + ": " + previous + " -> " + v);
            previous = v;
        }
    }
}
