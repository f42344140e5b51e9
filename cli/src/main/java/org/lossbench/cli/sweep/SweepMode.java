package org.lossbench.cli.sweep;

import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.file.Path;
import org.lossbench.models.zoo.ModelZoo;

/**
 * Where a sweep's cells get their models (docs/sweep.md, "Modes"), each mode with its
 * {@link ModelSource}: {@link #ZOO} the shipped models of the model zoo, {@link #TRAIN} a model trained
 * per cell, {@link #EXTERNAL} ONNX files trained elsewhere, one per loss. Written as its {@link #label()}
 * ({@code zoo}, {@code train}, {@code external}) wherever the mode is written: in the cell configuration
 * (and so in every cell key), sweep.json and manifest.json.
 */
public enum SweepMode {
    ZOO("zoo", "vnet-lite"),
    TRAIN("train", "vnet-tiny"),
    EXTERNAL("external", "external");

    private final String label;
    private final String defaultModel;

    SweepMode(String label, String defaultModel) {
        this.label = label;
        this.defaultModel = defaultModel;
    }

    /** {@code zoo}, {@code train} or {@code external}: the spec's and the cell configuration's spelling. */
    @JsonValue
    public String label() {
        return label;
    }

    /** The model of a sweep whose spec names none: zoo {@code vnet-lite}, train {@code vnet-tiny}, external the label {@code external}. */
    public String defaultModel() {
        return defaultModel;
    }

    /** The mode spelled {@code text}; anything else is a usage error. */
    public static SweepMode parse(String text) {
        for (SweepMode m : values()) {
            if (m.label.equals(text)) {
                return m;
            }
        }
        throw SweepSpec.usage("mode must be zoo, train or external, got '" + text + "'");
    }

    /** The mode of a resolved spec. */
    public static SweepMode of(SweepSpec spec) {
        return parse(spec.mode());
    }

    /** This mode's source of models for the cells of the resolved {@code spec} (zoo mode reads the zoo). */
    ModelSource source(SweepSpec spec) {
        return source(spec, spec.inference().threads());
    }

    /** As {@link #source(SweepSpec)}, training (train mode) with {@code threads} ONNX Runtime intra-op threads. */
    ModelSource source(SweepSpec spec, int threads) {
        return switch (this) {
            case ZOO -> new ZooModels(ModelZoo.read(Path.of(spec.zoo())), spec.zoo());
            case TRAIN -> new TrainedModels(spec, threads);
            case EXTERNAL -> new ExternalModels(spec.external());
        };
    }

    /** The label, so that messages read as the spec is written. */
    @Override
    public String toString() {
        return label;
    }
}
