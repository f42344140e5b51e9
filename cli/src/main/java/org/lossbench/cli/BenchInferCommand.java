package org.lossbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lossbench.cli.bench.InferBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lossbench bench infer}: {@link InferBenchmark}. */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "lossbench infer (the whole command) on a V-Net exported by PyTorch, against MONAI's sliding-window inference "
                + "on the same weights in-process (tools/bench_infer_torch.py); labels and first-window logits compared.")
final class BenchInferCommand implements Callable<Integer> {
    @Option(names = "--shape", split = ",", paramLabel = "D,H,W", description = "volume (default: ${DEFAULT-VALUE})",
            defaultValue = "96,128,128")
    int[] shape;

    @Option(names = "--roi", description = "cubic window edge (default: ${DEFAULT-VALUE})", defaultValue = "64")
    int roi;

    @Option(names = "--overlap", description = "window overlap (default: ${DEFAULT-VALUE})", defaultValue = "0.5")
    double overlap;

    @Option(names = "--threads", description = "intra-op threads on both sides (default: ${DEFAULT-VALUE})", defaultValue = "2")
    int threads;

    @Option(names = "--repeats", description = "timed runs per side (default: ${DEFAULT-VALUE})", defaultValue = "3")
    int repeats;

    @Option(names = "--width", description = "the model's width (default: ${DEFAULT-VALUE})", defaultValue = "8")
    int width;

    @Option(names = "--in-channels", description = "the model's input channels (default: ${DEFAULT-VALUE})", defaultValue = "2")
    int inChannels;

    @Option(names = "--classes", description = "the model's classes (default: ${DEFAULT-VALUE})", defaultValue = "3")
    int classes;

    @Option(names = "--out", description = "scratch folder: model, image, predictions (default: ${DEFAULT-VALUE})",
            defaultValue = "bench-out/infer")
    Path out;

    @Mixin
    PythonPeerOption python;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var settings = new InferBenchmark.Settings(shape, roi, overlap, threads, repeats, width, inChannels, classes, out);
        new InferBenchmark(spec.commandLine().getOut()).run(settings, python.peer("bench_infer_torch.py", "numpy", "nibabel", "torch"));
        return 0;
    }
}
