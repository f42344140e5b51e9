package org.lossbench.datasets.spec;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.lossbench.core.BadInputException;

/**
 * Paths inside a dataset: every path a spec names must stay inside the dataset root. Absolute
 * paths, Windows drive or UNC prefixes, backslashes and {@code ..} segments are rejected outright
 * (not normalised away), so that a dataset cannot be crafted to read or checksum files elsewhere.
 * A leading {@code ./} (as MSD writes) is accepted.
 */
public final class RelativePaths {
    private RelativePaths() {
    }

    /**
     * Resolves {@code relative} against {@code root}.
     *
     * @param where what names the path in error messages, e.g. {@code case 'la_003' image 0}
     */
    public static Path resolve(Path root, String relative, String where) {
        check(relative, where);
        Path base = root.toAbsolutePath().normalize();
        Path resolved;
        try {
            resolved = base.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            throw new BadInputException(where + ": path '" + relative + "' is not a valid path: " + e.getReason());
        }
        if (!resolved.startsWith(base)) {
            throw new BadInputException(where + ": path '" + relative + "' leaves the dataset root " + base);
        }
        return resolved;
    }

    /** Rejects empty, absolute, backslashed and {@code ..}-containing paths. */
    public static void check(String relative, String where) {
        if (relative == null || relative.isBlank()) {
            throw new BadInputException(where + ": path is missing or empty");
        }
        if (relative.startsWith("/") || relative.startsWith("~") || relative.matches("^[A-Za-z]:.*")) {
            throw new BadInputException(where + ": path '" + relative
                    + "' is absolute; paths must be relative to the dataset root");
        }
        if (relative.indexOf('\\') >= 0 || relative.indexOf('\0') >= 0) {
            throw new BadInputException(where + ": path '" + relative + "' contains a backslash or NUL; use '/' separators");
        }
        for (String segment : relative.split("/")) {
            if (segment.equals("..")) {
                throw new BadInputException(where + ": path '" + relative
                        + "' contains '..'; paths must stay inside the dataset root");
            }
        }
    }
}
