package org.lossbench.datasets.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.nifti.NiftiReader;
import org.lossbench.datasets.loader.Dataset;
import org.lossbench.datasets.spec.ChecksumFile;
import org.lossbench.datasets.spec.Layout;

/** Fetching a Decathlon task offline, from tar archives built here out of real cases of the shipped msd-hippocampus. */
class DecathlonFetcherTest {
    static final Path SHIPPED = Path.of(System.getProperty("lossbench.root", "..")).resolve("builtin-data/msd-hippocampus");
    static final DecathlonTask TASK04 = DecathlonTask.find("msd-hippocampus").orElseThrow();
    static final String DATASET_JSON = """
            {"name": "Hippocampus", "description": "Left and right hippocampus segmentation", "reference": " Vanderbilt University Medical Center",
             "licence": "CC-BY-SA 4.0", "release": "1.0 04/05/2018", "tensorImageSize": "3D", "modality": {"0": "MRI"},
             "labels": {"0": "background", "1": "Anterior", "2": "Posterior"}, "numTraining": 2, "numTest": 1,
             "training": [{"image": "./imagesTr/hippocampus_001.nii.gz", "label": "./labelsTr/hippocampus_001.nii.gz"},
                          {"image": "./imagesTr/hippocampus_243.nii.gz", "label": "./labelsTr/hippocampus_243.nii.gz"}],
             "test": ["./imagesTs/hippocampus_004.nii.gz"]}
            """;

    @TempDir
    Path tmp;

    /** An entry of a test archive: a name, and the bytes of a file, or null for a folder. */
    record Entry(String name, byte[] content, byte linkType, String linkName) {
        static Entry file(String name, byte[] content) {
            return new Entry(name, content, TarConstants.LF_NORMAL, null);
        }

        static Entry dir(String name) {
            return new Entry(name, null, TarConstants.LF_DIR, null);
        }
    }

    static List<Entry> task04() throws IOException {
        List<Entry> out = new ArrayList<>();
        out.add(Entry.dir("Task04_Hippocampus/"));
        out.add(Entry.file("Task04_Hippocampus/dataset.json", DATASET_JSON.getBytes(StandardCharsets.UTF_8)));
        for (String id : List.of("hippocampus_001", "hippocampus_243")) {
            out.add(Entry.file("Task04_Hippocampus/imagesTr/" + id + ".nii.gz", Files.readAllBytes(SHIPPED.resolve("imagesTr/" + id + ".nii.gz"))));
            out.add(Entry.file("Task04_Hippocampus/labelsTr/" + id + ".nii.gz", Files.readAllBytes(SHIPPED.resolve("labelsTr/" + id + ".nii.gz"))));
        }
        out.add(Entry.file("Task04_Hippocampus/imagesTs/hippocampus_004.nii.gz", Files.readAllBytes(SHIPPED.resolve("imagesTr/hippocampus_004.nii.gz"))));
        out.add(Entry.file("Task04_Hippocampus/._dataset.json", new byte[] {0, 5, 22, 7})); // macOS AppleDouble, as real MSD archives hold
        return out;
    }

    Path tar(String name, List<Entry> entries) throws IOException {
        Path file = tmp.resolve(name);
        try (OutputStream o = Files.newOutputStream(file); TarArchiveOutputStream t = new TarArchiveOutputStream(o)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry te = new TarArchiveEntry(e.name(), e.linkType(), true); // true: keep absolute names as given
                if (e.linkName() != null) {
                    te.setLinkName(e.linkName());
                }
                if (e.content() != null) {
                    te.setSize(e.content().length);
                }
                t.putArchiveEntry(te);
                if (e.content() != null) {
                    t.write(e.content());
                }
                t.closeArchiveEntry();
            }
        }
        return file;
    }

    static DecathlonTask taskFor(Path archive) {
        return TASK04.withMd5(Digests.of(archive).md5());
    }

    static final DecathlonFetcher.Listener QUIET = new DecathlonFetcher.Listener() {
        @Override
        public void downloadStarted(String source, long total) {
        }

        @Override
        public void downloaded(long bytes) {
        }
    };

    static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void digestsMatchKnownVectors() throws IOException {
        Path abc = Files.writeString(tmp.resolve("abc"), "abc");
        // RFC 1321 appendix A.5 and FIPS 180-2 appendix B.1
        assertEquals(new Digests("900150983cd24fb0d6963f7d28e17f72", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                Digests.of(abc));
    }

    @Test
    void theTableHasTheTenTasksAtTheMonaiMirror() {
        assertEquals(10, DecathlonTask.ALL.size());
        for (int i = 0; i < 10; i++) {
            DecathlonTask t = DecathlonTask.ALL.get(i);
            assertTrue(t.task().startsWith(String.format("Task%02d_", i + 1)), t.task());
            assertEquals("https://msd-for-monai.s3-us-west-2.amazonaws.com/" + t.task() + ".tar", t.url());
            assertTrue(t.md5().matches("[0-9a-f]{32}"), t.md5());
            assertEquals(t, DecathlonTask.find(t.task()).orElseThrow());
            assertEquals(t, DecathlonTask.find(t.name()).orElseThrow());
        }
        assertEquals("9d24dba78a72977dbd1d2e110310f31b", TASK04.md5());
    }

    @Test
    void aGoodArchiveIsExtractedVerifiedAndOpensAsADecathlonDataset() throws IOException {
        Path archive = tar("Task04_Hippocampus.tar", task04());
        Path out = tmp.resolve("data");
        Path dir = DecathlonFetcher.fetch(taskFor(archive), archive.toString(), out, QUIET);
        assertEquals(out.toAbsolutePath().normalize().resolve("Task04_Hippocampus"), dir);
        assertEquals(List.of("Task04_Hippocampus"), listing(out)); // no partial file or staging folder left
        Dataset ds = Dataset.open(dir);
        assertEquals(Layout.MSD, ds.layout());
        assertEquals(List.of("hippocampus_004"), ds.spec().splits().test());
        assertEquals(List.of("._dataset.json", "dataset.json", "imagesTr/hippocampus_001.nii.gz", "imagesTr/hippocampus_243.nii.gz",
                "imagesTs/hippocampus_004.nii.gz", "labelsTr/hippocampus_001.nii.gz", "labelsTr/hippocampus_243.nii.gz"),
                List.copyOf(ChecksumFile.read(dir).orElseThrow().keySet()));
        assertEquals(7, ds.recordedChecksums());
        assertEquals(3, ds.verify());
        // the float32 label map of case 243 came through byte for byte
        assertEquals(NiftiReader.readLabels(SHIPPED.resolve("labelsTr/hippocampus_243.nii.gz")).histogram(),
                ds.load("hippocampus_243").label().histogram());
        // a second fetch into the same place is refused and leaves the first alone
        BadInputException again = assertThrows(BadInputException.class, () -> DecathlonFetcher.fetch(taskFor(archive), archive.toString(), out, QUIET));
        assertTrue(again.getMessage().contains("already exists"), again.getMessage());
        assertEquals(3, Dataset.open(dir).verify());
    }

    @Test
    void aWrongChecksumIsRefusedBeforeExtraction() throws IOException {
        Path archive = tar("Task04_Hippocampus.tar", task04());
        Path out = tmp.resolve("data");
        BadInputException e = assertThrows(BadInputException.class, () -> DecathlonFetcher.fetch(TASK04, archive.toString(), out, QUIET));
        assertTrue(e.getMessage().contains("MD5 " + Digests.of(archive).md5() + " differs from 9d24dba78a72977dbd1d2e110310f31b"), e.getMessage());
        assertTrue(Files.notExists(out), "the --out folder this fetch made is gone");
        DecathlonTask withSha = new DecathlonTask("t", "Task04_Hippocampus", null, Digests.of(archive).md5(), "00".repeat(32));
        BadInputException sha = assertThrows(BadInputException.class, () -> DecathlonFetcher.fetch(withSha, archive.toString(), out, QUIET));
        assertTrue(sha.getMessage().contains("SHA-256 " + Digests.of(archive).sha256() + " differs"), sha.getMessage());
        assertTrue(Files.notExists(out), "the --out folder this fetch made is gone");
    }

    @Test
    void aTruncatedArchiveIsRefusedAndLeavesNothing() throws IOException {
        Path archive = tar("Task04_Hippocampus.tar", task04());
        byte[] bytes = Files.readAllBytes(archive);
        Path cut = Files.write(tmp.resolve("cut.tar"), java.util.Arrays.copyOf(bytes, bytes.length / 2 + 100));
        Path out = Files.createDirectories(tmp.resolve("data")); // a folder of the user's: kept, and nothing of the fetch left in it
        Files.writeString(out.resolve("keep.txt"), "mine");
        BadInputException e = assertThrows(BadInputException.class, () -> DecathlonFetcher.fetch(taskFor(cut), cut.toString(), out, QUIET));
        assertTrue(e.getMessage().contains("truncated or damaged"), e.getMessage());
        assertEquals(List.of("keep.txt"), listing(out));
        // cut at an entry boundary, the tar reader sees a shorter archive: the missing case files are named
        List<Entry> shorter = task04().subList(0, 4);
        Path boundary = tar("short.tar", shorter);
        BadInputException missing = assertThrows(BadInputException.class,
                () -> DecathlonFetcher.fetch(taskFor(boundary), boundary.toString(), out, QUIET));
        assertTrue(missing.getMessage().contains("hippocampus_243.nii.gz") && missing.getMessage().contains("missing"), missing.getMessage());
        assertEquals(List.of("keep.txt"), listing(out));
    }

    @Test
    void entriesThatEscapeTheTargetAreRefused() throws IOException {
        byte[] x = "x".getBytes(StandardCharsets.UTF_8);
        Map<String, Entry> evil = Map.of(
                "dot-dot", Entry.file("Task04_Hippocampus/../../escaped.txt", x),
                "absolute", Entry.file(tmp.resolve("absolute.txt").toString(), x),
                "symlink", new Entry("Task04_Hippocampus/imagesTr", null, TarConstants.LF_SYMLINK, "../../.."),
                "hardlink", new Entry("Task04_Hippocampus/passwd", null, TarConstants.LF_LINK, "/etc/passwd"));
        Map<String, String> says = Map.of("dot-dot", "contains '..'", "absolute", "absolute", "symlink", "symbolic link to '../../..', outside",
                "hardlink", "hard link to '/etc/passwd', outside");
        Path out = tmp.resolve("data");
        for (var e : evil.entrySet()) {
            List<Entry> entries = new ArrayList<>(task04().subList(0, 2));
            entries.add(e.getValue());
            entries.addAll(task04().subList(2, 8));
            Path archive = tar(e.getKey() + ".tar", entries);
            BadInputException refused = assertThrows(BadInputException.class,
                    () -> DecathlonFetcher.fetch(taskFor(archive), archive.toString(), out, QUIET), e.getKey());
            assertTrue(refused.getMessage().contains(says.get(e.getKey())) && refused.getMessage().contains("refused"), refused.getMessage());
            assertTrue(Files.notExists(out), e.getKey() + ": the --out folder this fetch made is gone");
        }
        assertTrue(Files.notExists(tmp.resolve("escaped.txt")) && Files.notExists(tmp.getParent().resolve("escaped.txt")));
        assertTrue(Files.notExists(tmp.resolve("absolute.txt")));
    }

    @Test
    void urlsAreDownloadedFromFileAndHttpSources() throws IOException {
        Path archive = tar("Task04_Hippocampus.tar", task04());
        byte[] bytes = Files.readAllBytes(archive);
        long[] seen = {-2, 0};
        DecathlonFetcher.Listener counting = new DecathlonFetcher.Listener() {
            @Override
            public void downloadStarted(String source, long total) {
                seen[0] = total;
            }

            @Override
            public void downloaded(long b) {
                seen[1] = b;
            }
        };
        Path viaFile = DecathlonFetcher.fetch(taskFor(archive), archive.toUri().toString(), tmp.resolve("a"), counting);
        assertEquals(3, Dataset.open(viaFile).verify());
        assertEquals(bytes.length, seen[1]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/Task04_Hippocampus.tar", x -> {
            x.sendResponseHeaders(200, bytes.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(bytes);
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Path viaHttp = DecathlonFetcher.fetch(taskFor(archive), base + "/Task04_Hippocampus.tar", tmp.resolve("b"), counting);
            assertEquals(3, Dataset.open(viaHttp).verify());
            assertEquals(bytes.length, seen[0]);
            BadInputException notFound = assertThrows(BadInputException.class,
                    () -> DecathlonFetcher.fetch(taskFor(archive), base + "/nothing.tar", tmp.resolve("c"), QUIET));
            assertTrue(notFound.getMessage().contains("download failed") && notFound.getMessage().contains("/nothing.tar"), notFound.getMessage());
            assertTrue(Files.notExists(tmp.resolve("c")));
        } finally {
            server.stop(0);
        }
    }
}
