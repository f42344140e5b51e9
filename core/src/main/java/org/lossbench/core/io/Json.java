package org.lossbench.core.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;

/**
 * The project's one Jackson configuration and its one {@link ObjectMapper}: snake_case property names, nulls
 * omitted (null bean properties and null map values alike). Records serialise in component order; maps in their
 * iteration order, so callers pass sorted or linked maps to keep output byte-identical from run to run.
 *
 * <p>A document that must write its nulls says so on its type ({@code @JsonInclude(ALWAYS)}, as {@code lossbench
 * infer}'s JSON line does); a different write or read setting is an {@code ObjectWriter} or {@code ObjectReader}
 * of this mapper ({@code mapper().writer().with(...)}), not another mapper.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));

    private Json() {
    }

    /** The shared mapper (thread-safe once configured; do not reconfigure it). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Loads and initialises Jackson's parser, tree and writer classes (about 500, a few hundred
     * milliseconds on a cold JVM) with a tiny round trip; a command line calls it on a background
     * thread at start-up, so that the first real read does not pay for it.
     */
    public static void warmUp() {
        try {
            pretty(MAPPER.readTree("{\"a\": [1, 2.5, \"b\", true, null], \"c\": {\"d\": 3}}"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Jackson cannot read its own warm-up document", e);
        }
    }

    /** One-line JSON. */
    public static String compact(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "cannot serialise " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Indented JSON with a trailing newline, for files. */
    public static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "cannot serialise " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
