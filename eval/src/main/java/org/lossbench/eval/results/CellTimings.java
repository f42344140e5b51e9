package org.lossbench.eval.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A finished cell's {@code timings.json}: wall-clock seconds per case, the device it ran on, its key and seconds per step
 * (the {@link AggregateTables#STEPS}). The only cell file whose content changes between runs. Written with map keys
 * sorted; the components are in alphabetical order so that the file's keys are too.
 */
public record CellTimings(List<Case> cases, String device, String key, Map<String, Double> seconds) {
    /** The seconds one case took to infer and to evaluate (components in alphabetical order, as the file's keys). */
    public record Case(@JsonProperty("case") String caseId, double evaluationS, double inferenceS) {
    }

    public void write(Path cellDir) {
        Documents.writeSorted(cellDir.resolve(SweepLayout.TIMINGS_JSON), this);
    }

    /** The cell's timings, or none (no seconds, no cases) when the cell has no {@code timings.json}. */
    public static CellTimings read(Path cellDir) {
        Path f = cellDir.resolve(SweepLayout.TIMINGS_JSON);
        if (!Files.isRegularFile(f)) {
            return new CellTimings(List.of(), null, null, Map.of());
        }
        CellTimings t = Documents.read(f, CellTimings.class, "delete the cell folder " + cellDir + " and rerun the sweep");
        return new CellTimings(t.cases() == null ? List.of() : t.cases(), t.device(), t.key(), t.seconds() == null ? Map.of() : t.seconds());
    }
}
