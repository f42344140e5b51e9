package org.lossbench.models.arch;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.core.io.Json;
import org.lossbench.core.provenance.Provenance;

/**
 * The model card written beside every exported model ({@code MODEL.onnx} gets {@code MODEL.card.json}):
 * what the model is, its resolved configuration, size, contract and provenance ({@link Provenance}, flattened).
 */
public record ModelCard(
        @JsonProperty("arch") String arch,
        @JsonProperty("description") String description,
        @JsonProperty("config") Map<String, Object> config,
        @JsonProperty("parameters") long parameters,
        @JsonProperty("input") String input,
        @JsonProperty("output") String output,
        @JsonProperty("spatial_multiple") int spatialMultiple,
        @JsonProperty("onnx_opset") long opset,
        @JsonProperty("onnx_ir_version") long irVersion,
        @JsonProperty("sha256") String sha256,
        @JsonUnwrapped Provenance provenance) {

    /** {@code model.onnx} -> {@code model.card.json}. */
    public static Path pathBeside(Path model) {
        String name = model.getFileName().toString();
        String stem = name.endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
        return model.resolveSibling(stem + ".card.json");
    }

    /** Writes the card atomically as pretty-printed JSON. */
    public void write(Path target) {
        AtomicFiles.writeString(target, Json.pretty(this));
    }

    /** Hex SHA-256 of a file. */
    public static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "cannot hash " + file + ": " + e.getMessage(), e);
        }
    }
}
