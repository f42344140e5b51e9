package org.lossbench.datasets.loader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.TreeMap;
import org.lossbench.core.BadInputException;
import org.lossbench.datasets.spec.CaseSpec;
import org.lossbench.datasets.spec.DatasetSpec;
import org.lossbench.datasets.spec.RelativePaths;

/** SHA-256 checksums of dataset files. */
public final class Checksums {
    private Checksums() {
    }

    /** Hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read for checksum: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Checksums of every file the spec's cases name (images, labels, extras). */
    public static SortedMap<String, String> compute(DatasetSpec spec, Path root) {
        SortedMap<String, String> out = new TreeMap<>();
        for (CaseSpec c : spec.cases()) {
            for (String p : c.images()) {
                out.put(p, sha256(RelativePaths.resolve(root, p, "case '" + c.id() + "' image")));
            }
            if (c.label() != null) {
                out.put(c.label(), sha256(RelativePaths.resolve(root, c.label(), "case '" + c.id() + "' label")));
            }
            if (c.extras() != null) {
                for (String p : c.extras()) {
                    out.put(p, sha256(RelativePaths.resolve(root, p, "case '" + c.id() + "' extra file")));
                }
            }
        }
        return out;
    }

    /**
     * Verifies every checksum the spec records; returns the number of files checked.
     *
     * @throws BadInputException naming the first file that is missing or whose content changed
     */
    public static int verify(DatasetSpec spec, Path root) {
        return verify(spec.checksums(), root, spec.name());
    }

    /** Verifies {@code checksums} (relative path to SHA-256) of files under {@code root}; returns the number checked. */
    public static int verify(java.util.Map<String, String> checksums, Path root, String name) {
        for (var e : checksums.entrySet()) {
            Path file = RelativePaths.resolve(root, e.getKey(), "checksum entry");
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(file + ": listed in the checksums of '" + name + "' but missing");
            }
            String actual = sha256(file);
            if (!actual.equals(e.getValue())) {
                throw new BadInputException(file + ": SHA-256 " + actual + " differs from the recorded " + e.getValue()
                        + "; the file changed since the dataset was registered (regenerate or re-register it)");
            }
        }
        return checksums.size();
    }
}
