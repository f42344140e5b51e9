package org.lossbench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lossbench losses list | eval}. */
@Command(name = "losses", mixinStandardHelpOptions = true,
        description = "List the losses, or evaluate them on logits and labels in both forms (reference and ONNX graph).",
        subcommands = {LossesListCommand.class, LossesEvalCommand.class})
final class LossesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
