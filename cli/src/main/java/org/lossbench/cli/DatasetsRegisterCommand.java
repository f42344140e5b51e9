package org.lossbench.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.io.Json;
import org.lossbench.datasets.loader.Checksums;
import org.lossbench.datasets.loader.Dataset;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.datasets.registry.RegistryEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lossbench datasets register DIR}: checks a dataset folder and adds it to the registry. */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = "Check a dataset folder (lossbench, MSD, nnU-Net v2 or images/+labels/) and add it to the registry.")
final class DatasetsRegisterCommand implements Callable<Integer> {
    @ParentCommand
    DatasetsCommand parent;

    @Parameters(paramLabel = "DIR")
    Path dir;

    @Option(names = "--name", paramLabel = "NAME", description = "registry name (default: the spec's name)")
    String name;

    @Option(names = "--no-checksums", description = "do not record the SHA-256 of every file (they let 'verify' detect changed files)")
    boolean noChecksums;

    @Override
    public Integer call() {
        Dataset ds = Dataset.open(dir);
        ds.checkFilesExist();
        String n = name != null ? name : ds.spec().name();
        if (!n.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new LossbenchException(ExitCode.USAGE, "dataset name '" + n + "' must be letters, digits, '.', '_' or '-'");
        }
        SortedMap<String, String> sums = !noChecksums ? Checksums.compute(ds.spec(), dir) : null;
        RegistryEntry entry = new RegistryEntry(n, dir.toAbsolutePath().normalize().toString(), ds.layout(), sums);
        DatasetRegistry r = parent.registry();
        r.register(entry);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", n);
        m.put("layout", ds.layout());
        m.put("root", entry.root());
        m.put("cases", ds.spec().cases().size());
        m.put("checksums", entry.checksums().size());
        m.put("registry", r.file().toAbsolutePath().toString());
        parent.print(Json.compact(m));
        return 0;
    }
}
