package org.lossbench.cli.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.lossbench.core.BadInputException;
import org.lossbench.datasets.loader.LoadedCase;
import org.lossbench.models.train.TrainingData;

/** External mode's models: the ONNX file mapped to each loss (models trained elsewhere). */
final class ExternalModels implements ModelSource {
    private final Map<String, String> files;

    /** @param files loss name to ONNX file, as the resolved spec holds it */
    ExternalModels(Map<String, String> files) {
        this.files = files;
    }

    @Override
    public String modelFile(String dataset, String model, String loss, long seed) {
        return files.get(loss);
    }

    @Override
    public void configure(Map<String, Object> config, String model, String loss, ModelDigest digest) {
        config.put(ModelDigest.KEY, digest);
    }

    @Override
    public CellModel obtain(Cell cell, TrainingData data, List<LoadedCase> cases, Path cellDir) {
        Path model = Path.of(cell.modelFile());
        if (!Files.isRegularFile(model)) {
            throw new BadInputException("model file " + model + " for loss " + cell.loss() + " does not exist; fix the external mapping");
        }
        return new CellModel(model, null, model.toString(), null);
    }
}
