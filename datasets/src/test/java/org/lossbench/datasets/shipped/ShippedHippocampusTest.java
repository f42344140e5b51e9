package org.lossbench.datasets.shipped;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lossbench.core.io.nifti.NiftiReader;
import org.lossbench.datasets.loader.Checksums;
import org.lossbench.datasets.loader.Dataset;
import org.lossbench.datasets.loader.LoadedCase;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.datasets.registry.RegistryEntry;
import org.lossbench.datasets.spec.ChecksumFile;
import org.lossbench.datasets.spec.Layout;
import org.lossbench.datasets.spec.SplitFile;
import org.lossbench.datasets.spec.Splits;
import org.lossbench.datasets.split.VolumeStrata;

/**
 * The built-in {@code msd-hippocampus} as shipped in builtin-data/: every case read through the loader
 * and compared with nibabel's reading (tools/hippocampus_volumes.py, committed as hippocampus_volumes.csv),
 * and the published split pinned and checked.
 */
class ShippedHippocampusTest {
    /** SHA-256 of the published split.json: it must never change. */
    static final String SPLIT_SHA256 = "9d3fa491fdea5a838b5ca90c924162f78179e5e28188fc4eb4560d5199be859a";

    /** One line of the nibabel reference. */
    record Ref(String imageDtype, String labelDtype, int[] shapeXyz, long label1, long label2, double volume) {
    }

    static Path install;
    static Path root;
    static Map<String, Ref> refs;

    @BeforeAll
    static void locate() throws IOException {
        install = Path.of(System.getProperty("lossbench.root", "..")).toAbsolutePath().normalize();
        root = install.resolve("builtin-data/msd-hippocampus");
        refs = new LinkedHashMap<>();
        try (InputStream in = ShippedHippocampusTest.class.getResourceAsStream("hippocampus_volumes.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                int[] shape = java.util.Arrays.stream(f[3].split(" ")).mapToInt(Integer::parseInt).toArray();
                refs.put(f[0], new Ref(f[1], f[2], shape, Long.parseLong(f[4]), Long.parseLong(f[5]), Double.parseDouble(f[6])));
            }
        }
    }

    static Dataset open() {
        RegistryEntry e = new DatasetRegistry(Path.of("unused-registry.json"), install).find("msd-hippocampus").orElseThrow();
        assertEquals(Layout.MSD, e.layout());
        return Dataset.open(Path.of(e.root()), e.layout());
    }

    @Test
    void everyCaseReadsThroughTheLoaderAsNibabelReadsIt() {
        Dataset ds = open();
        assertEquals(200, refs.size());
        assertEquals(refs.keySet(), new HashSet<>(ds.spec().cases().stream().map(c -> c.id()).toList()));
        Map<String, Integer> imageTypes = new TreeMap<>();
        Map<String, Integer> labelTypes = new TreeMap<>();
        float floatMax = 0;
        for (var c : ds.spec().cases()) {
            Ref ref = refs.get(c.id());
            LoadedCase lc = ds.load(c);
            int[] dhw = lc.image().grid().shape();
            assertEquals(List.of(ref.shapeXyz()[2], ref.shapeXyz()[1], ref.shapeXyz()[0]), List.of(dhw[0], dhw[1], dhw[2]), c.id());
            assertEquals(lc.image().grid(), lc.label().grid(), c.id());
            SortedMap<Integer, Long> hist = lc.label().histogram();
            assertEquals(Set.of(0, 1, 2), hist.keySet(), c.id());
            assertEquals(ref.label1(), hist.get(1), c.id());
            assertEquals(ref.label2(), hist.get(2), c.id());
            assertEquals(ref.volume(), VolumeStrata.foregroundVolume(lc.label()), 1e-9, c.id());
            String imageType = NiftiReader.readHeader(ds.root().resolve(c.images().get(0))).datatype().label();
            String labelType = NiftiReader.readHeader(ds.root().resolve(c.label())).datatype().label();
            assertEquals(ref.imageDtype(), imageType, c.id());
            assertEquals(ref.labelDtype(), labelType, c.id());
            imageTypes.merge(imageType, 1, Integer::sum);
            labelTypes.merge(labelType, 1, Integer::sum);
            float max = 0;
            for (float v : lc.image().data()) {
                max = Math.max(max, v);
                if (imageType.equals("uint8")) {
                    assertTrue(v >= 0 && v <= 255 && v == Math.rint(v), c.id() + " holds " + v);
                }
            }
            if (imageType.equals("float32")) {
                floatMax = Math.max(floatMax, max);
            }
        }
        // both intensity encodings and the float32 label map of the source are there, and were read
        assertEquals(Map.of("float32", 158, "uint8", 42), imageTypes);
        assertEquals(Map.of("float32", 1, "uint8", 199), labelTypes);
        assertTrue(floatMax > 1000, "float32 images reach " + floatMax);
    }

    @Test
    void publishedSplitIsPinnedDisjointCompleteAndStratifiedByVolume() throws IOException {
        assertEquals(SPLIT_SHA256, Checksums.sha256(root.resolve(SplitFile.NAME)));
        Splits s = open().spec().splits();
        assertEquals(List.of(140, 20, 40), List.of(s.train().size(), s.val().size(), s.test().size()));
        Set<String> all = new HashSet<>();
        all.addAll(s.train());
        all.addAll(s.val());
        all.addAll(s.test());
        assertEquals(200, all.size(), "train, val and test overlap");
        assertEquals(refs.keySet(), all);
        // deciles of the nibabel volumes, ranked by (volume, id): every decile gives 14 / 2 / 4 cases
        List<String> ranked = new ArrayList<>(refs.keySet());
        ranked.sort((a, b) -> refs.get(a).volume() != refs.get(b).volume()
                ? Double.compare(refs.get(a).volume(), refs.get(b).volume()) : a.compareTo(b));
        Map<String, Integer> decile = new TreeMap<>();
        for (int r = 0; r < ranked.size(); r++) {
            decile.put(ranked.get(r), r / 20);
        }
        int[] expected = {14, 2, 4};
        List<List<String>> parts = List.of(s.train(), s.val(), s.test());
        for (int p = 0; p < 3; p++) {
            int[] counts = new int[10];
            parts.get(p).forEach(id -> counts[decile.get(id)]++);
            for (int d = 0; d < 10; d++) {
                assertEquals(expected[p], counts[d], "part " + p + " decile " + d);
            }
        }
        // and the volume ranges of the parts overlap: each part's median lies in the middle two deciles
        for (List<String> part : parts) {
            double[] v = part.stream().mapToDouble(id -> refs.get(id).volume()).sorted().toArray();
            double median = (v[(v.length - 1) / 2] + v[v.length / 2]) / 2;
            assertTrue(median >= refs.get(ranked.get(80)).volume() && median <= refs.get(ranked.get(119)).volume(), "median " + median);
        }
    }

    @Test
    void theDocumentedProcedureGivesThePublishedSplit() {
        Map<String, Double> volumes = new TreeMap<>();
        refs.forEach((id, r) -> volumes.put(id, r.volume()));
        SplitFile made = HippocampusSplitProcedure.make(volumes);
        SplitFile published = SplitFile.read(root).orElseThrow();
        assertEquals(published, made);
    }

    @Test
    void checksumsListEveryFileAndMatch() throws IOException {
        SortedMap<String, String> sums = ChecksumFile.read(root).orElseThrow();
        List<String> files;
        try (var walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> !f.equals(ChecksumFile.NAME)).sorted().toList();
        }
        assertEquals(files, new ArrayList<>(sums.keySet()));
        assertEquals(403, sums.size());
        assertEquals(200, open().verify());
    }

    @Test
    void shippedFilesAreByteForByteTheSharedCopy() throws IOException {
        Path shared = Path.of(System.getProperty("lossbench.shared", "../shared")).resolve("realdata");
        assumeTrue(Files.isRegularFile(shared.resolve("SHA256SUMS")), "shared realdata not present");
        SortedMap<String, String> sharedSums = ChecksumFile.parse(Files.readAllLines(shared.resolve("SHA256SUMS")), "shared");
        SortedMap<String, String> ours = ChecksumFile.read(root).orElseThrow();
        int compared = 0;
        for (var e : sharedSums.entrySet()) {
            if (e.getKey().startsWith("msd-hippocampus/")) {
                assertEquals(e.getValue(), ours.get(e.getKey().substring("msd-hippocampus/".length())), e.getKey());
                compared++;
            }
        }
        assertEquals(401, compared);
    }
}
