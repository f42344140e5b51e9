package org.lossbench.eval.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.core.io.Json;

/**
 * Reads and writes the results folder's JSON documents with the project's one mapper ({@link Json}: snake_case,
 * nulls omitted, records in component order): indented, with a trailing newline, UTF-8, atomically.
 */
final class Documents {
    /** The cells' documents sort map keys (their configuration and provenance), so equal trees give equal bytes. */
    private static final ObjectWriter SORTED = Json.mapper().writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .withDefaultPrettyPrinter();

    private Documents() {
    }

    static void write(Path file, Object document) {
        AtomicFiles.writeString(file, Json.pretty(document));
    }

    static void writeSorted(Path file, Object document) {
        try {
            AtomicFiles.writeString(file, SORTED.writeValueAsString(document) + "\n");
        } catch (JsonProcessingException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "cannot serialise " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** {@code file} as {@code type} (fields it does not know are skipped); a missing or malformed file is a {@link BadInputException} ending in {@code remedy}. */
    static <T> T read(Path file, Class<T> type, String remedy) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file.getParent() + " lacks " + file.getFileName() + "; " + remedy);
        }
        try {
            return Json.mapper().readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file + " is not readable JSON: " + e.getMessage().lines().findFirst().orElse("") + "; " + remedy);
        }
    }
}
