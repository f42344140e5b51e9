package org.lossbench.cli.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;

/**
 * Canonical JSON of a configuration tree (maps, lists, strings, numbers, booleans): compact, map keys
 * sorted by code point, numbers in Java's shortest round-trip form. Equal trees give equal bytes, so
 * {@link #sha256} of it keys a sweep cell.
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private CanonicalJson() {
    }

    public static String of(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "cannot serialise a configuration: " + e.getMessage(), e);
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
