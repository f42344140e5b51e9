package org.lossbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.OnnxSerializer;
import org.lossbench.core.provenance.BuildInfo;
import org.lossbench.core.provenance.Provenance;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;
import org.lossbench.models.arch.ModelCard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lossbench models list | info ARCH | export ARCH --out FILE.onnx}. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List, describe and export the V-Net family as ONNX models.",
        subcommands = {ModelsCommand.ListArchs.class, ModelsCommand.Info.class, ModelsCommand.Export.class})
final class ModelsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** Architecture options shared by {@code info} and {@code export}. */
    static final class ArchFlags {
        @Option(names = "--width", description = "channels of the first stage")
        Integer width;
        @Option(names = "--depth", description = "number of down-samplings")
        Integer depth;
        @Option(names = "--kernel", description = "convolution kernel size (odd)")
        Integer kernel;
        @Option(names = "--in-channels", defaultValue = "1", description = "image channels (default: ${DEFAULT-VALUE})")
        int inChannels;
        @Option(names = "--classes", defaultValue = "2", description = "output classes, background included (default: ${DEFAULT-VALUE})")
        int classes;
        @Option(names = "--seed", defaultValue = "0", description = "initialisation seed (default: ${DEFAULT-VALUE})")
        long seed;

        ArchOptions options() {
            return new ArchOptions(width, depth, kernel, inChannels, classes, seed);
        }
    }

    static String json(Object o) throws Exception {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o);
    }

    static ModelCard card(Architecture arch, ArchOptions o, Graph g, String sha256) {
        return new ModelCard(arch.id(), arch.description(), arch.resolvedConfig(o), g.parameterCount(),
                "image float32 [N, " + o.inChannels() + ", D, H, W]", "logits float32 [N, " + o.classes() + ", D, H, W]",
                arch.sizeMultiple(o), OnnxSerializer.OPSET, OnnxSerializer.IR_VERSION, sha256, Provenance.current());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The architectures, one per line: name, tab, description.")
    static final class ListArchs implements Callable<Integer> {
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

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "JSON description of ARCH with the given options: resolved configuration, parameter count, contract.")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ARCH", description = "vnet, vnet-lite or vnet-tiny")
        String arch;
        @Mixin
        ArchFlags flags;

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
            spec.commandLine().getOut().println(json(info));
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write ARCH's inference graph (seeded He initialisation) as ONNX, with a model card JSON beside it.")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ARCH", description = "vnet, vnet-lite or vnet-tiny")
        String arch;
        @Mixin
        ArchFlags flags;
        @Option(names = "--out", required = true, paramLabel = "FILE.onnx", description = "model file to write")
        Path out;

        @Override
        public Integer call() throws Exception {
            Architecture a = Architecture.byName(arch);
            ArchOptions o = flags.options();
            Graph g = a.build(o);
            g.putMetadata("lossbench.arch", a.id());
            g.putMetadata("lossbench.config", json(a.resolvedConfig(o)));
            OnnxSerializer.write(g, BuildInfo.version(), out);
            ModelCard card = card(a, o, g, ModelCard.sha256(out));
            Path cardPath = ModelCard.pathBeside(out);
            card.write(cardPath);
            spec.commandLine().getOut().println(json(card));
            return 0;
        }
    }
}
