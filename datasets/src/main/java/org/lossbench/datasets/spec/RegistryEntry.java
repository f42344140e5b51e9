package org.lossbench.datasets.spec;

/** A user-registered dataset: a name for a folder on disk and its layout. */
public record RegistryEntry(String name, String root, Layout layout) {
}
