package org.lossbench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.datasets.loader.Dataset;
import org.lossbench.datasets.phantom.PhantomDataset;
import org.lossbench.datasets.phantom.Phantoms;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.datasets.spec.DatasetSpec;
import org.lossbench.datasets.registry.RegistryEntry;
import org.lossbench.datasets.spec.SpecJson;

/** What {@code lossbench datasets list} and {@code info} print about the built-in, shipped and registered datasets. */
final class DatasetListing {
    private DatasetListing() {
    }

    /** One row per dataset, as it is read: the built-in phantoms, the shipped datasets, then the registered ones. */
    static void forEachRow(DatasetRegistry r, Consumer<Map<String, Object>> rows) {
        for (PhantomDataset d : r.builtIns()) {
            Map<String, Object> m = identify(d);
            m.put("cases", d.caseCount());
            m.put("modalities", d.modalities());
            m.put("classes", d.labels().size());
            rows.accept(m);
        }
        for (RegistryEntry e : r.shipped()) {
            DatasetSpec ds = Dataset.open(Path.of(e.root()), e.layout()).spec();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("kind", "built-in");
            m.put("cases", ds.cases().size());
            m.put("modalities", ds.modalities());
            m.put("classes", ds.labels().size());
            m.put("layout", e.layout());
            m.put("root", e.root());
            m.put("licence", ds.licence());
            rows.accept(m);
        }
        for (RegistryEntry e : r.userEntries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("kind", "registered");
            m.put("layout", e.layout());
            m.put("root", e.root());
            rows.accept(m);
        }
    }

    /** A built-in's name, version and, for a superseded version, the name that replaced it. */
    static Map<String, Object> identify(PhantomDataset d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("kind", "built-in");
        m.put("version", d.version());
        Phantoms.supersededBy(d).ifPresentOrElse(current -> m.put("superseded_by", current),
                () -> m.put("alias", Phantoms.versionedName(d)));
        return m;
    }

    /** Everything about a built-in phantom ({@code datasets info}). */
    static Map<String, Object> describe(PhantomDataset d) {
        Map<String, Object> m = identify(d);
        m.put("description", d.description());
        m.put("modalities", d.modalities());
        m.put("labels", d.labels());
        m.put("shape", d.grid().shape());
        m.put("spacing", d.grid().spacing());
        m.put("cases", d.caseCount());
        m.put("default_seed", Phantoms.DEFAULT_SEED);
        m.put("reference_hash", Phantoms.referenceHash(d.name()).orElseThrow());
        return m;
    }

    /** A shipped or registered dataset by name, or a usage error that says how to find the names. */
    static RegistryEntry entry(DatasetRegistry r, String name) {
        return r.find(name).orElseThrow(() -> new LossbenchException(ExitCode.USAGE,
                "unknown dataset '" + name + "'; 'lossbench datasets list' shows the built-in and registered ones"));
    }

    /** Indented JSON with the dataset specs' own field names. */
    static String pretty(Object value) {
        try {
            return SpecJson.WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "cannot write JSON: " + e.getMessage(), e);
        }
    }
}
