package org.lossbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.lossbench.cli.bench.TrainStepBenchmark;
import org.lossbench.models.arch.Architecture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lossbench bench train-step}: {@link TrainStepBenchmark}. */
@Command(name = "train-step", mixinStandardHelpOptions = true,
        description = "One training step (forward, dice+ce, backward, SGD update), lossbench on ONNX Runtime against PyTorch eager "
                + "(tools/bench_train_step_torch.py) on the same weights and batch, at each thread count.")
final class BenchTrainStepCommand implements Callable<Integer> {
    @Option(names = "--model", description = "vnet, vnet-lite or vnet-tiny with its default options (default: ${DEFAULT-VALUE})",
            defaultValue = "vnet-lite")
    String model;

    @Option(names = "--size", description = "cubic patch edge (default: ${DEFAULT-VALUE})", defaultValue = "32")
    int size;

    @Option(names = "--batch", description = "batch size (default: ${DEFAULT-VALUE})", defaultValue = "2")
    int batch;

    @Option(names = "--threads", split = ",", description = "intra-op thread counts, each run on both sides (default: ${DEFAULT-VALUE})",
            defaultValue = "1,2")
    List<Integer> threads;

    @Option(names = "--repeats", description = "timed steps per side and thread count (default: ${DEFAULT-VALUE})", defaultValue = "5")
    int repeats;

    @Option(names = "--rounds", description = "rounds of both sides at every thread count, alternating; the ratio reported is "
            + "the median over rounds (default: ${DEFAULT-VALUE})", defaultValue = "3")
    int rounds;

    @Option(names = "--out", description = "scratch folder for the weights and batch both sides read (default: ${DEFAULT-VALUE})",
            defaultValue = "bench-out/train-step")
    Path out;

    @Mixin
    PythonPeerOption python;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var settings = new TrainStepBenchmark.Settings(Architecture.byName(model), size, batch, threads, repeats, rounds, out);
        new TrainStepBenchmark(spec.commandLine().getOut()).run(settings, python.peer("bench_train_step_torch.py", "numpy", "torch"));
        return 0;
    }
}
