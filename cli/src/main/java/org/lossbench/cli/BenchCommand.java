package org.lossbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lossbench.cli.bench.NiftiReadBenchmark;
import org.lossbench.cli.options.Size3;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lossbench bench ...}: benchmarks that report lossbench against a peer measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks, each reported side by side with a peer implementation run on the same data in the same run.",
        subcommands = {BenchCommand.ReadNifti.class, BenchTrainStepCommand.class, BenchInferCommand.class})
final class BenchCommand {

    /** Where the tools/ peer scripts are: beside the launcher (LOSSBENCH_ROOT, which it sets), the lossbench.root property, or here. */
    static Path toolsDir() {
        String root = System.getenv("LOSSBENCH_ROOT");
        return Path.of(root != null ? root : System.getProperty("lossbench.root", ".")).resolve("tools");
    }

    @Command(name = "read-nifti", mixinStandardHelpOptions = true,
            description = "Read throughput of a large int16 .nii.gz, lossbench against nibabel (tools/bench_nibabel_read.py).")
    static final class ReadNifti implements Callable<Integer> {
        @Option(names = "--file", description = "the .nii.gz to read; generated (a CT-like phantom) when absent (default: ${DEFAULT-VALUE})",
                defaultValue = "bench-out/ct-512x512x300-int16.nii.gz")
        Path file;

        @Option(names = "--shape", paramLabel = "D,H,W", converter = Size3.Converter.class, description = "D,H,W of the generated phantom (default: ${DEFAULT-VALUE})",
                defaultValue = "300,512,512")
        Size3 shape;

        @Option(names = "--repeats", description = "timed reads per reader (default: ${DEFAULT-VALUE})", defaultValue = "5")
        int repeats;

        @Mixin
        PythonPeerOption python;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            new NiftiReadBenchmark(spec.commandLine().getOut())
                    .run(file, shape.toArray(), repeats, python.peer("bench_nibabel_read.py", "numpy", "nibabel"));
            return 0;
        }
    }
}
