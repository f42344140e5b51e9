package org.lossbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lossbench.cli.options.ArchitectureOptions;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.OnnxSerializer;
import org.lossbench.core.provenance.BuildInfo;
import org.lossbench.core.provenance.Provenance;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;
import org.lossbench.models.arch.ModelCard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lossbench models export ARCH --out FILE.onnx}: a seeded, untrained inference graph with its model card. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write ARCH's inference graph (seeded He initialisation) as ONNX, with a model card JSON beside it.")
final class ModelsExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ARCH", description = "vnet, vnet-lite or vnet-tiny")
    String arch;
    @Mixin
    ArchitectureOptions flags;
    @Option(names = "--out", required = true, paramLabel = "FILE.onnx", description = "model file to write")
    Path out;

    @Override
    public Integer call() throws Exception {
        Architecture a = Architecture.byName(arch);
        ArchOptions o = flags.options();
        Graph g = a.build(o);
        g.putMetadata("lossbench.arch", a.id());
        g.putMetadata("lossbench.config", ModelsCommand.json(a.resolvedConfig(o)));
        OnnxSerializer.write(g, BuildInfo.version(), out);
        ModelCard card = new ModelCard(a.id(), a.description(), a.resolvedConfig(o), g.parameterCount(),
                "image float32 [N, " + o.inChannels() + ", D, H, W]", "logits float32 [N, " + o.classes() + ", D, H, W]",
                a.sizeMultiple(o), OnnxSerializer.OPSET, OnnxSerializer.IR_VERSION, ModelCard.sha256(out), Provenance.current());
        card.write(ModelCard.pathBeside(out));
        spec.commandLine().getOut().println(ModelsCommand.json(card));
        return 0;
    }
}
