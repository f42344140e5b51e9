package org.lossbench.cli;

import java.util.concurrent.Callable;
import org.lossbench.cli.options.WorkerThreadsOption;
import org.lossbench.core.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lossbench datasets verify NAME}: a phantom against its reference hash, or every case and checksum of a dataset ({@link DatasetVerification}). */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Phantom: regenerate and compare with the reference hash. Shipped, registered or a folder: read and check every case and checksum.")
final class DatasetsVerifyCommand implements Callable<Integer> {
    @ParentCommand
    DatasetsCommand parent;

    @Parameters(paramLabel = "NAME", description = "a dataset name, or the root folder of a dataset")
    String name;

    @Mixin
    WorkerThreadsOption threads;

    @Override
    public Integer call() {
        parent.print(Json.compact(DatasetVerification.verify(name, parent.registry(), threads.threads())));
        return 0;
    }
}
