package org.lossbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lossbench.core.ExitCode;
import org.lossbench.models.zoo.ModelZoo;
import org.lossbench.models.zoo.ZooProtocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lossbench models zoo}: the model zoo as a Markdown table ({@link ZooTable}) and, with a protocol, what it lacks. */
@Command(name = "zoo", mixinStandardHelpOptions = true,
        description = {"The model zoo as a Markdown table: dataset, architecture, loss, seed, training steps and time, final "
                + "validation Dice per class, and whether the file matches its card's SHA-256. With --protocol, also what the zoo "
                + "lacks against that protocol and which models were trained otherwise."},
        footer = {"", "Exit codes: 0 every model matches its card (and, with --protocol, the zoo is complete); 1 the zoo lacks models "
                + "of the protocol or holds some trained otherwise; 3 a model is missing or changed (listed as such)."})
final class ModelsZooCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--zoo", paramLabel = "DIR", description = "the zoo folder (default: $" + ModelZoo.ENV + ", else the checkout's "
            + ModelZoo.DEFAULT + ")")
    Path dir;
    @Option(names = "--protocol", paramLabel = "FILE", description = "a zoo protocol (models/zoo-v2/protocol.json): list what the zoo "
            + "lacks against it; the zoo defaults to the protocol's folder")
    Path protocolFile;

    @Override
    public Integer call() throws Exception {
        ZooProtocol protocol = protocolFile == null ? null : ZooProtocol.read(protocolFile);
        ModelZoo zoo = ModelZoo.read(dir == null && protocol != null ? protocol.zooDir() : ModelZoo.locate(dir));
        ZooTable table = ZooTable.of(zoo);
        spec.commandLine().getOut().print("Model zoo " + zoo.dir() + ": " + zoo.entries().size() + " models\n\n" + table.markdown());
        boolean complete = protocol == null || printCheck(protocol, zoo);
        spec.commandLine().getOut().flush();
        return !table.allMatch() ? ExitCode.BAD_INPUT.code() : complete ? 0 : 1;
    }

    /** Prints what the zoo lacks against {@code protocol}; whether it is complete. */
    private boolean printCheck(ZooProtocol protocol, ModelZoo zoo) {
        ZooProtocol.Check c = protocol.check(zoo);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%nProtocol %s: %d of %d models, %d missing, %d trained otherwise, %d not in the protocol%n",
                protocol.file(), protocol.runs().size() - c.missing().size() - c.mismatched().size(), protocol.runs().size(),
                c.missing().size(), c.mismatched().size(), c.outside().size());
        c.missing().forEach(r -> out.println("missing: " + r.modelFile() + " (" + r.label() + ")"));
        c.mismatched().forEach(m -> out.println("trained otherwise: " + zoo.dir().relativize(m.entry().card()) + ": "
                + String.join("; ", m.differences())));
        c.outside().forEach(e -> out.println("not in the protocol: " + zoo.dir().relativize(e.card()) + " (" + e.label() + ")"));
        return c.complete();
    }
}
