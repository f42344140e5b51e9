package org.lossbench.datasets.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.lossbench.core.BadInputException;

/**
 * Paths inside a dataset: every path a spec names must stay inside the dataset root. Absolute
 * paths, Windows drive or UNC prefixes, backslashes and {@code ..} segments are rejected outright
 * (not normalised away), and so is a path that exists but, through a symbolic link, really lies
 * outside the root, so that a dataset cannot be crafted to read or checksum files elsewhere.
 * Symbolic links that stay inside the root are followed. A leading {@code ./} (as MSD writes) is accepted.
 */
public final class RelativePaths {
    private RelativePaths() {
    }

    /**
     * Resolves {@code relative} against {@code root}; the result is the lexical path (links not
     * resolved), but when it exists its real location must be inside the root's real location.
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
        if (Files.exists(resolved)) {
            try {
                Path realBase = base.toRealPath();
                Path real = resolved.toRealPath();
                if (!real.startsWith(realBase)) {
                    throw new BadInputException(where + ": path '" + relative + "' is a symbolic link (or lies under one) to " + real
                            + ", outside the dataset root " + realBase + "; copy the file into the dataset or register the folder it is in");
                }
            } catch (IOException e) {
                throw new BadInputException(where + ": path '" + relative + "' cannot be resolved: " + e.getMessage(), e);
            }
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
