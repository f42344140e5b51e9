package org.lossbench.datasets.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.AtomicFiles;

/**
 * A dataset folder's {@value #NAME} file, in the format of GNU coreutils' {@code sha256sum}: one line
 * per file, {@code <64 lowercase hex digits><two spaces><path relative to the folder>} ({@code sha256sum}'s
 * binary marker, a {@code '*'} instead of the second space, is accepted too). {@code sha256sum -c SHA256SUMS}
 * checks such a folder without lossbench. Paths follow {@link RelativePaths#check}: no absolute paths, no
 * {@code ..}.
 */
public final class ChecksumFile {
    /** The file's name inside a dataset folder. */
    public static final String NAME = "SHA256SUMS";

    private static final java.util.regex.Pattern LINE = java.util.regex.Pattern.compile("([0-9a-f]{64}) [ *](.+)");

    private ChecksumFile() {
    }

    /** The checksums recorded in {@code root}/{@value #NAME}, relative path to hex SHA-256; empty when the folder has no such file. */
    public static Optional<SortedMap<String, String>> read(Path root) {
        Path file = root.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        return Optional.of(parse(lines, file.toString()));
    }

    /** Parses {@code lines} of a {@value #NAME} file; {@code source} names it in messages. Blank lines are skipped. */
    public static SortedMap<String, String> parse(List<String> lines, String source) {
        SortedMap<String, String> out = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String at = source + " line " + (i + 1);
            var m = LINE.matcher(line);
            if (!m.matches()) {
                throw new BadInputException(at + ": expected '<64 lowercase hex digits>  <relative path>' as sha256sum writes it, got '"
                        + line + "'");
            }
            String path = m.group(2);
            RelativePaths.check(path, at);
            if (out.put(path, m.group(1)) != null) {
                throw new BadInputException(at + ": '" + path + "' is listed twice");
            }
        }
        return out;
    }

    /** The file's text for {@code checksums}: lines sorted by path, as {@code sha256sum} writes them. */
    public static String format(SortedMap<String, String> checksums) {
        StringBuilder sb = new StringBuilder();
        checksums.forEach((path, sum) -> sb.append(sum).append("  ").append(path).append('\n'));
        return sb.toString();
    }

    /** Writes {@code root}/{@value #NAME} atomically. */
    public static void write(Path root, SortedMap<String, String> checksums) {
        AtomicFiles.writeString(root.resolve(NAME), format(checksums));
    }
}
