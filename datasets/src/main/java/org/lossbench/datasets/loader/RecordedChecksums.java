package org.lossbench.datasets.loader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import org.lossbench.core.BadInputException;
import org.lossbench.datasets.spec.ChecksumFile;
import org.lossbench.datasets.spec.RelativePaths;

/**
 * The checksums a dataset folder carries in its own {@link ChecksumFile} ({@code SHA256SUMS}), as
 * lossbench's built-in real data and fetched datasets do, checked as the dataset is used: every
 * listed file must exist when the dataset is opened, and a listed file's SHA-256 must match before
 * it is read. A folder without the file has nothing to check.
 */
final class RecordedChecksums {
    /** What to do about a damaged or missing file, for every message. */
    static final String RESTORE = "restore the file from where the dataset came from (lossbench's built-in data: "
            + "git checkout -- builtin-data in the lossbench checkout, or reinstall; a fetched dataset: fetch it again into a new folder)";

    private final Path root;
    private final SortedMap<String, String> sums;
    private final Path source;

    private RecordedChecksums(Path root, SortedMap<String, String> sums) {
        this.root = root;
        this.sums = sums;
        this.source = root.resolve(ChecksumFile.NAME);
    }

    /** The checksums of the folder {@code root}: its {@code SHA256SUMS}, or none. */
    static RecordedChecksums of(Path root) {
        return new RecordedChecksums(root, ChecksumFile.read(root).orElseGet(TreeMap::new));
    }

    /** How many files are listed. */
    int size() {
        return sums.size();
    }

    /** Throws a {@link BadInputException} naming the first listed file that is missing. */
    void requireAllPresent() {
        for (String relative : sums.keySet()) {
            Path file = RelativePaths.resolve(root, relative, source.toString());
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(file + ": missing, but " + source + " lists it; " + RESTORE);
            }
        }
    }

    /** When {@code relative} is listed, checks its SHA-256; a mismatch is a {@link BadInputException} naming the file. */
    void check(String relative) {
        String expected = sums.get(relative);
        if (expected == null) {
            return;
        }
        Path file = RelativePaths.resolve(root, relative, source.toString());
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": missing, but " + source + " lists it; " + RESTORE);
        }
        String actual = Checksums.sha256(file);
        if (!actual.equals(expected)) {
            throw new BadInputException(file + ": SHA-256 " + actual + " differs from " + expected + " recorded in " + source
                    + ": the file is damaged or was changed; " + RESTORE);
        }
    }

    /** Checks every listed file; returns how many. */
    int verifyAll() {
        for (String relative : sums.keySet()) {
            check(relative);
        }
        return sums.size();
    }
}
