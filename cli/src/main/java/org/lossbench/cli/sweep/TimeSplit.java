package org.lossbench.cli.sweep;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where a sweep's wall-clock time went: the cells' stages (dataset loading, training, model loading,
 * inference, evaluation, writing) summed over the cells that ran, and the runner's own overhead, which
 * is the command's wall time minus the cells' total (planning, hashing models, skipping finished cells,
 * aggregating the tables). JVM start-up is outside the command and not counted.
 *
 * <p>With several jobs ({@code --jobs}) the cells overlap, so their stage times add up to more than the wall
 * time; the line then gives the share of the jobs' time the cells kept busy, {@code total / (jobs x wall)},
 * instead of an overhead.
 */
public final class TimeSplit {
    private TimeSplit() {
    }

    /**
     * One stderr line, e.g. {@code sweep x: 8 cells in 61.2 s: ... runner overhead 1.9 s (3.1%)}, or with two jobs
     * {@code sweep x: 8 cells in 35.0 s, 2 at a time: cell time summed over the cells 61.0 s (...), the jobs busy 87.1% of the time}.
     */
    public static String line(String sweep, SweepRunner.Report r, double commandSeconds) {
        Map<String, Double> s = r.seconds();
        double cells = s.getOrDefault("total_s", 0.0);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "sweep %s: %d cells in %.1f s", sweep, r.ran(), commandSeconds));
        if (r.jobs() > 1) {
            sb.append(String.format(Locale.ROOT, ", %d at a time: cell time summed over the cells %.1f s (", r.jobs(), cells));
            sb.append(stages(s)).append(String.format(Locale.ROOT, "), the jobs busy %.1f%% of the time",
                    commandSeconds > 0 ? 100 * cells / (r.jobs() * commandSeconds) : 0));
            return sb.toString();
        }
        double overhead = Math.max(0, commandSeconds - cells);
        sb.append(": ").append(stages(s)).append(String.format(Locale.ROOT, ", runner overhead %.2f s (%.1f%%)", overhead,
                commandSeconds > 0 ? 100 * overhead / commandSeconds : 0));
        return sb.toString();
    }

    /** The stages that ran, e.g. {@code dataset loading 2.0 s, inference 40.0 s}. */
    private static String stages(Map<String, Double> s) {
        String[][] parts = {{"dataset_load_s", "dataset loading"}, {"train_s", "training"}, {"model_load_s", "model loading"},
            {"inference_s", "inference"}, {"evaluation_s", "evaluation"}, {"write_s", "writing"}};
        StringJoiner j = new StringJoiner(", ");
        for (String[] p : parts) {
            Double v = s.get(p[0]);
            if (v != null) {
                j.add(String.format(Locale.ROOT, "%s %.1f s", p[1], v));
            }
        }
        return j.toString();
    }
}
