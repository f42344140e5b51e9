package org.lossbench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.progress.Progress;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.core.io.Json;
import org.lossbench.datasets.loader.Checksums;
import org.lossbench.datasets.loader.Dataset;
import org.lossbench.datasets.phantom.PhantomDataset;
import org.lossbench.datasets.phantom.PhantomHash;
import org.lossbench.datasets.phantom.PhantomWriter;
import org.lossbench.datasets.phantom.Phantoms;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.datasets.spec.DatasetSpec;
import org.lossbench.datasets.registry.RegistryEntry;
import org.lossbench.datasets.spec.SpecJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lossbench datasets list | info NAME | generate NAME --out DIR | verify NAME | register DIR | fetch TASK}.
 * Results go to stdout as JSON (one object per line for {@code list}); progress goes to stderr.
 */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List, describe, generate, verify, register and fetch datasets.",
        subcommands = {DatasetsCommand.ListCommand.class, DatasetsCommand.InfoCommand.class, DatasetsCommand.GenerateCommand.class,
            DatasetsCommand.VerifyCommand.class, DatasetsCommand.RegisterCommand.class, DatasetsFetchCommand.class})
final class DatasetsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--registry", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "registry file of user datasets (default: $" + DatasetRegistry.ENV + ", else ~/.lossbench/registry.json)")
    Path registryFile;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }

    DatasetRegistry registry() {
        return DatasetRegistry.locate(registryFile);
    }

    /** Phantom generation needs at least one worker thread. */
    static void requireThreads(int threads) {
        if (threads < 1) {
            throw new LossbenchException(ExitCode.USAGE, "--threads must be >= 1, got " + threads);
        }
    }

    static String json(Object value) {
        return Json.compact(value);
    }

    static String prettyJson(Object value) {
        try {
            return SpecJson.WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** A shipped or registered dataset by name, or a usage error that says how to find the names. */
    RegistryEntry entry(String name) {
        return registry().find(name).orElseThrow(() -> new LossbenchException(ExitCode.USAGE,
                "unknown dataset '" + name + "'; 'lossbench datasets list' shows the built-in and registered ones"));
    }

    /** A built-in's name, version and, for a superseded version, the name that replaced it. */
    static Map<String, Object> identify(PhantomDataset d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("kind", "built-in");
        m.put("version", d.version());
        Phantoms.supersededBy(d).ifPresentOrElse(current -> m.put("superseded_by", current),
                () -> m.put("alias", Phantoms.versionedName(d)));
        return m;
    }

    static Map<String, Object> describe(PhantomDataset d) {
        Map<String, Object> m = identify(d);
        m.put("description", d.description());
        m.put("modalities", d.modalities());
        m.put("labels", d.labels());
        m.put("shape", d.grid().shape());
        m.put("spacing", d.grid().spacing());
        m.put("cases", d.caseCount());
        m.put("default_seed", Phantoms.DEFAULT_SEED);
        m.put("reference_hash", Phantoms.referenceHash(d.name()).orElseThrow());
        return m;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "One JSON object per known dataset.")
    static final class ListCommand implements Callable<Integer> {
        @ParentCommand
        DatasetsCommand parent;

        @Override
        public Integer call() {
            var out = parent.spec.commandLine().getOut();
            DatasetRegistry r = parent.registry();
            for (PhantomDataset d : r.builtIns()) {
                Map<String, Object> m = identify(d);
                m.put("cases", d.caseCount());
                m.put("modalities", d.modalities());
                m.put("classes", d.labels().size());
                out.println(json(m));
            }
            for (RegistryEntry e : r.shipped()) {
                DatasetSpec ds = Dataset.open(Path.of(e.root()), e.layout()).spec();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", e.name());
                m.put("kind", "built-in");
                m.put("cases", ds.cases().size());
                m.put("modalities", ds.modalities());
                m.put("classes", ds.labels().size());
                m.put("layout", e.layout());
                m.put("root", e.root());
                m.put("licence", ds.licence());
                out.println(json(m));
            }
            for (RegistryEntry e : r.userEntries()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", e.name());
                m.put("kind", "registered");
                m.put("layout", e.layout());
                m.put("root", e.root());
                out.println(json(m));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Describe a dataset as JSON (its full spec for registered ones).")
    static final class InfoCommand implements Callable<Integer> {
        @ParentCommand
        DatasetsCommand parent;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            var out = parent.spec.commandLine().getOut();
            Optional<PhantomDataset> builtIn = Phantoms.find(name);
            if (builtIn.isPresent()) {
                out.println(prettyJson(describe(builtIn.get())));
            } else {
                RegistryEntry e = parent.entry(name);
                out.println(prettyJson(Dataset.open(Path.of(e.root()), e.layout()).spec()));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Generate a built-in phantom as NIfTI files, lesion lists and dataset.json.")
    static final class GenerateCommand implements Callable<Integer> {
        @ParentCommand
        DatasetsCommand parent;

        @Parameters(paramLabel = "NAME", description = "a built-in phantom: phantom-tiny, phantom-lesions or phantom-multiorgan;"
                + " NAME@N for version N (phantom-lesions@1 is the superseded version 1)")
        String name;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (created)")
        Path out;

        @Option(names = "--seed", paramLabel = "N", description = "generator seed (default: ${DEFAULT-VALUE})")
        long seed = Phantoms.DEFAULT_SEED;

        @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: available processors)")
        int threads = Runtime.getRuntime().availableProcessors();

        @Override
        public Integer call() {
            requireThreads(threads);
            PhantomDataset d = Phantoms.find(name).orElseThrow(() -> new LossbenchException(ExitCode.USAGE,
                    "'" + name + "' is not a built-in phantom; choose one of " + Phantoms.names()));
            AtomicFiles.checkFolder(out, "--out");
            long t0 = System.nanoTime();
            DatasetSpec spec;
            try (Progress progress = Progress.start("generate " + d.name(), d.caseCount())) {
                spec = PhantomWriter.write(d, seed, out, threads, i -> progress.step());
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", d.name());
            m.put("seed", seed);
            m.put("out", out.toAbsolutePath().toString());
            m.put("cases", spec.cases().size());
            m.put("files", spec.checksums().size());
            m.put("seconds", Math.round((System.nanoTime() - t0) / 1e6) / 1e3);
            var o = parent.spec.commandLine().getOut();
            o.println(json(m));
            o.flush();
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Phantom: regenerate and compare with the reference hash. Shipped, registered or a folder: read and check every case and checksum.")
    static final class VerifyCommand implements Callable<Integer> {
        @ParentCommand
        DatasetsCommand parent;

        @Parameters(paramLabel = "NAME", description = "a dataset name, or the root folder of a dataset")
        String name;

        @Option(names = "--threads", paramLabel = "N", description = "generation threads for built-ins (default: available processors)")
        int threads = Runtime.getRuntime().availableProcessors();

        @Override
        public Integer call() {
            requireThreads(threads);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            Optional<PhantomDataset> builtIn = Phantoms.find(name);
            if (builtIn.isPresent()) {
                String hash = PhantomHash.ofAll(Phantoms.generateAll(builtIn.get(), Phantoms.DEFAULT_SEED, threads, i -> { }));
                String expected = Phantoms.referenceHash(name).orElseThrow();
                if (!hash.equals(expected)) {
                    throw new LossbenchException(ExitCode.INTERNAL, name + ": generated data hash " + hash
                            + " differs from the reference " + expected + "; this build does not reproduce the published phantom");
                }
                m.put("kind", "built-in");
                m.put("hash", hash);
                m.put("cases", builtIn.get().caseCount());
            } else {
                Path root;
                SortedMap<String, String> recorded;
                boolean shipped = DatasetRegistry.isShipped(name);
                if (!shipped && parent.registry().findUser(name).isEmpty() && Files.isDirectory(Path.of(name))) {
                    root = Path.of(name);
                    recorded = new java.util.TreeMap<>();
                } else {
                    RegistryEntry e = parent.entry(name);
                    root = Path.of(e.root());
                    // a shipped dataset's entry holds its folder's SHA256SUMS, which the dataset checks itself
                    recorded = shipped ? new java.util.TreeMap<>() : e.checksums();
                }
                Dataset ds = Dataset.open(root);
                m.put("kind", shipped ? "built-in" : "dataset");
                m.put("layout", ds.layout());
                m.put("cases", ds.verify(recorded));
                m.put("checksums", ds.spec().checksums().size() + recorded.size() + ds.recordedChecksums());
            }
            m.put("ok", true);
            var o = parent.spec.commandLine().getOut();
            o.println(json(m));
            o.flush();
            return 0;
        }
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Check a dataset folder (lossbench, MSD, nnU-Net v2 or images/+labels/) and add it to the registry.")
    static final class RegisterCommand implements Callable<Integer> {
        @ParentCommand
        DatasetsCommand parent;

        @Parameters(paramLabel = "DIR")
        Path dir;

        @Option(names = "--name", paramLabel = "NAME", description = "registry name (default: the spec's name)")
        String name;

        @Option(names = "--no-checksums", description = "do not record the SHA-256 of every file (they let 'verify' detect changed files)")
        boolean noChecksums;

        @Override
        public Integer call() {
            Dataset ds = Dataset.open(dir);
            ds.checkFilesExist();
            String n = name != null ? name : ds.spec().name();
            if (!n.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new LossbenchException(ExitCode.USAGE, "dataset name '" + n + "' must be letters, digits, '.', '_' or '-'");
            }
            SortedMap<String, String> sums = !noChecksums ? Checksums.compute(ds.spec(), dir) : null;
            RegistryEntry entry = new RegistryEntry(n, dir.toAbsolutePath().normalize().toString(), ds.layout(), sums);
            DatasetRegistry r = parent.registry();
            r.register(entry);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", n);
            m.put("layout", ds.layout());
            m.put("root", entry.root());
            m.put("cases", ds.spec().cases().size());
            m.put("checksums", entry.checksums().size());
            m.put("registry", r.file().toAbsolutePath().toString());
            var o = parent.spec.commandLine().getOut();
            o.println(json(m));
            o.flush();
            return 0;
        }
    }
}
