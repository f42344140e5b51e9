package org.lossbench.cli.sweep;

import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.lossbench.models.arch.ModelCard;

/**
 * A zoo or external cell's model file as the plan found it: its SHA-256, or its absence (the cell then
 * fails with a clear reason while the others run). The cell configuration records it under
 * {@value #KEY}, written as the hex digest or as {@code missing:PATH} ({@link #text()}), so it is part of
 * the cell's key.
 *
 * @param sha256 the file's SHA-256 (hex); null when the file was missing
 * @param missingFile the path of the missing file; null when it was there
 */
public record ModelDigest(String sha256, String missingFile) {
    /** The cell configuration's entry. */
    public static final String KEY = "model_sha256";
    private static final String MISSING = "missing:";

    public ModelDigest {
        if ((sha256 == null) == (missingFile == null)) {
            throw new IllegalArgumentException("a model digest is a SHA-256 or a missing file, got " + sha256 + " and " + missingFile);
        }
    }

    /** The digest of {@code file}, read now. */
    public static ModelDigest of(String file) {
        return Files.isRegularFile(Path.of(file)) ? new ModelDigest(ModelCard.sha256(Path.of(file)), null) : new ModelDigest(null, file);
    }

    /** The digests of {@code files} (distinct paths), read in parallel (eight zoo models are 39 MB to read). */
    public static Map<String, ModelDigest> of(Collection<String> files) {
        return files.stream().distinct().toList().parallelStream().collect(Collectors.toMap(f -> f, ModelDigest::of));
    }

    /** The digest written as {@link #text()} (as a plan read back from sweep.json holds it). */
    public static ModelDigest parse(String text) {
        return text.startsWith(MISSING) ? new ModelDigest(null, text.substring(MISSING.length())) : new ModelDigest(text, null);
    }

    /** The hex SHA-256, or {@code missing:PATH}: the configuration's value. */
    @JsonValue
    public String text() {
        return sha256 != null ? sha256 : MISSING + missingFile;
    }
}
