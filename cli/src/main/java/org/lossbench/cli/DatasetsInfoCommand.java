package org.lossbench.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.lossbench.datasets.loader.Dataset;
import org.lossbench.datasets.phantom.PhantomDataset;
import org.lossbench.datasets.phantom.Phantoms;
import org.lossbench.datasets.registry.RegistryEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lossbench datasets info NAME}: a built-in phantom's description, or a registered dataset's full spec, as JSON. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Describe a dataset as JSON (its full spec for registered ones).")
final class DatasetsInfoCommand implements Callable<Integer> {
    @ParentCommand
    DatasetsCommand parent;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        Optional<PhantomDataset> builtIn = Phantoms.find(name);
        if (builtIn.isPresent()) {
            parent.print(DatasetListing.pretty(DatasetListing.describe(builtIn.get())));
        } else {
            RegistryEntry e = DatasetListing.entry(parent.registry(), name);
            parent.print(DatasetListing.pretty(Dataset.open(Path.of(e.root()), e.layout()).spec()));
        }
        return 0;
    }
}
