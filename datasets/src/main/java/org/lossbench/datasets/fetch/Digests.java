package org.lossbench.datasets.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.lossbench.core.BadInputException;

/** MD5 and SHA-256 of a file, taken in one pass over its bytes. */
public record Digests(String md5, String sha256) {
    /** Both digests of {@code file}, in lowercase hex. */
    public static Digests of(Path file) {
        MessageDigest md5 = digest("MD5");
        MessageDigest sha = digest("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md5.update(buf, 0, n);
                sha.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read for its checksum: " + e.getMessage(), e);
        }
        return new Digests(HexFormat.of().formatHex(md5.digest()), HexFormat.of().formatHex(sha.digest()));
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
    }

    /** Throws a {@link BadInputException} when these digests are not the {@code task}'s. */
    public void check(DecathlonTask task, Path archive) {
        if (!md5.equalsIgnoreCase(task.md5())) {
            throw mismatch("MD5", md5, task.md5(), task, archive);
        }
        if (task.sha256() != null && !sha256.equalsIgnoreCase(task.sha256())) {
            throw mismatch("SHA-256", sha256, task.sha256(), task, archive);
        }
    }

    private static BadInputException mismatch(String kind, String actual, String expected, DecathlonTask task, Path archive) {
        return new BadInputException(archive + ": " + kind + " " + actual + " differs from " + expected + ", the " + kind + " of "
                + task.task() + ".tar: the archive is incomplete, damaged or another file; download it again (or give --from "
                + "the official archive)");
    }
}
