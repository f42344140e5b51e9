package org.lossbench.datasets.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lossbench.core.BadInputException;
import org.lossbench.datasets.phantom.PhantomDataset;
import org.lossbench.datasets.phantom.Phantoms;
import org.lossbench.datasets.spec.SpecJson;

/**
 * The datasets lossbench knows by name: the built-in phantoms, the real datasets shipped with the
 * installation ({@link ShippedDatasets}) and the datasets a user registered. A shipped dataset and a
 * registered one are both {@link RegistryEntry}s (a folder, a layout, checksums), found by {@link #find}.
 *
 * <p>User entries live in a JSON registry file ({@code {"datasets": [{"name", "root", "layout"}]}}),
 * found at, in order: the path given explicitly (the {@code --registry} flag), the environment
 * variable {@value #ENV}, {@code ~/.lossbench/registry.json}. The file is rewritten atomically.
 */
public final class DatasetRegistry {
    /** Environment variable naming the registry file. */
    public static final String ENV = "LOSSBENCH_REGISTRY";

    /** The registry file's content. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RegistryFile(List<RegistryEntry> datasets) {
        public RegistryFile {
            datasets = datasets == null ? List.of() : List.copyOf(datasets);
        }
    }

    private final Path file;
    private final Path installRoot;

    /** A registry of user datasets in {@code file}, without the shipped datasets (no installation known). */
    public DatasetRegistry(Path file) {
        this(file, null);
    }

    /**
     * A registry of user datasets in {@code file} and of the datasets shipped in the installation at
     * {@code installRoot} (null: none).
     */
    public DatasetRegistry(Path file, Path installRoot) {
        this.file = file;
        this.installRoot = installRoot;
    }

    /**
     * The registry at {@code override}, else {@code $LOSSBENCH_REGISTRY}, else {@code <home>/.lossbench/registry.json};
     * the installation from {@code $LOSSBENCH_ROOT}, else {@code rootProperty} ({@link ShippedDatasets#installRoot}).
     */
    public static DatasetRegistry locate(Path override, Map<String, String> env, Path home, String rootProperty) {
        Path root = ShippedDatasets.installRoot(env, rootProperty).orElse(null);
        if (override != null) {
            return new DatasetRegistry(override, root);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new DatasetRegistry(Path.of(fromEnv), root);
        }
        return new DatasetRegistry(home.resolve(".lossbench").resolve("registry.json"), root);
    }

    /** The registry for this process: {@code override}, the environment, or the user's home; the installation as the launcher or surefire name it. */
    public static DatasetRegistry locate(Path override) {
        return locate(override, System.getenv(), Path.of(System.getProperty("user.home")),
                System.getProperty(ShippedDatasets.ROOT_PROPERTY));
    }

    public Path file() {
        return file;
    }

    /** The installation whose shipped datasets this registry offers, if known. */
    public Optional<Path> installRoot() {
        return Optional.ofNullable(installRoot);
    }

    /** Built-in phantom datasets. */
    public List<PhantomDataset> builtIns() {
        return Phantoms.names().stream().map(n -> Phantoms.find(n).orElseThrow()).toList();
    }

    /**
     * The shipped datasets of the installation, in {@link ShippedDatasets#all()} order; empty when no
     * installation is known.
     *
     * @throws BadInputException when one's folder or checksum file is missing
     */
    public List<RegistryEntry> shipped() {
        return installRoot == null ? List.of() : ShippedDatasets.all().stream().map(s -> ShippedDatasets.entry(installRoot, s)).toList();
    }

    /** The names of every built-in dataset, phantoms first, then the shipped real ones. */
    public static List<String> builtInNames() {
        List<String> names = new ArrayList<>(Phantoms.names());
        ShippedDatasets.all().forEach(s -> names.add(s.name()));
        return names;
    }

    /** Whether {@code name} is a dataset shipped with lossbench (whether or not this installation has its files). */
    public static boolean isShipped(String name) {
        return ShippedDatasets.find(name).isPresent();
    }

    /**
     * The dataset on disk called {@code name}: a shipped one, else a user entry. Empty for phantoms
     * and unknown names.
     *
     * @throws BadInputException when {@code name} is shipped but this installation lacks its files
     *                           or none is known (the message says to set {@code $LOSSBENCH_ROOT})
     */
    public Optional<RegistryEntry> find(String name) {
        Optional<ShippedDatasets.Shipped> s = ShippedDatasets.find(name);
        if (s.isPresent()) {
            if (installRoot == null) {
                throw new BadInputException("built-in dataset '" + name + "' lives in the lossbench installation, which is unknown here: run "
                        + "the lossbench launcher or set $" + ShippedDatasets.ROOT_ENV + " to the lossbench folder");
            }
            return Optional.of(ShippedDatasets.entry(installRoot, s.get()));
        }
        return findUser(name);
    }

    /** User-registered datasets, sorted by name (empty when the file does not exist yet). */
    public List<RegistryEntry> userEntries() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<RegistryEntry> entries = new ArrayList<>(SpecJson.read(file, RegistryFile.class).datasets());
        for (RegistryEntry e : entries) {
            if (e.name() == null || e.root() == null || e.layout() == null) {
                throw new BadInputException(file + ": every entry needs \"name\", \"root\" and \"layout\"; fix or delete the file");
            }
        }
        entries.sort(Comparator.comparing(RegistryEntry::name));
        return entries;
    }

    /** The user entry called {@code name}. */
    public Optional<RegistryEntry> findUser(String name) {
        return userEntries().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** Adds or replaces the entry for {@code name}; a built-in name cannot be taken. */
    public void register(RegistryEntry entry) {
        if (Phantoms.find(entry.name()).isPresent() || isShipped(entry.name())) {
            throw new BadInputException("'" + entry.name() + "' is a built-in dataset; register under another name");
        }
        List<RegistryEntry> entries = new ArrayList<>(userEntries());
        entries.removeIf(e -> e.name().equals(entry.name()));
        entries.add(entry);
        entries.sort(Comparator.comparing(RegistryEntry::name));
        SpecJson.write(file, new RegistryFile(entries));
    }
}
