package org.lossbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lossbench.cli.options.Converters;
import org.lossbench.cli.options.EngineOptions;
import org.lossbench.cli.options.TrainingOptions;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.core.io.Json;
import org.lossbench.core.provenance.Provenance;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.models.train.TrainingRun;
import org.lossbench.models.train.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lossbench train}: trains a model on a dataset with a loss (docs/training.md) and writes
 * {@code OUT/model.onnx} (inference graph, the model contract), {@code OUT/model.card.json},
 * {@code OUT/training.csv}, {@code OUT/checkpoint.bin} and {@code OUT/best.onnx}; prints the card
 * as one JSON line on stdout and progress on stderr.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a V-Net with a loss on a dataset (see docs/training.md).")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, description = "built-in dataset (phantom-tiny, phantom-lesions, phantom-multiorgan, msd-hippocampus; NAME@N for version N of a phantom, e.g. phantom-lesions@1) or a registered one")
    String dataset;

    @Option(names = "--model", required = true, paramLabel = "ARCH[:options]", converter = Converters.ModelSpecText.class, description = "vnet, vnet-lite or vnet-tiny, e.g. vnet-lite:width=8,depth=3")
    String model;

    @Option(names = "--loss", required = true, paramLabel = "SPEC", converter = Converters.LossSpec.class, description = "loss spec, e.g. dice+ce or focal:gamma=2 (lossbench losses list)")
    String loss;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Mixin
    TrainingOptions training = new TrainingOptions(1000);

    @Option(names = "--seed", defaultValue = "0", description = "seed of initialisation and batches, and of the split unless --split-seed is given (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--split-seed", description = "seed of the 60/20/20 split of a dataset without its own (default: --seed); "
            + "several training seeds on one split, as the zoo and the sweep use, need the same split seed")
    Long splitSeed;

    @Mixin
    EngineOptions engine;

    @Option(names = "--val-every", defaultValue = "0", description = "validate every N steps; 0 = at the end only (default: ${DEFAULT-VALUE})")
    int valEvery;

    @Option(names = "--checkpoint-every", defaultValue = "100", description = "checkpoint every N steps (default: ${DEFAULT-VALUE})")
    int checkpointEvery;

    @Option(names = "--resume", description = "continue the run in --out from its checkpoint (same options)")
    boolean resume;

    @Option(names = "--registry", paramLabel = "FILE", description = "registry of user datasets (default: $" + DatasetRegistry.ENV + ", else ~/.lossbench/registry.json)")
    Path registryFile;

    @Override
    public Integer call() throws Exception {
        TrainingOptions t = training;
        TrainingSettings settings = new TrainingSettings(dataset, model, loss, t.steps(), t.batch(), t.patch(), t.optimizer(), t.lr(), t.schedule(),
                seed, splitSeed, t.foregroundShare(), t.augment(), engine.deviceText(), engine.threads(), valEvery, checkpointEvery);
        TrainingRun run = TrainingRun.prepare(settings, DatasetRegistry.locate(registryFile), Provenance.current());
        AtomicFiles.checkFolder(out, "--out");
        PrintWriter err = spec.commandLine().getErr();
        TrainingRun.Outcome done = TrainProgress.train(run, out, resume, err);
        spec.commandLine().getOut().println(Json.compact(done.card()));
        return 0;
    }
}
