package org.lossbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.OnnxSerializer;
import org.lossbench.core.io.Json;
import org.lossbench.core.provenance.BuildInfo;
import org.lossbench.core.provenance.Provenance;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;
import org.lossbench.eval.report.MarkdownTable;
import org.lossbench.eval.report.ResultWriter;
import org.lossbench.models.arch.ModelCard;
import org.lossbench.models.zoo.ModelZoo;
import org.lossbench.models.zoo.ZooProtocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@code lossbench models list | info ARCH | export ARCH --out FILE.onnx | zoo | zoo-train}. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List, describe and export the V-Net family as ONNX models.",
        subcommands = {ModelsCommand.ListArchs.class, ModelsCommand.Info.class, ModelsCommand.Export.class, ModelsCommand.Zoo.class,
                ZooTrainCommand.class})
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
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(o);
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

    @Command(name = "zoo", mixinStandardHelpOptions = true,
            description = {"The model zoo as a Markdown table: dataset, architecture, loss, seed, training steps and time, final "
                    + "validation Dice per class, and whether the file matches its card's SHA-256. With --protocol, also what the zoo "
                    + "lacks against that protocol and which models were trained otherwise."},
            footer = {"", "Exit codes: 0 every model matches its card (and, with --protocol, the zoo is complete); 1 the zoo lacks models "
                    + "of the protocol or holds some trained otherwise; 3 a model is missing or changed (listed as such)."})
    static final class Zoo implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--zoo", paramLabel = "DIR", description = "the zoo folder (default: $" + ModelZoo.ENV + ", else the checkout's models/zoo)")
        Path dir;
        @Option(names = "--protocol", paramLabel = "FILE", description = "a zoo protocol (models/zoo-v2/protocol.json): list what the zoo "
                + "lacks against it; the zoo defaults to the protocol's folder")
        Path protocolFile;

        @Override
        public Integer call() throws Exception {
            ZooProtocol protocol = protocolFile == null ? null : ZooProtocol.read(protocolFile);
            ModelZoo zoo = ModelZoo.read(dir == null && protocol != null ? protocol.zooDir() : ModelZoo.locate(dir));
            Table t = Table.create("zoo", StringColumn.create("dataset"), StringColumn.create("model"), StringColumn.create("loss"),
                    IntColumn.create("seed"), IntColumn.create("steps"), StringColumn.create("train time"), StringColumn.create("validation Dice"),
                    StringColumn.create("file"), StringColumn.create("check"));
            boolean allOk = true;
            for (ModelZoo.Entry e : zoo.entries()) {
                JsonNode card = Json.mapper().readTree(e.card().toFile());
                StringBuilder dice = new StringBuilder();
                card.path("validation_dice").properties().forEach(f -> dice.append(dice.length() == 0 ? "" : ", ").append(f.getKey())
                        .append(' ').append(f.getValue().isNumber() ? ResultWriter.fmt(f.getValue().asDouble()) : "n/a"));
                String check;
                try {
                    e.verify();
                    check = "ok";
                } catch (BadInputException ex) {
                    check = "**" + ex.getMessage() + "**";
                    allOk = false;
                }
                t.stringColumn(0).append(e.dataset());
                t.stringColumn(1).append(e.arch());
                t.stringColumn(2).append(e.loss());
                t.intColumn(3).append((int) e.seed());
                t.intColumn(4).append(card.path("steps").asInt());
                int resumes = card.path("resumes").asInt();
                t.stringColumn(5).append((card.path("wall_seconds").isNumber()
                        ? String.format(java.util.Locale.ROOT, "%.0f min", card.path("wall_seconds").asDouble() / 60) : "n/a")
                        + (resumes > 0 ? " (" + resumes + (resumes == 1 ? " resume)" : " resumes)") : ""));
                t.stringColumn(6).append(dice.toString());
                t.stringColumn(7).append(zoo.dir().relativize(e.file()).toString());
                t.stringColumn(8).append(check);
            }
            spec.commandLine().getOut().print("Model zoo " + zoo.dir() + ": " + zoo.entries().size() + " models\n\n" + MarkdownTable.render(t));
            boolean complete = protocol == null || printCheck(protocol, zoo);
            spec.commandLine().getOut().flush();
            return !allOk ? ExitCode.BAD_INPUT.code() : complete ? 0 : 1;
        }

        /** Prints what the zoo lacks against {@code protocol}; whether it is complete. */
        private boolean printCheck(ZooProtocol protocol, ModelZoo zoo) {
            ZooProtocol.Check c = protocol.check(zoo);
            var out = spec.commandLine().getOut();
            out.printf(java.util.Locale.ROOT, "%nProtocol %s: %d of %d models, %d missing, %d trained otherwise, %d not in the protocol%n",
                    protocol.file(), protocol.runs().size() - c.missing().size() - c.mismatched().size(), protocol.runs().size(),
                    c.missing().size(), c.mismatched().size(), c.outside().size());
            c.missing().forEach(r -> out.println("missing: " + r.modelFile() + " (" + r.label() + ")"));
            c.mismatched().forEach(m -> out.println("trained otherwise: " + zoo.dir().relativize(m.entry().card()) + ": "
                    + String.join("; ", m.differences())));
            c.outside().forEach(e -> out.println("not in the protocol: " + zoo.dir().relativize(e.card()) + " (" + e.label() + ")"));
            return c.complete();
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
