package org.lossbench.cli.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.lossbench.datasets.loader.LoadedCase;
import org.lossbench.models.train.TrainingData;

/**
 * The strategy of a {@link SweepMode}: where the cells get their models. At plan time it names each
 * cell's model file and writes the entries of the cell configuration that decide the model
 * ({@link SweepPlan}); when a cell runs it hands over the model ({@link CellRunner}).
 */
interface ModelSource {
    /**
     * The model a cell runs.
     *
     * @param file the ONNX file
     * @param defaultWindow the sliding window of a model without a fixed input size when the sweep gives
     *                      none (its training patch); null for the predictor's default
     * @param provenanceName the cell provenance's {@code model_file}
     * @param trainSeconds the wall-clock seconds spent training it here; null when it was not trained
     */
    record CellModel(Path file, int[] defaultWindow, String provenanceName, Double trainSeconds) {
    }

    /** Plan: the ONNX file of cell (dataset, model, loss, seed), or null when the cell trains its model; a usage error when there is none. */
    String modelFile(String dataset, String model, String loss, long seed);

    /**
     * Plan: puts the entries that decide the cell's model into its configuration {@code config} (which
     * holds the common ones already).
     *
     * @param digest the model file's digest; null when the cell trains its model
     */
    void configure(Map<String, Object> config, String model, String loss, ModelDigest digest);

    /**
     * Run: the cell's model, checked.
     *
     * @param data the cell's dataset
     * @param cases the cases the cell evaluates
     * @param cellDir the cell's folder
     */
    CellModel obtain(Cell cell, TrainingData data, List<LoadedCase> cases, Path cellDir);
}
