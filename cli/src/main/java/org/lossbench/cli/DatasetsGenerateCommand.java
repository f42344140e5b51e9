package org.lossbench.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lossbench.cli.options.WorkerThreadsOption;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.core.io.Json;
import org.lossbench.core.progress.Progress;
import org.lossbench.datasets.phantom.PhantomDataset;
import org.lossbench.datasets.phantom.PhantomWriter;
import org.lossbench.datasets.phantom.Phantoms;
import org.lossbench.datasets.spec.DatasetSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lossbench datasets generate NAME --out DIR}: a built-in phantom as NIfTI files, lesion lists and dataset.json. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a built-in phantom as NIfTI files, lesion lists and dataset.json.")
final class DatasetsGenerateCommand implements Callable<Integer> {
    @ParentCommand
    DatasetsCommand parent;

    @Parameters(paramLabel = "NAME", description = "a built-in phantom: phantom-tiny, phantom-lesions or phantom-multiorgan;"
            + " NAME@N for version N (phantom-lesions@1 is the superseded version 1)")
    String name;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (created)")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "generator seed (default: ${DEFAULT-VALUE})")
    long seed = Phantoms.DEFAULT_SEED;

    @Mixin
    WorkerThreadsOption threads;

    @Override
    public Integer call() {
        PhantomDataset d = Phantoms.find(name).orElseThrow(() -> new LossbenchException(ExitCode.USAGE,
                "'" + name + "' is not a built-in phantom; choose one of " + Phantoms.names()));
        AtomicFiles.checkFolder(out, "--out");
        long t0 = System.nanoTime();
        DatasetSpec spec;
        try (Progress progress = Progress.start("generate " + d.name(), d.caseCount())) {
            spec = PhantomWriter.write(d, seed, out, threads.threads(), i -> progress.step());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("seed", seed);
        m.put("out", out.toAbsolutePath().toString());
        m.put("cases", spec.cases().size());
        m.put("files", spec.checksums().size());
        m.put("seconds", Math.round((System.nanoTime() - t0) / 1e6) / 1e3);
        parent.print(Json.compact(m));
        return 0;
    }
}
