package org.lossbench.datasets.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.datasets.loader.Checksums;
import org.lossbench.datasets.loader.Dataset;
import org.lossbench.datasets.spec.ChecksumFile;
import org.lossbench.datasets.spec.Layout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a Decathlon task into {@code OUT/<task>} (e.g. {@code OUT/Task04_Hippocampus}) so that no
 * failure leaves anything half-written:
 * <ol>
 * <li>the archive is the local file {@code from}, or is downloaded from the URL {@code from} (or the
 *     task's own URL) to a hidden partial file in {@code OUT} ({@code http}, {@code https} and
 *     {@code file} URLs; {@value #CONNECT_TIMEOUT_MS} ms to connect, {@value #READ_TIMEOUT_MS} ms
 *     without data before giving up);</li>
 * <li>its MD5 (and SHA-256 when known) must be the task's ({@link Digests#check});</li>
 * <li>it is extracted by {@link SafeTarExtractor} into a hidden temporary folder in {@code OUT};</li>
 * <li>the extracted task must be a Decathlon dataset whose every listed file is there
 *     ({@link Dataset#open}, {@link Dataset#checkFilesExist}); a {@code SHA256SUMS} of all its files is
 *     written, so that later loads check them;</li>
 * <li>the folder is moved to {@code OUT/<task>} in one rename.</li>
 * </ol>
 * The partial download and the temporary folder are deleted whether or not the fetch succeeded, and
 * so is {@code OUT} itself when the fetch created it and failed.
 */
public final class DecathlonFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(DecathlonFetcher.class);
    static final int CONNECT_TIMEOUT_MS = 30_000;
    static final int READ_TIMEOUT_MS = 60_000;

    /** What the fetch reports as it goes: bytes of the archive read so far (of {@code total}, -1 when unknown). */
    public interface Listener {
        void downloadStarted(String source, long total);

        void downloaded(long bytes);
    }

    private DecathlonFetcher() {
    }

    /**
     * Fetches {@code task} from {@code from} (a file path or URL; null for the task's URL) into {@code out}.
     *
     * @return the dataset folder {@code out/<task>}
     * @throws BadInputException on a wrong checksum, a damaged or unsafe archive, an existing target, a failed download
     */
    public static Path fetch(DecathlonTask task, String from, Path out, Listener listener) {
        AtomicFiles.checkFolder(out, "--out");
        Path base = out.toAbsolutePath().normalize();
        Path target = base.resolve(task.task());
        if (Files.exists(target)) {
            throw new BadInputException(target + " already exists; use it as it is (lossbench datasets register " + target
                    + "), or delete it or choose another --out to fetch again");
        }
        Path local = from == null ? null : localFile(from);
        boolean created = !Files.exists(base);
        boolean done = false;
        Path partial = null;
        Path staging = null;
        try {
            Files.createDirectories(base);
            Path archive;
            if (local != null) {
                archive = local;
            } else {
                partial = Files.createTempFile(base, "." + task.task() + ".tar.", ".partial");
                download(from == null ? task.url() : from, partial, listener);
                archive = partial;
            }
            LOG.info("checking the checksum of {}", archive);
            Digests.of(archive).check(task, archive);
            staging = Files.createTempDirectory(base, "." + task.task() + ".");
            LOG.info("extracting {} into {}", archive, staging);
            int files = SafeTarExtractor.extract(archive, staging);
            LOG.info("extracted {} files; checking the dataset", files);
            Path dataset = staging.resolve(task.task());
            if (!Files.isRegularFile(dataset.resolve("dataset.json"))) {
                throw new BadInputException(archive + ": holds no " + task.task() + "/dataset.json; not the Decathlon's "
                        + task.task() + " archive");
            }
            Dataset.open(dataset, Layout.MSD).checkFilesExist();
            ChecksumFile.write(dataset, checksums(dataset));
            Files.move(dataset, target, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            return target;
        } catch (IOException e) {
            throw new BadInputException("fetch " + task.task() + " into " + base + ": " + e, e);
        } finally {
            deleteQuietly(partial);
            deleteQuietly(staging);
            if (created && !done) {
                deleteQuietly(base); // the --out folder this fetch made holds nothing else
            }
        }
    }

    /** {@code from} as a local file, or null when it is a URL. */
    private static Path localFile(String from) {
        if (from.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            return null;
        }
        Path p = Path.of(from);
        if (!Files.isRegularFile(p)) {
            throw new BadInputException("--from " + from + ": no such file (give the archive's path, or a URL)");
        }
        return p;
    }

    private static void download(String url, Path to, Listener listener) throws IOException {
        URLConnection c;
        try {
            c = new URI(url).toURL().openConnection();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new BadInputException("--from " + url + ": not a valid URL: " + e.getMessage());
        }
        c.setConnectTimeout(CONNECT_TIMEOUT_MS);
        c.setReadTimeout(READ_TIMEOUT_MS);
        long total = c.getContentLengthLong();
        listener.downloadStarted(url, total);
        long done = 0;
        try (InputStream in = c.getInputStream(); OutputStream o = Files.newOutputStream(to)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                o.write(buf, 0, n);
                done += n;
                listener.downloaded(done);
            }
        } catch (IOException e) {
            throw new BadInputException(url + ": download failed after " + done + " bytes: " + e
                    + "; check the network or the URL, or download the archive yourself and give --from FILE", e);
        }
        if (total >= 0 && done != total) {
            throw new BadInputException(url + ": the server announced " + total + " bytes but sent " + done + "; download again");
        }
    }

    /** SHA-256 of every file under {@code dir}, by path relative to it. */
    private static java.util.SortedMap<String, String> checksums(Path dir) throws IOException {
        java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString().replace('\\', '/'), Checksums.sha256(f));
            }
        }
        return out;
    }

    private static void deleteQuietly(Path p) {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // best effort: the hidden name says what it was; a later fetch uses new names
        }
    }
}
