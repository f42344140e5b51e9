package org.lossbench.cli;

import java.util.concurrent.Callable;
import org.lossbench.models.arch.Architecture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lossbench models list}: the architectures, one per line. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "The architectures, one per line: name, tab, description.")
final class ModelsListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (Architecture a : Architecture.values()) {
            spec.commandLine().getOut().println(a.id() + "\t" + a.description());
        }
        return 0;
    }
}
