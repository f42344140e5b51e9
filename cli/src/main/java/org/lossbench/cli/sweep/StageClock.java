package org.lossbench.cli.sweep;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The wall-clock seconds of a cell's stages in the order they ran ({@code dataset_load_s},
 * {@code train_s}, {@code model_load_s}, {@code inference_s}, {@code evaluation_s}, {@code write_s}) and
 * the cell's {@code total_s} since the clock started: the {@code seconds} of its {@code timings.json}.
 */
final class StageClock {
    private final long start = System.nanoTime();
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    /** Runs {@code step} and records its seconds as {@code stage}. */
    <T> T time(String stage, Supplier<T> step) {
        long t0 = System.nanoTime();
        T out = step.get();
        seconds.put(stage, since(t0));
        return out;
    }

    /** Records {@code s} seconds as {@code stage} (a stage timed elsewhere, or summed over cases). */
    void record(String stage, double s) {
        seconds.put(stage, s);
    }

    /** Records {@code total_s}, the seconds since the clock started, and returns the stages. */
    Map<String, Double> total() {
        seconds.put("total_s", since(start));
        return seconds;
    }

    /** Seconds since {@code t0} ({@link System#nanoTime()}). */
    static double since(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
