package org.lossbench.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.io.Json;
import org.lossbench.datasets.fetch.DecathlonFetcher;
import org.lossbench.datasets.fetch.DecathlonTask;
import org.lossbench.datasets.loader.Dataset;
import org.lossbench.datasets.spec.ChecksumFile;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.datasets.spec.Layout;
import org.lossbench.datasets.registry.RegistryEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lossbench datasets fetch TASK}: downloads (or copies) a Medical Segmentation Decathlon task,
 * checks it and extracts it into {@code --out}/TASK ({@link DecathlonFetcher}), then registers it under
 * {@code --name} (default: the Decathlon's task name, e.g. {@code Task04_Hippocampus}). Progress on
 * stderr, the result as one JSON line on stdout.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = "Download a Medical Segmentation Decathlon task (msd-braintumour .. msd-colon, or Task01_BrainTumour ..), "
                + "check its MD5, extract it safely and register it.")
final class DatasetsFetchCommand implements Callable<Integer> {
    @ParentCommand
    DatasetsCommand parent;

    @Parameters(paramLabel = "TASK", description = "msd-hippocampus (or Task04_Hippocampus), and the other Decathlon tasks alike")
    String task;

    @Option(names = "--out", paramLabel = "DIR", description = "folder that receives the task's folder (default: ~/.lossbench/data)")
    Path out;

    @Option(names = "--from", paramLabel = "FILE|URL", description = "a local copy of the archive, or a mirror's URL (default: the task's URL)")
    String from;

    @Option(names = "--md5", paramLabel = "HEX", description = "the MD5 to expect instead of the official archive's (a repacked archive)")
    String md5;

    @Option(names = "--name", paramLabel = "NAME", description = "registry name (default: the task name, e.g. Task04_Hippocampus)")
    String name;

    @Option(names = "--no-register", description = "extract only, do not add the dataset to the registry")
    boolean noRegister;

    @Override
    public Integer call() {
        DecathlonTask t = DecathlonTask.find(task).orElseThrow(() -> new LossbenchException(ExitCode.USAGE, "unknown Decathlon task '" + task
                + "'; one of " + String.join(", ", DecathlonTask.ALL.stream().map(DecathlonTask::name).toList()) + " (or their Task NN names)"));
        if (md5 != null) {
            if (!md5.matches("[0-9a-fA-F]{32}")) {
                throw new LossbenchException(ExitCode.USAGE, "--md5 must be 32 hex digits, got '" + md5 + "'");
            }
            t = t.withMd5(md5.toLowerCase(java.util.Locale.ROOT));
        }
        String n = name != null ? name : t.task();
        if (!noRegister) {
            if (!n.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new LossbenchException(ExitCode.USAGE, "dataset name '" + n + "' must be letters, digits, '.', '_' or '-'");
            }
            if (DatasetRegistry.builtInNames().contains(n)) {
                throw new LossbenchException(ExitCode.USAGE, "'" + n + "' is a built-in dataset; give --name another name");
            }
        }
        Path dir = out != null ? out : Path.of(System.getProperty("user.home"), ".lossbench", "data");
        long t0 = System.nanoTime();
        Path root;
        try (DownloadProgress progress = new DownloadProgress()) {
            root = DecathlonFetcher.fetch(t, from, dir, progress);
        }
        Dataset ds = Dataset.open(root, Layout.MSD);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", t.task());
        m.put("root", root.toString());
        m.put("cases", ds.spec().cases().size());
        m.put("labelled", ds.spec().cases().stream().filter(c -> c.label() != null).count());
        m.put("files", ds.recordedChecksums());
        if (!noRegister) {
            DatasetRegistry r = parent.registry();
            r.register(new RegistryEntry(n, root.toString(), Layout.MSD, ChecksumFile.read(root).orElseThrow()));
            m.put("name", n);
            m.put("registry", r.file().toAbsolutePath().toString());
        }
        m.put("seconds", Math.round((System.nanoTime() - t0) / 1e6) / 1e3);
        parent.print(Json.compact(m));
        return 0;
    }
}
