package org.lossbench.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;

/**
 * Writes files so that a reader never sees a half-written one: the content goes to a temporary
 * file in the target's folder, is flushed to disk, and is then moved over the target in one atomic
 * rename. If writing fails, the temporary file is deleted and the target is left as it was.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Checks, before a command does any work, that its output folder {@code dir} can be a folder: it
     * is one, or it is missing and its nearest existing ancestor is a folder. A file standing where the
     * folder (or one of its parents) should be stops the command at once with exit 3, instead of after
     * minutes of work. Nothing is created here: a command that then fails on its input leaves no folder.
     *
     * @param option how the user named the folder, for the message (e.g. {@code --out})
     */
    public static void checkFolder(Path dir, String option) {
        for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p)) {
                return;
            }
            if (Files.exists(p)) {
                throw new BadInputException(option + " " + dir + ": " + p + " is a file, not a folder; name a folder (it is created if missing)");
            }
        }
    }

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code content} to {@code target} atomically, creating parent folders as needed. */
    public static void write(Path target, Content content) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = createTemp(dir, absolute.getFileName().toString());
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            move(tmp, absolute);
            tmp = null;
        } catch (IOException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "cannot write " + target + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "cannot write " + target + ": " + e.getCause().getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original failure is the one worth reporting
                }
            }
        }
    }

    /**
     * Creates {@code target} holding {@code text} (UTF-8) only if no file of that name exists, atomically in
     * both senses: no other process can create it too, and no reader ever sees it empty or half written. The
     * text goes to a temporary file first, which is then hard-linked to the target ({@code link(2)} fails when
     * the target exists, also on NFS, the classic lock-file idiom) and removed. A process killed between the
     * two steps leaves a hidden {@code .NAME.*.tmp} file and no target. File systems without hard links fall
     * back to {@code O_CREAT|O_EXCL}, where a reader may briefly see an empty file.
     *
     * @return false when {@code target} already exists (it is left as it was)
     */
    public static boolean createNew(Path target, String text) {
        Path absolute = target.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(absolute.getParent());
            tmp = createTemp(absolute.getParent(), absolute.getFileName().toString());
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.createLink(absolute, tmp);
            } catch (FileAlreadyExistsException exists) {
                return false;
            } catch (UnsupportedOperationException | FileSystemException noLinks) {
                try (OutputStream out = Files.newOutputStream(absolute, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    out.write(text.getBytes(StandardCharsets.UTF_8));
                } catch (FileAlreadyExistsException exists) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "cannot create " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the target is what matters; a leftover hidden temporary file is harmless
                }
            }
        }
    }

    /** Writes {@code text} as UTF-8 to {@code target} atomically. */
    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A temporary file beside the target, readable by all like any file the user creates
     * ({@code rw-r--r--} less the umask), not {@code createTempFile}'s private {@code rw-------}.
     */
    private static Path createTemp(Path dir, String name) throws IOException {
        String prefix = "." + name + ".";
        try {
            return Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(SHARED_READ));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile(dir, prefix, ".tmp");
        }
    }

    private static final Set<PosixFilePermission> SHARED_READ = PosixFilePermissions.fromString("rw-r--r--");

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
