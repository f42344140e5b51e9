package org.lossbench.models.train;

import java.util.List;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.engine.EngineSession;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.engine.Sessions;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.datasets.loader.LoadedCase;
import org.lossbench.models.arch.TrainedModel;
import org.lossbench.models.infer.ModelContract;
import org.lossbench.models.infer.Segmentation;
import org.lossbench.models.infer.SlidingWindowConfig;
import org.lossbench.models.infer.SlidingWindowInferer;

/**
 * Validation during training: the current parameters are put into the inference graph
 * ({@link TrainedModel}), each validation case is segmented by sliding-window inference (window =
 * the training patch, overlap 0.5, Gaussian blending) and scored with per-class Dice
 * {@code 2|P ∩ G| / (|P| + |G|)} for the foreground classes {@code 1..K-1}, averaged over the cases, and
 * the binary foreground Dice (every class {@code > 0} merged against the background).
 *
 * <p>Empty classes follow MONAI's {@code DiceMetric(ignore_empty=True)}, the project's default
 * (docs/metrics.md): a case whose reference lacks the class does not count towards that class's mean;
 * a class absent from every validation case gets NaN. The models module may not depend on
 * {@code eval} (docs/design.md), so these few lines are repeated here; {@code lossbench evaluate} remains
 * the full evaluator.
 */
public final class Validator {
    private final Graph inference;
    private final List<LoadedCase> cases;
    private final int[] roi;
    private final SessionConfig sessionConfig;
    private final int classes;

    public Validator(Graph inference, List<LoadedCase> cases, int[] roi, int classes, SessionConfig sessionConfig) {
        this.inference = inference;
        this.cases = List.copyOf(cases);
        this.roi = roi.clone();
        this.classes = classes;
        this.sessionConfig = sessionConfig;
    }

    public boolean isEmpty() {
        return cases.isEmpty();
    }

    /**
     * Validation scores, means over the cases.
     *
     * @param perClass Dice of classes {@code 1..K-1} (index {@code c - 1})
     * @param foreground Dice of the merged foreground ({@code label > 0})
     */
    public record Scores(double[] perClass, double foreground) {
    }

    /** The scores of the model with the given parameter values. */
    public Scores dice(List<String> names, List<float[]> values) {
        byte[] model = TrainedModel.withParameters(inference, "lossbench-train", names, values).toByteArray();
        double[] sum = new double[classes - 1];
        int[] counted = new int[classes - 1];
        double fgSum = 0;
        int fgCounted = 0;
        try (EngineSession s = Sessions.open(model, "validation model", sessionConfig);
             SlidingWindowInferer inferer = new SlidingWindowInferer(s, ModelContract.check(s.session(), "validation model"),
                     SlidingWindowConfig.defaults(roi))) {
            for (LoadedCase c : cases) {
                Segmentation seg;
                try {
                    seg = inferer.infer(c.image(), c.id());
                } catch (BadInputException e) {
                    // the data was checked when loaded and the model is the one being trained: it has gone bad
                    throw new LossbenchException(ExitCode.INTERNAL, "training diverged: validation failed: " + e.getMessage()
                            + "; lower --lr or pick another loss or optimiser", e);
                }
                double[] d = perClassDice(seg.labels(), c.label(), classes);
                double fg = foregroundDice(seg.labels(), c.label());
                if (!Double.isNaN(fg)) {
                    fgSum += fg;
                    fgCounted++;
                }
                for (int k = 0; k < d.length; k++) {
                    if (!Double.isNaN(d[k])) {
                        sum[k] += d[k];
                        counted[k]++;
                    }
                }
            }
        }
        double[] mean = new double[classes - 1];
        for (int k = 0; k < mean.length; k++) {
            mean[k] = counted[k] == 0 ? Double.NaN : sum[k] / counted[k];
        }
        return new Scores(mean, fgCounted == 0 ? Double.NaN : fgSum / fgCounted);
    }

    /** Dice of {@code label > 0} in both; NaN when the reference has no foreground. */
    static double foregroundDice(LabelMap pred, LabelMap ref) {
        long inter = 0;
        long p = 0;
        long g = 0;
        for (int i = 0; i < ref.size(); i++) {
            boolean a = pred.get(i) > 0;
            boolean b = ref.get(i) > 0;
            p += a ? 1 : 0;
            g += b ? 1 : 0;
            inter += a && b ? 1 : 0;
        }
        return g == 0 ? Double.NaN : 2.0 * inter / (p + g);
    }

    /** Dice of classes {@code 1..K-1} of one case; NaN where the reference lacks the class. */
    static double[] perClassDice(LabelMap pred, LabelMap ref, int classes) {
        long[] inter = new long[classes];
        long[] p = new long[classes];
        long[] g = new long[classes];
        for (int i = 0; i < ref.size(); i++) {
            int a = pred.get(i);
            int b = ref.get(i);
            if (a >= 0 && a < classes) {
                p[a]++;
            }
            if (b >= 0 && b < classes) {
                g[b]++;
            }
            if (a == b && a >= 0 && a < classes) {
                inter[a]++;
            }
        }
        double[] d = new double[classes - 1];
        for (int c = 1; c < classes; c++) {
            d[c - 1] = g[c] == 0 ? Double.NaN : 2.0 * inter[c] / (p[c] + g[c]);
        }
        return d;
    }
}
