package org.lossbench.models.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossbench.core.provenance.Provenance;
import org.lossbench.datasets.loader.LoadedCase;
import org.lossbench.datasets.preprocess.PreprocessingRecord;

/**
 * The model card of a trained model ({@code model.card.json} beside {@code model.onnx}): what was
 * trained on what, how, with which result, and the provenance ({@link Provenance}, flattened; docs/design.md).
 *
 * @param preprocessing what the model's input needs ({@link PreprocessingRecord}; also in the ONNX file's metadata)
 * @param training the resolved training configuration ({@link TrainingConfig#resolved()} without the model), with
 *                 {@code val_every}, {@code checkpoint_every} and {@code split_seed}: the seed of the drawn split, or
 *                 {@value #OWN_SPLIT} when the dataset brings its own
 * @param wallSeconds the run's wall time: the sum over {@code segments} (null when a segment's time was not recorded);
 *                    cards written before 2026-12-07 hold only the last process's time
 * @param resumes how often the run was resumed: {@code segments - 1}
 * @param segments one per process that trained ({@link TrainingSegment}), with its steps, time and git commit
 * @param timeSplit where the wall time of the process that wrote the card went (steps, waiting for batches,
 *                  validation); of the last segment only, not cumulative
 * @param validationDice final mean Dice per foreground class on the validation split (null: no validation cases or NaN classes)
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
        @JsonProperty("wall_seconds") Double wallSeconds,
        @JsonProperty("resumes") int resumes,
        @JsonProperty("segments") List<TrainingSegment> segments,
        @JsonProperty("time_split") Trainer.TimeSplit timeSplit,
        @JsonProperty("device") String device,
        @JsonProperty("validation_dice") Map<String, Double> validationDice,
        @JsonProperty("best_validation_mean_dice") Double bestValidationMeanDice,
        @JsonProperty("sha256") String sha256,
        @JsonUnwrapped Provenance provenance) {

    /** The {@code training.split_seed} of a model trained on a dataset's own split. */
    public static final String OWN_SPLIT = "own split";

    /**
     * The card of the run {@code r} of {@code cfg} on {@code data}.
     *
     * @param sha256 the SHA-256 of the written model file
     * @param parameters the inference graph's parameter count
     */
    public static TrainingCard of(TrainingConfig cfg, TrainingData data, Trainer.Result r, String sha256, long parameters, Provenance provenance) {
        Map<String, Double> dice = null;
        if (r.finalScores() != null) {
            double[] d = r.finalScores().perClass();
            dice = new LinkedHashMap<>();
            for (int c = 0; c < d.length; c++) {
                dice.put(Integer.toString(c + 1), Double.isNaN(d[c]) ? null : d[c]);
            }
            dice.put("foreground", Double.isNaN(r.finalScores().foreground()) ? null : r.finalScores().foreground());
        }
        Map<String, List<String>> split = new LinkedHashMap<>();
        split.put("train", data.train().stream().map(LoadedCase::id).toList());
        split.put("val", data.val().stream().map(LoadedCase::id).toList());
        Map<String, Object> training = cfg.resolved();
        training.remove("model");
        training.put("val_every", cfg.valEvery());
        training.put("checkpoint_every", cfg.checkpointEvery());
        training.put("split_seed", data.splitSeed() == null ? OWN_SPLIT : data.splitSeed());
        return new TrainingCard(cfg.arch().id(), cfg.arch().resolvedConfig(cfg.options()), parameters, cfg.loss().toDocument(),
                cfg.optimizer().spec(), data.name(), data.checksum(), split, data.preprocessing(), training, cfg.hash(), r.steps(), cfg.seed(),
                TrainingSegment.totalWallSeconds(r.history()), Math.max(0, r.history().size() - 1), r.history(), r.time(), r.device(), dice,
                Double.isNaN(r.bestScore()) ? null : r.bestScore(), sha256, provenance);
    }
}
