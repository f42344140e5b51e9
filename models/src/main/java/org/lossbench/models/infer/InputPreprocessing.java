package org.lossbench.models.infer;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.io.Json;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.datasets.preprocess.PreprocessingRecord;
import org.lossbench.datasets.preprocess.Preprocessor;
import org.lossbench.datasets.preprocess.ZScoreNormalization;
import org.lossbench.models.arch.ModelCard;
import org.lossbench.models.arch.TrainedModel;

/**
 * How {@code lossbench infer} prepares a raw image for a model ({@code --preprocess}):
 * <ul>
 *   <li>{@code auto} (default): the model's own {@link PreprocessingRecord}, from the ONNX metadata entry
 *       {@value TrainedModel#PREPROCESSING_KEY}, else from the {@code preprocessing} field of the card
 *       {@code NAME.card.json} beside {@code NAME.onnx} (whose {@code sha256} must be the model's); a
 *       model with neither gets no preprocessing and a {@link #warning()};</li>
 *   <li>{@code none}: the images are already normalised;</li>
 *   <li>{@code zscore}: every channel z-scored over each case ({@link ZScoreNormalization});</li>
 *   <li>{@code record:FILE}: the record in {@code FILE}, a record document or a model card holding one.</li>
 * </ul>
 * A record is applied with {@link Preprocessor#apply(ImageVolume, String)}, the very code that prepared
 * the training and sweep cases. Predictions stay on the input grid, so a record that resamples is refused
 * for an image whose spacing is not already its target spacing.
 */
public final class InputPreprocessing {
    private final String source;
    private final Preprocessor preprocessor;
    private final boolean zscore;
    private final String warning;

    private InputPreprocessing(String source, Preprocessor preprocessor, boolean zscore, String warning) {
        this.source = source;
        this.preprocessor = preprocessor;
        this.zscore = zscore;
        this.warning = warning;
    }

    /**
     * The preprocessing {@code option} ({@code auto}, {@code none}, {@code zscore} or {@code record:FILE})
     * selects for {@code model}, whose opened session gives its metadata.
     */
    public static InputPreprocessing choose(String option, Path model, OrtSession session) {
        String o = option.trim();
        switch (o.toLowerCase(Locale.ROOT)) {
            case "none":
                return new InputPreprocessing("none", null, false, null);
            case "zscore":
                return new InputPreprocessing("zscore", null, true, null);
            case "auto":
                return auto(model, session);
            default:
                break;
        }
        if (o.startsWith("record:") && o.length() > "record:".length()) {
            Path file = Path.of(o.substring("record:".length()));
            return new InputPreprocessing("record:" + file, Preprocessor.of(fromFile(file)), false, null);
        }
        throw new LossbenchException(ExitCode.USAGE, "--preprocess must be auto, none, zscore or record:FILE.json, got '" + option + "'");
    }

    private static InputPreprocessing auto(Path model, OrtSession session) {
        String meta;
        try {
            meta = session.getMetadata().getCustomMetadata().get(TrainedModel.PREPROCESSING_KEY);
        } catch (OrtException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "cannot read the metadata of " + model + ": " + e.getMessage(), e);
        }
        if (meta != null) {
            String src = model + " (ONNX metadata " + TrainedModel.PREPROCESSING_KEY + ")";
            return new InputPreprocessing("onnx-metadata", Preprocessor.of(PreprocessingRecord.parse(meta, src)), false, null);
        }
        Path card = ModelCard.pathBeside(model);
        if (Files.isRegularFile(card)) {
            JsonNode j = readJson(card);
            JsonNode sha = j.get("sha256");
            if (sha != null && sha.isTextual() && !sha.textValue().equalsIgnoreCase(ModelCard.sha256(model))) {
                throw new BadInputException("card " + card + " records sha256 " + sha.textValue() + " but " + model + " has "
                        + ModelCard.sha256(model) + ": the card belongs to another model; fix or remove it, or pass --preprocess "
                        + "record:FILE.json, zscore or none");
            }
            JsonNode rec = j.get("preprocessing");
            if (rec != null && !rec.isNull()) {
                return new InputPreprocessing("card:" + card, Preprocessor.of(PreprocessingRecord.fromJson(rec, card.toString())), false, null);
            }
        }
        return new InputPreprocessing("none", null, false, "model " + model + " carries no preprocessing record (no "
                + TrainedModel.PREPROCESSING_KEY + " metadata, no 'preprocessing' in " + card.getFileName()
                + "); assuming its input is already normalised; pass --preprocess zscore for per-case z-scoring or record:FILE.json");
    }

    /** A record document, or a model card whose {@code preprocessing} field is one. */
    private static PreprocessingRecord fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("--preprocess record:" + file + ": no such file; give a preprocessing record or a model card");
        }
        JsonNode j = readJson(file);
        if (j.has("format")) {
            return PreprocessingRecord.fromJson(j, file.toString());
        }
        JsonNode rec = j.get("preprocessing");
        if (rec == null || rec.isNull()) {
            throw new BadInputException(file + " is neither a preprocessing record (no \"format\") nor a model card with a \"preprocessing\" field");
        }
        return PreprocessingRecord.fromJson(rec, file.toString());
    }

    private static JsonNode readJson(Path file) {
        try {
            JsonNode j = Json.mapper().readTree(file.toFile());
            if (j == null || !j.isObject()) {
                throw new BadInputException(file + " is not a JSON object");
            }
            return j;
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + " as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * {@code image} prepared for the model; {@code what} names it in errors: a channel count other than the
     * record's, or a spacing the record would resample (the prediction could not stay on the input grid).
     */
    public ImageVolume apply(ImageVolume image, String what) {
        if (zscore) {
            return ZScoreNormalization.apply(image, null);
        }
        if (preprocessor == null) {
            return image;
        }
        PreprocessingRecord r = preprocessor.record();
        if (image.channels() != r.channels().size()) {
            throw new BadInputException("image " + what + " has " + image.channels() + " channel(s) but the model's preprocessing ("
                    + source + ") describes " + r.channels().size() + " " + r.modalities()
                    + "; give the channels as CASE_0000, CASE_0001, ... in that order");
        }
        if (preprocessor.resamples(image)) {
            throw new BadInputException("image " + what + " has spacing " + Arrays.toString(image.grid().spacing())
                    + " mm but the model's preprocessing (" + source + ") resamples to " + Arrays.toString(r.targetSpacing())
                    + " mm, and lossbench infer predicts on the input grid; resample the image to that spacing first");
        }
        return preprocessor.apply(image, what);
    }

    /** Where the preprocessing comes from: {@code onnx-metadata}, {@code card:FILE}, {@code record:FILE}, {@code zscore} or {@code none}. */
    public String source() {
        return source;
    }

    /** The record applied, or null ({@code none}, {@code zscore}). */
    public PreprocessingRecord record() {
        return preprocessor == null ? null : preprocessor.record();
    }

    /** The one-line warning of a model without a record under {@code auto}, or null. */
    public String warning() {
        return warning;
    }

    /** What is done to each channel, in words, for the log. */
    public String summary() {
        if (preprocessor == null) {
            return zscore ? "every channel z-scored per case" : "none (input used as given)";
        }
        List<String> parts = new ArrayList<>();
        List<PreprocessingRecord.Channel> ch = preprocessor.record().channels();
        for (int i = 0; i < ch.size(); i++) {
            var c = ch.get(i);
            parts.add(c.ct() == null ? String.format(Locale.ROOT, "channel %d %s: z-score per case", i, c.modality())
                    : String.format(Locale.ROOT, "channel %d %s: clip to [%.6g, %.6g], (x - %.6g) / %.6g", i, c.modality(),
                            c.ct().lower(), c.ct().upper(), c.ct().mean(), c.ct().std()));
        }
        return String.join("; ", parts);
    }
}
