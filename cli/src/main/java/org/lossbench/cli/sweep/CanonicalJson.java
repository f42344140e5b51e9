package org.lossbench.cli.sweep;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.io.Json;

/**
 * Canonical JSON of a configuration tree (maps, lists, strings, numbers, booleans, nulls): compact, map keys
 * sorted by code point at every level, numbers in Java's shortest round-trip form, a null map value written as
 * {@code null}. Equal trees give equal bytes, so {@link #sha256} of it keys a sweep cell.
 *
 * <p>The maps and lists are walked here, on a generator of the shared mapper ({@link Json}); every other value
 * (a string, number, boolean, enum or {@code @JsonValue} type) is written by that mapper. The mapper's document
 * conventions (snake_case names, nulls omitted) thus never reach a key: they apply to bean properties and map
 * contents only, which this walk writes itself.
 */
public final class CanonicalJson {
    private CanonicalJson() {
    }

    public static String of(Object tree) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.mapper().createGenerator(out)) {
            write(g, tree);
        } catch (IOException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "cannot serialise a configuration: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            g.writeStartArray();
            for (Object v : list) {
                write(g, v);
            }
            g.writeEndArray();
        } else {
            Json.mapper().writeValue(g, value);
        }
    }

    /** Hex SHA-256 of the canonical JSON's UTF-8 bytes. */
    public static String sha256(Object tree) {
        return sha256Hex(of(tree).getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
