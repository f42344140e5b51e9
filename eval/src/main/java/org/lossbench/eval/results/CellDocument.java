package org.lossbench.eval.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A finished cell's {@code cell.json}: the ids of its evaluated cases, its configuration, its key, the dataset's class
 * names by label value (background left out) and its provenance. Written with map keys sorted; the components are in
 * alphabetical order so that the file's keys are too, and null values are kept (as the canonical JSON of a
 * configuration keeps them).
 */
public record CellDocument(List<String> cases, @JsonInclude(content = JsonInclude.Include.ALWAYS) Map<String, Object> config, String key,
                           Map<String, String> labelNames, @JsonInclude(content = JsonInclude.Include.ALWAYS) Map<String, Object> provenance) {
    public void write(Path cellDir) {
        Documents.writeSorted(cellDir.resolve(SweepLayout.CELL), this);
    }

    public static CellDocument read(Path cellDir) {
        return Documents.read(cellDir.resolve(SweepLayout.CELL), CellDocument.class,
                "delete the cell folder " + cellDir + " and rerun the sweep");
    }
}
