package org.lossbench.eval.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A finished cell's {@code timings.json}: its key, the device it ran on, wall-clock seconds per step (the
 * {@link AggregateTables#STEPS}) and per case. The only cell file whose content changes between runs.
 */
public record CellTimings(String key, String device, Map<String, Double> seconds, List<Case> cases) {
    /** The seconds one case took to infer and to evaluate. */
    public record Case(@JsonProperty("case") String caseId, double inferenceS, double evaluationS) {
    }

    /** The cell's timings, or none (no seconds, no cases) when the cell has no {@code timings.json}. */
    public static CellTimings read(Path cellDir) {
        Path f = cellDir.resolve(SweepLayout.TIMINGS_JSON);
        if (!Files.isRegularFile(f)) {
            return new CellTimings(null, null, Map.of(), List.of());
        }
        CellTimings t = Documents.read(f, CellTimings.class, "delete the cell folder " + cellDir + " and rerun the sweep");
        return new CellTimings(t.key(), t.device(), t.seconds() == null ? Map.of() : t.seconds(), t.cases() == null ? List.of() : t.cases());
    }
}
