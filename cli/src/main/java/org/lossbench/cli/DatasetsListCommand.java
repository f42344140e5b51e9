package org.lossbench.cli;

import java.util.concurrent.Callable;
import org.lossbench.core.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code lossbench datasets list}: one JSON object per known dataset. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "One JSON object per known dataset.")
final class DatasetsListCommand implements Callable<Integer> {
    @ParentCommand
    DatasetsCommand parent;

    @Override
    public Integer call() {
        DatasetListing.forEachRow(parent.registry(), row -> parent.print(Json.compact(row)));
        return 0;
    }
}
