package org.lossbench.cli;

import org.lossbench.core.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lossbench models list | info ARCH | export ARCH --out FILE.onnx | zoo | zoo-train}. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List, describe and export the V-Net family as ONNX models.",
        subcommands = {ModelsListCommand.class, ModelsInfoCommand.class, ModelsExportCommand.class, ModelsZooCommand.class, ZooTrainCommand.class})
final class ModelsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** Indented JSON with the records' own component names, as {@code models info} and {@code export} print it. */
    static String json(Object o) throws Exception {
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(o);
    }
}
