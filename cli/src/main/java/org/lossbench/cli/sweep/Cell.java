package org.lossbench.cli.sweep;

import java.util.Map;

/**
 * One cell of a sweep: a dataset, a model, a loss and a seed, with the resolved configuration that
 * decides its numbers and the key (SHA-256 of the configuration's canonical JSON) its outputs live under.
 *
 * @param index position in the plan (datasets, then models, losses, seeds, each in the spec's order)
 * @param model the model spec (train mode), the zoo model's architecture (zoo mode) or the model label (external mode)
 * @param modelFile the ONNX file of a zoo or external cell, null in train mode
 */
public record Cell(int index, String dataset, String model, String loss, long seed, String modelFile, Map<String, Object> config,
                   String key) {
    public Cell {
        config = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(config));
    }

    /**
     * The digest of the cell's model file as the plan found it ({@link ModelDigest#KEY} of the configuration);
     * empty in train mode. A plan read back from sweep.json holds its written form, which is parsed.
     */
    public java.util.Optional<ModelDigest> modelDigest() {
        Object v = config.get(ModelDigest.KEY);
        return v == null ? java.util.Optional.empty() : java.util.Optional.of(v instanceof ModelDigest d ? d : ModelDigest.parse(v.toString()));
    }

    /** {@code dataset/model/loss/seed}, for messages. */
    public String label() {
        return dataset + " / " + model + " / " + loss + " / seed " + seed;
    }
}
