package org.lossbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.datasets.loader.Dataset;
import org.lossbench.datasets.phantom.PhantomDataset;
import org.lossbench.datasets.phantom.PhantomHash;
import org.lossbench.datasets.phantom.Phantoms;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.datasets.registry.RegistryEntry;

/**
 * What {@code lossbench datasets verify} checks: a built-in phantom is generated again and its hash compared
 * with the reference (a difference is an internal error: this build does not reproduce it); a shipped or
 * registered dataset, or a dataset folder, is read case by case against its recorded checksums.
 */
final class DatasetVerification {
    private DatasetVerification() {
    }

    /** Verifies dataset {@code name} (or the folder of that name) and returns the result line's fields. */
    static Map<String, Object> verify(String name, DatasetRegistry registry, int threads) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        Optional<PhantomDataset> builtIn = Phantoms.find(name);
        if (builtIn.isPresent()) {
            String hash = PhantomHash.ofAll(Phantoms.generateAll(builtIn.get(), Phantoms.DEFAULT_SEED, threads, i -> { }));
            String expected = Phantoms.referenceHash(name).orElseThrow();
            if (!hash.equals(expected)) {
                throw new LossbenchException(ExitCode.INTERNAL, name + ": generated data hash " + hash
                        + " differs from the reference " + expected + "; this build does not reproduce the published phantom");
            }
            m.put("kind", "built-in");
            m.put("hash", hash);
            m.put("cases", builtIn.get().caseCount());
        } else {
            Path root;
            SortedMap<String, String> recorded;
            boolean shipped = DatasetRegistry.isShipped(name);
            if (!shipped && registry.findUser(name).isEmpty() && Files.isDirectory(Path.of(name))) {
                root = Path.of(name);
                recorded = new TreeMap<>();
            } else {
                RegistryEntry e = DatasetListing.entry(registry, name);
                root = Path.of(e.root());
                // a shipped dataset's entry holds its folder's SHA256SUMS, which the dataset checks itself
                recorded = shipped ? new TreeMap<>() : e.checksums();
            }
            Dataset ds = Dataset.open(root);
            m.put("kind", shipped ? "built-in" : "dataset");
            m.put("layout", ds.layout());
            m.put("cases", ds.verify(recorded));
            m.put("checksums", ds.spec().checksums().size() + recorded.size() + ds.recordedChecksums());
        }
        m.put("ok", true);
        return m;
    }
}
