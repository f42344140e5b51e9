package org.lossbench.models.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;
import org.lossbench.core.provenance.Provenance;
import org.lossbench.datasets.preprocess.PreprocessingRecord;

/**
 * The model card of a trained model ({@code model.card.json} beside {@code model.onnx}): what was
 * trained on what, how, with which result, and the provenance ({@link Provenance}, flattened; DESIGN.md).
 *
 * @param preprocessing what the model's input needs ({@link PreprocessingRecord}; also in the ONNX file's metadata)
 * @param validationDice final mean Dice per foreground class on the validation split (null: no validation cases or NaN classes)
 * @param timeSplit where this process's wall time went (steps, waiting for batches, validation)
 * @param configHash SHA-256 of the resolved training configuration ({@link TrainingConfig#hash()})
 */
public record TrainingCard(
        @JsonProperty("arch") String arch,
        @JsonProperty("model_config") Map<String, Object> modelConfig,
        @JsonProperty("parameters") long parameters,
        @JsonProperty("loss") Object loss,
        @JsonProperty("optimizer") String optimizer,
        @JsonProperty("dataset") String dataset,
        @JsonProperty("dataset_checksum") String datasetChecksum,
        @JsonProperty("split") Map<String, List<String>> split,
        @JsonProperty("preprocessing") PreprocessingRecord preprocessing,
        @JsonProperty("training") Map<String, Object> training,
        @JsonProperty("config_hash") String configHash,
        @JsonProperty("steps") long steps,
        @JsonProperty("seed") long seed,
        @JsonProperty("wall_seconds") double wallSeconds,
        @JsonProperty("time_split") Trainer.TimeSplit timeSplit,
        @JsonProperty("device") String device,
        @JsonProperty("validation_dice") Map<String, Double> validationDice,
        @JsonProperty("best_validation_mean_dice") Double bestValidationMeanDice,
        @JsonProperty("sha256") String sha256,
        @JsonUnwrapped Provenance provenance) {
}
