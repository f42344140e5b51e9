package org.lossbench.datasets.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.SortedMap;
import java.util.TreeMap;
import org.lossbench.datasets.spec.Layout;

/**
 * A user-registered dataset: a name for a folder on disk, its layout, and the SHA-256 of its files
 * taken when it was registered (empty when registered without checksums).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RegistryEntry(String name, String root, Layout layout, SortedMap<String, String> checksums) {
    public RegistryEntry {
        checksums = checksums == null ? new TreeMap<>() : new TreeMap<>(checksums);
    }

    public RegistryEntry(String name, String root, Layout layout) {
        this(name, root, layout, null);
    }
}
