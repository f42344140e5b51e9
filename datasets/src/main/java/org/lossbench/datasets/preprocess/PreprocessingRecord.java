package org.lossbench.datasets.preprocess;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.Json;

/**
 * What a {@link Preprocessor} does to a model's input, as a small JSON document that travels with the
 * model (the trainer writes it into the model card's {@code preprocessing} field and into the ONNX
 * file's {@code metadata_props}; {@code lossbench infer} reads it back):
 *
 * <pre>{@code
 * {"format": "lossbench.preprocessing", "version": 1,
 *  "channels": [{"modality": "CT", "scheme": "ct", "lower": -1000.0, "upper": 205.3, "mean": 61.2, "std": 38.9},
 *               {"modality": "MR-T2", "scheme": "zscore"}],
 *  "target_spacing": null,
 *  "fitted_on": {"dataset": "phantom-lesions", "dataset_checksum": "bae7...", "cases": 24}}
 * }</pre>
 *
 * <p>Per channel, in channel order: {@code ct} is {@link CtNormalization} with the fitted clip bounds and
 * foreground statistics, {@code x' = (clip(x, lower, upper) - mean) / max(std, 1e-8)}; {@code zscore} is
 * {@link ZScoreNormalization} over each case's own channel. {@code target_spacing} is {@code [sz, sy, sx]}
 * mm or {@code null} (spacing kept). {@code fitted_on} (optional, informative) names what the CT
 * statistics were fitted on. Numbers are written by Jackson as the shortest decimal that reads back to
 * the same double ({@link Double#toString}), so a record read back applies bit for bit as the fitted one.
 *
 * @param targetSpacing {@code (sz, sy, sx)} mm, or null
 * @param fittedOn what the statistics were fitted on, or null
 */
public record PreprocessingRecord(List<Channel> channels, double[] targetSpacing, FittedOn fittedOn) {
    /** The document's {@code format} tag. */
    public static final String FORMAT = "lossbench.preprocessing";
    /** The document version this code writes and reads. */
    public static final int VERSION = 1;


    /**
     * One input channel.
     *
     * @param modality the modality's name in the dataset (e.g. {@code CT}, {@code MR-T2})
     * @param ct the fitted CT normalisation, or null for a per-case z-score
     */
    public record Channel(String modality, CtNormalization ct) {
        public Channel {
            Objects.requireNonNull(modality, "modality");
        }

        /** {@code ct} or {@code zscore}. */
        public String scheme() {
            return ct == null ? "zscore" : "ct";
        }
    }

    /**
     * What the statistics were fitted on.
     *
     * @param datasetChecksum the dataset's reference checksum (built-in phantoms), or null
     * @param cases how many training cases
     */
    public record FittedOn(String dataset, String datasetChecksum, int cases) {
    }

    public PreprocessingRecord {
        channels = List.copyOf(channels);
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("a preprocessing record needs at least one channel");
        }
        if (targetSpacing != null) {
            if (targetSpacing.length != 3 || Arrays.stream(targetSpacing).anyMatch(s -> !(s > 0 && s < Double.POSITIVE_INFINITY))) {
                throw new IllegalArgumentException("target spacing must be three positive finite sizes (sz, sy, sx), got "
                        + Arrays.toString(targetSpacing));
            }
            targetSpacing = targetSpacing.clone();
        }
    }

    @Override
    public double[] targetSpacing() {
        return targetSpacing == null ? null : targetSpacing.clone();
    }

    /** This record with {@code fittedOn} recorded. */
    public PreprocessingRecord withFittedOn(FittedOn f) {
        return new PreprocessingRecord(channels, targetSpacing, f);
    }

    /** The modality names, in channel order. */
    public List<String> modalities() {
        return channels.stream().map(Channel::modality).toList();
    }

    /** The JSON document (Jackson serialises the record as this tree, e.g. inside a model card). */
    @JsonValue
    public ObjectNode toJsonTree() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ArrayNode ch = root.putArray("channels");
        for (Channel c : channels) {
            ObjectNode o = ch.addObject();
            o.put("modality", c.modality());
            o.put("scheme", c.scheme());
            if (c.ct() != null) {
                o.put("lower", c.ct().lower());
                o.put("upper", c.ct().upper());
                o.put("mean", c.ct().mean());
                o.put("std", c.ct().std());
            }
        }
        if (targetSpacing == null) {
            root.putNull("target_spacing");
        } else {
            ArrayNode s = root.putArray("target_spacing");
            Arrays.stream(targetSpacing).forEach(s::add);
        }
        if (fittedOn != null) {
            ObjectNode o = root.putObject("fitted_on");
            o.put("dataset", fittedOn.dataset());
            if (fittedOn.datasetChecksum() == null) {
                o.putNull("dataset_checksum");
            } else {
                o.put("dataset_checksum", fittedOn.datasetChecksum());
            }
            o.put("cases", fittedOn.cases());
        }
        return root;
    }

    /** The document on one line (the ONNX metadata value). */
    public String toJson() {
        try {
            return Json.mapper().writeValueAsString(toJsonTree());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /** Parses a document; {@code source} names where it came from in error messages. */
    public static PreprocessingRecord parse(String json, String source) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadInputException("the preprocessing record in " + source + " is not valid JSON: " + e.getOriginalMessage());
        }
        return fromJson(node, source);
    }

    /**
     * Reads a document, checking every field: a wrong format tag, a newer version, an unknown scheme,
     * missing or non-finite CT statistics are {@link BadInputException}s naming {@code source}.
     */
    public static PreprocessingRecord fromJson(JsonNode node, String source) {
        String where = "the preprocessing record in " + source;
        if (node == null || !node.isObject()) {
            throw new BadInputException(where + " is not a JSON object");
        }
        if (!FORMAT.equals(text(node, "format"))) {
            throw new BadInputException(where + " has format " + node.get("format") + ", expected \"" + FORMAT + "\"");
        }
        JsonNode v = node.get("version");
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new BadInputException(where + " has no integer \"version\"");
        }
        if (v.intValue() != VERSION) {
            throw new BadInputException(where + " is version " + v.intValue() + "; this lossbench reads version " + VERSION
                    + (v.intValue() > VERSION ? "; upgrade lossbench" : ""));
        }
        JsonNode chs = node.get("channels");
        if (chs == null || !chs.isArray() || chs.isEmpty()) {
            throw new BadInputException(where + " has no \"channels\" list");
        }
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < chs.size(); i++) {
            JsonNode c = chs.get(i);
            String at = where + ", channel " + i;
            String modality = c.isObject() ? text(c, "modality") : null;
            if (modality == null) {
                throw new BadInputException(at + " has no \"modality\" name");
            }
            String scheme = text(c, "scheme");
            if ("zscore".equals(scheme)) {
                channels.add(new Channel(modality, null));
            } else if ("ct".equals(scheme)) {
                CtNormalization ct = new CtNormalization(number(c, "lower", at), number(c, "upper", at), number(c, "mean", at),
                        number(c, "std", at));
                if (ct.lower() > ct.upper()) {
                    throw new BadInputException(at + " clips to [" + ct.lower() + ", " + ct.upper() + "]: lower is above upper");
                }
                channels.add(new Channel(modality, ct));
            } else {
                throw new BadInputException(at + " has scheme " + c.get("scheme") + "; known: \"ct\", \"zscore\"");
            }
        }
        return new PreprocessingRecord(channels, spacing(node.get("target_spacing"), where), fittedOn(node.get("fitted_on"), where));
    }

    private static double[] spacing(JsonNode s, String where) {
        if (s == null || s.isNull()) {
            return null;
        }
        if (!s.isArray() || s.size() != 3) {
            throw new BadInputException(where + " has target_spacing " + s + "; expected null or [sz, sy, sx] in mm");
        }
        double[] out = new double[3];
        for (int a = 0; a < 3; a++) {
            if (!s.get(a).isNumber() || !(s.get(a).doubleValue() > 0) || Double.isInfinite(s.get(a).doubleValue())) {
                throw new BadInputException(where + " has target_spacing " + s + "; expected three positive sizes in mm");
            }
            out[a] = s.get(a).doubleValue();
        }
        return out;
    }

    private static FittedOn fittedOn(JsonNode f, String where) {
        if (f == null || f.isNull()) {
            return null;
        }
        if (!f.isObject() || text(f, "dataset") == null || f.get("cases") == null || !f.get("cases").canConvertToInt()) {
            throw new BadInputException(where + " has fitted_on " + f + "; expected {\"dataset\": NAME, \"dataset_checksum\": HEX or null, \"cases\": N}");
        }
        return new FittedOn(text(f, "dataset"), text(f, "dataset_checksum"), f.get("cases").intValue());
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    private static double number(JsonNode n, String field, String at) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw new BadInputException(at + " (scheme \"ct\") needs a finite number \"" + field + "\", got " + v);
        }
        return v.doubleValue();
    }

    /** Equal channels, fitted-on and target spacing (compared element by element). */
    @Override
    public boolean equals(Object o) {
        return o instanceof PreprocessingRecord r && channels.equals(r.channels) && Arrays.equals(targetSpacing, r.targetSpacing)
                && Objects.equals(fittedOn, r.fittedOn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channels, Arrays.hashCode(targetSpacing), fittedOn);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
