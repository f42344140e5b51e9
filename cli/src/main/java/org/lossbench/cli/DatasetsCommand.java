package org.lossbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lossbench.core.ExitCode;
import org.lossbench.datasets.registry.DatasetRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code lossbench datasets list | info NAME | generate NAME --out DIR | verify NAME | register DIR | fetch TASK}.
 * Results go to stdout as JSON (one object per line for {@code list}); progress goes to stderr.
 */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List, describe, generate, verify, register and fetch datasets.",
        subcommands = {DatasetsListCommand.class, DatasetsInfoCommand.class, DatasetsGenerateCommand.class, DatasetsVerifyCommand.class,
            DatasetsRegisterCommand.class, DatasetsFetchCommand.class})
final class DatasetsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--registry", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "registry file of user datasets (default: $" + DatasetRegistry.ENV + ", else ~/.lossbench/registry.json)")
    Path registryFile;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }

    DatasetRegistry registry() {
        return DatasetRegistry.locate(registryFile);
    }

    /** Prints one line of the result on stdout. */
    void print(String line) {
        spec.commandLine().getOut().println(line);
        spec.commandLine().getOut().flush();
    }
}
