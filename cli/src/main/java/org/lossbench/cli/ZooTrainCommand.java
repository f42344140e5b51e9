package org.lossbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.lossbench.core.provenance.Provenance;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.models.zoo.ModelZoo;
import org.lossbench.models.zoo.ZooProtocol;
import org.lossbench.models.zoo.ZooTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lossbench models zoo-train}: trains, one after another, every (dataset, loss, seed) of a zoo
 * protocol that the zoo (the protocol file's folder) does not hold yet, each as {@code lossbench train}
 * would ({@link TrainProgress#train}), in its own folder under {@code --runs} so that a rerun resumes an
 * interrupted run, and publishes each finished model with its card into the zoo at once
 * ({@link ZooTraining}). Prints each published model's path on stdout, progress on stderr.
 */
@Command(name = "zoo-train", mixinStandardHelpOptions = true,
        description = {"Train every model of a zoo protocol that its zoo lacks, one after another, resuming an interrupted run "
                + "(see models/zoo-v2/README.md)."},
        footer = {"", "Exit codes: 0 done (or nothing to do); 2 an unknown --dataset, --loss or --seed, or a dirty checkout without "
                + "--allow-dirty; 3 a bad protocol, a zoo model trained otherwise than the protocol says, or a run folder of "
                + "another configuration."})
final class ZooTrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--protocol", required = true, paramLabel = "FILE", description = "the zoo's protocol.json; the zoo is its folder")
    Path protocolFile;

    @Option(names = "--dataset", paramLabel = "NAME", description = "only this dataset of the protocol")
    String dataset;

    @Option(names = "--loss", paramLabel = "NAME", description = "only this loss of the protocol (its short name, e.g. dice-nnunet+ce)")
    String loss;

    @Option(names = "--seed", paramLabel = "S", description = "only this seed of the protocol")
    Long seed;

    @Option(names = "--runs", paramLabel = "DIR", description = "folder of the training runs (default: ZOO/runs, which git ignores)")
    Path runs;

    @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime threads (default: the protocol's); "
            + "an interrupted run resumes only with the thread count it started with")
    Integer threads;

    @Option(names = "--dry-run", description = "list what would be trained, with a time estimate from the zoo's finished models, and stop")
    boolean dryRun;

    @Option(names = "--allow-dirty", description = "train although the checkout has uncommitted changes to tracked files; "
            + "never for published models, whose cards must name a clean commit")
    boolean allowDirty;

    @Option(names = "--registry", paramLabel = "FILE", description = "registry of user datasets (default: $" + DatasetRegistry.ENV
            + ", else ~/.lossbench/registry.json)")
    Path registryFile;

    private final Supplier<Provenance> provenance;

    ZooTrainCommand() {
        this(Provenance::current);
    }

    /** With the provenance the cards record and the dirty check reads given (tests). */
    ZooTrainCommand(Supplier<Provenance> provenance) {
        this.provenance = provenance;
    }

    @Override
    public Integer call() {
        ZooProtocol protocol = ZooProtocol.read(protocolFile);
        List<ZooProtocol.Run> selected = ZooTrainPlan.select(protocol, protocolFile, dataset, loss, seed);
        ModelZoo zoo = ModelZoo.read(protocol.zooDir());
        List<ZooProtocol.Run> todo = ZooTrainPlan.todo(protocol, zoo, selected);
        Path runsDir = runs != null ? runs.toAbsolutePath().normalize() : protocol.zooDir().resolve(ModelZoo.RUNS);
        Provenance p = provenance.get();
        ZooTraining training = new ZooTraining(protocol, runsDir, threads, DatasetRegistry.locate(registryFile), p);
        PrintWriter err = spec.commandLine().getErr();
        if (dryRun) {
            ZooTrainPlan.printDryRun(spec.commandLine().getOut(), protocol, zoo, training, todo);
            return 0;
        }
        if (!allowDirty) {
            ZooTrainPlan.requireCleanCheckout(p.gitCommit());
        }
        err.printf(Locale.ROOT, "zoo-train: %d of %d selected models to train into %s (runs in %s)%n", todo.size(), selected.size(),
                protocol.zooDir(), runsDir);
        err.flush();
        for (int i = 0; i < todo.size(); i++) {
            ZooProtocol.Run run = todo.get(i);
            ZooTraining.Prepared prepared = training.prepare(run);
            err.printf(Locale.ROOT, "zoo-train: %d/%d %s%s%n", i + 1, todo.size(), run.label(),
                    prepared.resume() ? " (resuming at step " + prepared.fromStep() + ")" : "");
            err.flush();
            TrainProgress.train(prepared.training(), prepared.dir(), prepared.resume(), err);
            Path model = training.publish(run);
            err.printf(Locale.ROOT, "zoo-train: published %s%n", protocol.zooDir().relativize(model));
            err.flush();
            spec.commandLine().getOut().println(model);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
