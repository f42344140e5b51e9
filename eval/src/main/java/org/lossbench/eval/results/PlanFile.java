package org.lossbench.eval.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code sweep.json}: the plan, written before any cell runs: the resolved spec (as the JSON tree the runner's spec
 * serialises to), its SHA-256 (which {@code lossbench merge} compares between shards) and the cells in plan order.
 */
public record PlanFile(String format, String specSha256, JsonNode spec, List<Cell> cells) {
    /**
     * A planned cell: its position, key, coordinates, the model file it evaluates (absent when the cell trains its
     * model) and its configuration, the map whose canonical JSON's SHA-256 is the key.
     */
    public record Cell(int index, String key, String dataset, String model, String loss, long seed, String modelFile,
                       Map<String, Object> config) {
    }

    public PlanFile(String specSha256, JsonNode spec, List<Cell> cells) {
        this(FormatTag.PLAN, specSha256, spec, cells);
    }

    public void write(Path sweepDir) {
        Documents.write(sweepDir.resolve(SweepLayout.PLAN), this);
    }

    /** The plan of {@code sweepDir}; a folder without one is not a sweep folder ({@link org.lossbench.core.BadInputException}). */
    public static PlanFile read(Path sweepDir) {
        Path f = sweepDir.resolve(SweepLayout.PLAN);
        PlanFile p = Documents.read(f, PlanFile.class, "give the results/<sweep> folders the sweep wrote");
        FormatTag.require(FormatTag.PLAN, p.format(), f);
        return p;
    }
}
