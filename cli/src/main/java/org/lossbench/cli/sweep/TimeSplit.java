package org.lossbench.cli.sweep;

import java.util.Locale;
import java.util.Map;

/**
 * Where a sweep's wall-clock time went: the cells' stages (dataset loading, training, model loading,
 * inference, evaluation, writing) summed over the cells that ran, and the runner's own overhead, which
 * is the command's wall time minus the cells' total (planning, hashing models, skipping finished cells,
 * aggregating the tables). JVM start-up is outside the command and not counted.
 */
public final class TimeSplit {
    private TimeSplit() {
    }

    /** One stderr line, e.g. {@code sweep x: 8 cells in 61.2 s: ... runner overhead 1.9 s (3.1%)}. */
    public static String line(String sweep, SweepRunner.Report r, double commandSeconds) {
        Map<String, Double> s = r.seconds();
        double cells = s.getOrDefault("total_s", 0.0);
        double overhead = Math.max(0, commandSeconds - cells);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "sweep %s: %d cells in %.1f s:", sweep, r.ran(), commandSeconds));
        String[][] parts = {{"dataset_load_s", "dataset loading"}, {"train_s", "training"}, {"model_load_s", "model loading"},
            {"inference_s", "inference"}, {"evaluation_s", "evaluation"}, {"write_s", "writing"}};
        for (String[] p : parts) {
            Double v = s.get(p[0]);
            if (v != null) {
                sb.append(String.format(Locale.ROOT, " %s %.1f s,", p[1], v));
            }
        }
        sb.append(String.format(Locale.ROOT, " runner overhead %.2f s (%.1f%%)", overhead, commandSeconds > 0 ? 100 * overhead / commandSeconds : 0));
        return sb.toString();
    }
}
