package org.lossbench.cli.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.datasets.phantom.Phantoms;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.datasets.registry.RegistryEntry;
import org.lossbench.eval.results.FormatTag;

/**
 * The cells of a resolved {@link SweepSpec}: datasets x models x losses x seeds in the spec's order.
 * Each cell's configuration holds everything that decides its numbers (and nothing else: not the
 * sweep's name, not output paths): dataset and its checksum, split and split seed, mode, model, loss,
 * seed, the training settings (train mode) or the ONNX file's SHA-256 (zoo and external modes, a
 * {@link ModelDigest}), and the inference and evaluation settings; the mode's {@link ModelSource} names
 * the model files and writes the entries that decide the model. Its key is the SHA-256 of the
 * configuration's canonical JSON.
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
        SweepMode mode = SweepMode.of(spec);
        ModelSource source = mode.source(spec);
        List<Point> grid = grid(spec, source);
        Map<String, ModelDigest> digests = ModelDigest.of(grid.stream().map(Point::file).filter(f -> f != null).toList());
        List<Cell> cells = new ArrayList<>();
        for (Point p : grid) {
            Map<String, Object> c = new TreeMap<>();
            c.put("format", CELL_FORMAT);
            c.put("dataset", p.dataset());
            c.put("dataset_checksum", checksums.get(p.dataset()));
            c.put("split", spec.split());
            c.put("split_seed", spec.splitSeed());
            c.put("mode", mode);
            c.put("model", p.model());
            c.put("loss", p.loss());
            c.put("seed", p.seed());
            source.configure(c, p.model(), p.loss(), p.file() == null ? null : digests.get(p.file()));
            c.put("inference", tree(spec.inference()));
            c.put("evaluation", tree(spec.evaluation()));
            cells.add(new Cell(cells.size(), p.dataset(), p.model(), p.loss(), p.seed(), p.file(), c, CanonicalJson.sha256(c)));
        }
        return cells;
    }

    /** A cell of the grid before its configuration: its coordinates and model file (null when it trains its model). */
    private record Point(String dataset, String model, String loss, long seed, String file) {
    }

    /** Datasets x models x losses x seeds in the spec's order, each with the model file {@code source} names. */
    private static List<Point> grid(SweepSpec spec, ModelSource source) {
        List<Point> grid = new ArrayList<>();
        for (String d : spec.datasets()) {
            for (String m : spec.models()) {
                for (String l : spec.losses()) {
                    for (long s : spec.seeds()) {
                        grid.add(new Point(d, m, l, s, source.modelFile(d, m, l, s)));
                    }
                }
            }
        }
        return grid;
    }

    /** A record as a sorted map of its non-null components (snake_case), for hashing. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> tree(Object settings) {
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
