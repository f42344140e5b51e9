package org.lossbench.datasets.spec;

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

/**
 * The datasets lossbench knows by name: the built-in phantoms and the datasets a user registered.
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

    public DatasetRegistry(Path file) {
        this.file = file;
    }

    /** The registry at {@code override}, else {@code $LOSSBENCH_REGISTRY}, else {@code <home>/.lossbench/registry.json}. */
    public static DatasetRegistry locate(Path override, Map<String, String> env, Path home) {
        if (override != null) {
            return new DatasetRegistry(override);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new DatasetRegistry(Path.of(fromEnv));
        }
        return new DatasetRegistry(home.resolve(".lossbench").resolve("registry.json"));
    }

    /** The registry for this process: {@code override}, the environment, or the user's home. */
    public static DatasetRegistry locate(Path override) {
        return locate(override, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    public Path file() {
        return file;
    }

    /** Built-in phantom datasets. */
    public List<PhantomDataset> builtIns() {
        return Phantoms.names().stream().map(n -> Phantoms.find(n).orElseThrow()).toList();
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
        if (Phantoms.find(entry.name()).isPresent()) {
            throw new BadInputException("'" + entry.name() + "' is a built-in dataset; register under another name");
        }
        List<RegistryEntry> entries = new ArrayList<>(userEntries());
        entries.removeIf(e -> e.name().equals(entry.name()));
        entries.add(entry);
        entries.sort(Comparator.comparing(RegistryEntry::name));
        SpecJson.write(file, new RegistryFile(entries));
    }
}
