package org.lossbench.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lossbench.cli.options.ArchitectureOptions;
import org.lossbench.core.graph.Graph;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lossbench models info ARCH}: an architecture with the given options, as JSON. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "JSON description of ARCH with the given options: resolved configuration, parameter count, contract.")
final class ModelsInfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ARCH", description = "vnet, vnet-lite or vnet-tiny")
    String arch;
    @Mixin
    ArchitectureOptions flags;

    @Override
    public Integer call() throws Exception {
        Architecture a = Architecture.byName(arch);
        ArchOptions o = flags.options();
        Graph g = a.build(o);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("arch", a.id());
        info.put("description", a.description());
        info.put("config", a.resolvedConfig(o));
        info.put("parameters", g.parameterCount());
        info.put("nodes", g.nodes().size());
        info.put("input", "image float32 [N, " + o.inChannels() + ", D, H, W]");
        info.put("output", "logits float32 [N, " + o.classes() + ", D, H, W]");
        info.put("spatial_multiple", a.sizeMultiple(o));
        spec.commandLine().getOut().println(ModelsCommand.json(info));
        return 0;
    }
}
