package org.lossbench.cli.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.datasets.phantom.Phantoms;
import org.lossbench.datasets.spec.DatasetRegistry;
import org.lossbench.datasets.spec.RegistryEntry;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.models.arch.ModelCard;
import org.lossbench.models.train.ModelSpec;
import org.lossbench.models.zoo.ModelZoo;
import org.lossbench.eval.results.FormatTag;

/**
 * The cells of a resolved {@link SweepSpec}: datasets x models x losses x seeds in the spec's order.
 * Each cell's configuration holds everything that decides its numbers (and nothing else: not the
 * sweep's name, not output paths): dataset and its checksum, split and split seed, mode, model, loss,
 * seed, the training settings (train mode) or the ONNX file's SHA-256 (zoo and external modes), and the
 * inference and evaluation settings. Its key is the SHA-256 of the configuration's canonical JSON.
 */
public final class SweepPlan {
    /** Version of the cell configuration's layout; part of every key. */
    public static final String CELL_FORMAT = FormatTag.CELL_CONFIG;

    private SweepPlan() {
    }

    public static List<Cell> cells(SweepSpec spec, DatasetRegistry registry) {
        Map<String, String> checksums = new LinkedHashMap<>();
        for (String d : spec.datasets()) {
            checksums.put(d, datasetChecksum(d, registry));
        }
        ModelZoo zoo = spec.mode().equals(SweepSpec.ZOO) ? ModelZoo.read(Path.of(spec.zoo())) : null;
        Map<String, String> modelHashes = modelHashes(spec, zoo);
        List<Cell> cells = new ArrayList<>();
        for (String d : spec.datasets()) {
            for (String m : spec.models()) {
                for (String l : spec.losses()) {
                    for (long s : spec.seeds()) {
                        Map<String, Object> c = new TreeMap<>();
                        c.put("format", CELL_FORMAT);
                        c.put("dataset", d);
                        c.put("dataset_checksum", checksums.get(d));
                        c.put("split", spec.split());
                        c.put("split_seed", spec.splitSeed());
                        c.put("mode", spec.mode());
                        c.put("model", m);
                        c.put("loss", l);
                        c.put("seed", s);
                        String file = null;
                        if (spec.mode().equals(SweepSpec.TRAIN)) {
                            ModelSpec.parse(m);
                            c.put("loss", canonicalLoss(l));
                            c.put("training", tree(spec.training()));
                        } else {
                            file = zoo != null ? zooFile(zoo, d, m, l, s) : spec.external().get(l);
                            c.put("model_sha256", modelHashes.get(file));
                        }
                        c.put("inference", tree(spec.inference()));
                        c.put("evaluation", tree(spec.evaluation()));
                        cells.add(new Cell(cells.size(), d, m, l, s, file, c, CanonicalJson.sha256(c)));
                    }
                }
            }
        }
        return cells;
    }

    /**
     * The SHA-256 of every model file the cells use, by path, hashed in parallel (eight zoo models are
     * 39 MB to read); empty when the sweep trains its models.
     */
    private static Map<String, String> modelHashes(SweepSpec spec, ModelZoo zoo) {
        List<String> files = new ArrayList<>();
        if (spec.mode().equals(SweepSpec.EXTERNAL)) {
            files.addAll(spec.external().values());
        } else if (zoo != null) {
            for (String d : spec.datasets()) {
                for (String m : spec.models()) {
                    for (String l : spec.losses()) {
                        for (long s : spec.seeds()) {
                            files.add(zooFile(zoo, d, m, l, s));
                        }
                    }
                }
            }
        }
        return files.stream().distinct().toList().parallelStream()
                .collect(java.util.stream.Collectors.toMap(f -> f, SweepPlan::fileSha256));
    }

    /** The file's SHA-256, or {@code missing:PATH} (the cell then fails with a clear reason, the others run). */
    private static String fileSha256(String file) {
        return Files.isRegularFile(Path.of(file)) ? ModelCard.sha256(Path.of(file)) : "missing:" + file;
    }

    private static String zooFile(ModelZoo zoo, String dataset, String arch, String loss, long seed) {
        return zoo.find(dataset, arch, loss, seed).orElseThrow(() -> new LossbenchException(ExitCode.USAGE,
                "sweep: the model zoo " + zoo.dir() + " has no " + arch + " model trained with '" + loss + "' and seed " + seed + " on "
                        + dataset)).file().toString();
    }

    private static String canonicalLoss(String spec) {
        try {
            return CompoundLoss.parse(spec).spec();
        } catch (LossbenchException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new LossbenchException(ExitCode.USAGE, "sweep: loss '" + spec + "': " + e.getMessage() + " (lossbench losses list)");
        }
    }

    /** A record as a sorted map of its non-null components (snake_case), for hashing. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> tree(Object settings) {
        Map<String, Object> m = org.lossbench.core.io.Json.mapper().convertValue(settings, Map.class);
        return new TreeMap<>(m);
    }

    /** Phantoms: the reference hash; shipped and registered datasets: SHA-256 of their recorded file checksums. */
    static String datasetChecksum(String name, DatasetRegistry registry) {
        var phantom = Phantoms.referenceHash(name);
        if (phantom.isPresent()) {
            return phantom.get();
        }
        RegistryEntry e = registry.find(name).orElseThrow(() -> new LossbenchException(ExitCode.USAGE,
                "sweep: unknown dataset '" + name + "'; built-in: " + String.join(", ", DatasetRegistry.builtInNames())
                        + "; register your own with lossbench datasets register"));
        if (e.checksums().isEmpty()) {
            return "unverified:" + e.root();
        }
        return CanonicalJson.sha256(e.checksums());
    }
}
