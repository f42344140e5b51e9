package org.lossbench.datasets.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.lossbench.core.BadInputException;
import org.lossbench.datasets.spec.ChecksumFile;
import org.lossbench.datasets.spec.Layout;

/**
 * The real datasets that ship with lossbench, as files in the installation's {@value #FOLDER}/ folder
 * (the checkout the {@code lossbench} launcher runs from, {@code $LOSSBENCH_ROOT}; tests get it as the
 * system property {@code lossbench.root}). Each is a folder in a layout the loader reads, with a
 * {@link ChecksumFile} that lists every file, and it is used exactly like a registered dataset (a
 * {@link RegistryEntry} whose checksums are that file's), except that its name cannot be taken by a
 * registration. See docs/datasets.md "Built-in real data".
 */
public final class ShippedDatasets {
    /** The installation's folder of shipped datasets. */
    public static final String FOLDER = "builtin-data";
    /** Environment variable naming the installation (the launcher sets it). */
    public static final String ROOT_ENV = "LOSSBENCH_ROOT";
    /** System property naming the installation when the environment does not (surefire sets it). */
    public static final String ROOT_PROPERTY = "lossbench.root";

    /** One shipped dataset: its name, its folder under {@value #FOLDER}/, layout, and a one-line description. */
    public record Shipped(String name, String folder, Layout layout, String summary) {
    }

    private static final List<Shipped> ALL = List.of(
            new Shipped("msd-hippocampus", "msd-hippocampus", Layout.MSD,
                    "Medical Segmentation Decathlon Task04 Hippocampus, 200 of its 260 labelled T1 MRI cases (CC-BY-SA 4.0)"));

    private ShippedDatasets() {
    }

    public static List<Shipped> all() {
        return ALL;
    }

    public static Optional<Shipped> find(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The installation: {@code $LOSSBENCH_ROOT}, else {@code property} (the system property {@value #ROOT_PROPERTY}), else none. */
    public static Optional<Path> installRoot(Map<String, String> env, String property) {
        String root = env.get(ROOT_ENV);
        if (root == null || root.isBlank()) {
            root = property;
        }
        return root == null || root.isBlank() ? Optional.empty() : Optional.of(Path.of(root).toAbsolutePath().normalize());
    }

    /** Where {@code s} lives in the installation at {@code installRoot}. */
    public static Path folder(Path installRoot, Shipped s) {
        return installRoot.resolve(FOLDER).resolve(s.folder());
    }

    /**
     * {@code s} as a registry entry: its folder, layout, and the checksums of its {@link ChecksumFile}.
     *
     * @throws BadInputException when the folder or its checksum file is missing (an incomplete installation)
     */
    public static RegistryEntry entry(Path installRoot, Shipped s) {
        Path dir = folder(installRoot, s);
        String restore = "the installation " + installRoot + " is incomplete: restore the folder (git checkout -- " + FOLDER + "/"
                + s.folder() + " in a checkout) or point $" + ROOT_ENV + " at a complete lossbench";
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("built-in dataset '" + s.name() + "': folder " + dir + " is missing; " + restore);
        }
        SortedMap<String, String> sums = ChecksumFile.read(dir).orElseThrow(() -> new BadInputException(
                "built-in dataset '" + s.name() + "': " + dir.resolve(ChecksumFile.NAME) + " is missing; " + restore));
        return new RegistryEntry(s.name(), dir.toString(), s.layout(), sums);
    }
}
