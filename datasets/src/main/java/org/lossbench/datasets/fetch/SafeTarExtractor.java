package org.lossbench.datasets.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.lossbench.core.BadInputException;

/**
 * Extracts a tar archive (Apache Commons Compress's {@link TarArchiveInputStream}: ustar, GNU and PAX
 * headers) into a folder, refusing anything that could write outside it or that is not a plain
 * folder or file: an absolute entry name, a {@code ..} segment, a backslash, a name that leaves the
 * folder once resolved, a symbolic or hard link (wherever it points: Decathlon archives hold none,
 * and a link inside the folder could make a later entry write through it), a device or FIFO, and a
 * second entry for a path already written. A truncated archive (an entry's data or a header cut
 * short) is refused too. Every refusal is a {@link BadInputException} naming the archive and the
 * entry; what was extracted until then is left for the caller to delete.
 */
public final class SafeTarExtractor {
    private SafeTarExtractor() {
    }

    /** Extracts {@code archive} into the existing folder {@code dest}; returns the number of files written. */
    public static int extract(Path archive, Path dest) {
        Path base = dest.toAbsolutePath().normalize();
        int files = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (e.isDirectory() && (e.getName().equals("./") || e.getName().equals("."))) {
                    continue; // the archive's own root, as 'tar -C DIR .' writes it
                }
                String where = archive + ": entry '" + e.getName() + "'";
                Path target = target(base, e.getName(), where);
                if (e.isSymbolicLink() || e.isLink()) {
                    // a symbolic link's target is relative to the link's folder, a hard link's to the archive's root
                    Path pointsTo = (e.isSymbolicLink() ? target.getParent() : base).resolve(e.getLinkName()).normalize();
                    boolean outside = !pointsTo.startsWith(base);
                    throw new BadInputException(where + " is a " + (e.isSymbolicLink() ? "symbolic" : "hard") + " link to '"
                            + e.getLinkName() + "'" + (outside ? ", outside the target folder" : "")
                            + "; lossbench extracts no links (Decathlon archives hold only folders and files): refused");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else if (e.isFile()) {
                    Files.createDirectories(target.getParent());
                    long written;
                    try {
                        written = Files.copy(tar, target);
                    } catch (FileAlreadyExistsException x) {
                        throw new BadInputException(where + " writes " + target + " a second time: refused");
                    }
                    if (written != e.getSize()) {
                        throw truncated(archive, where, null);
                    }
                    files++;
                } else {
                    throw new BadInputException(where + " is neither a folder nor a plain file (a device, FIFO or other special "
                            + "entry): refused");
                }
            }
        } catch (BadInputException e) {
            throw e;
        } catch (IOException e) {
            throw truncated(archive, archive.toString(), e);
        }
        return files;
    }

    /** The path an entry called {@code name} writes, checked to stay inside {@code base}. */
    static Path target(Path base, String name, String where) {
        String n = name.startsWith("./") ? name.substring(2) : name;
        if (n.isEmpty() || n.startsWith("/") || n.matches("^[A-Za-z]:.*") || n.indexOf('\\') >= 0 || n.indexOf('\0') >= 0) {
            throw new BadInputException(where + " has an absolute or malformed path: refused (an archive must hold relative paths)");
        }
        for (String segment : n.split("/")) {
            if (segment.equals("..")) {
                throw new BadInputException(where + " contains '..' and would escape the target folder: refused");
            }
        }
        Path target;
        try {
            target = base.resolve(n).normalize();
        } catch (InvalidPathException e) {
            throw new BadInputException(where + " is not a valid path here: " + e.getReason() + ": refused");
        }
        if (!target.startsWith(base) || target.equals(base)) {
            throw new BadInputException(where + " resolves to " + target + ", outside the target folder " + base + ": refused");
        }
        return target;
    }

    private static BadInputException truncated(Path archive, String where, IOException cause) {
        return new BadInputException(where + ": the archive is truncated or damaged" + (cause == null ? "" : " (" + cause.getMessage() + ")")
                + "; download it again", cause);
    }
}
