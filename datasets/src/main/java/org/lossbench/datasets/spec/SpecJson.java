package org.lossbench.datasets.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.core.io.Json;

/** Reading and writing JSON files of this module, with errors that name the file and the place. */
public final class SpecJson {
    /**
     * The project's mapper ({@link Json}: snake_case names, nulls omitted), strict for reading: unknown
     * properties are errors (they are usually typos), and so is a null for a primitive.
     */
    public static final ObjectReader STRICT = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    /** The project's mapper writing indented JSON with map entries sorted, so that files are byte-identical from run to run. */
    public static final ObjectWriter WRITER = Json.mapper().writer()
            .with(SerializationFeature.INDENT_OUTPUT, SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private SpecJson() {
    }

    /** Reads {@code file} as {@code type}; any problem is a {@link BadInputException} naming the file. */
    public static <T> T read(Path file, Class<T> type) {
        try {
            return STRICT.readValue(Files.readAllBytes(file), type);
        } catch (JsonProcessingException e) {
            throw malformed(file, e);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": file not found");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads {@code file} as a JSON tree (for third-party formats such as MSD and nnU-Net dataset.json). */
    public static JsonNode readTree(Path file) {
        try {
            JsonNode node = STRICT.readTree(Files.readAllBytes(file));
            if (node == null || node.isMissingNode()) {
                throw new BadInputException(file + ": empty JSON file");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(file, e);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": file not found");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Writes {@code value} as indented JSON, atomically. */
    public static void write(Path file, Object value) {
        try {
            AtomicFiles.writeString(file, WRITER.writeValueAsString(value) + "\n");
        } catch (JsonProcessingException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "cannot serialise " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static BadInputException malformed(Path file, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        if (e instanceof ValueInstantiationException v && v.getCause() instanceof NullPointerException) {
            return new BadInputException(file + ": null" + where + " inside a list or map of "
                    + v.getType().getRawClass().getSimpleName() + "; remove it or give a value", e);
        }
        return new BadInputException(file + ": malformed JSON" + where + ": " + e.getOriginalMessage(), e);
    }
}
