package org.lossbench.eval.report;

import java.util.List;
import org.lossbench.eval.ClassSeparability;

/**
 * {@code separability.csv}: per case and class, the threshold-free view of the class's probability
 * channel ({@link ClassSeparability}): {@code peak_prob_ref} and {@code auc} (docs/statistics.md,
 * collapse diagnosis).
 */
public final class SeparabilityTable {
    public static final List<String> COLUMNS = List.of("case", "label", "peak_prob_ref", "auc");

    private SeparabilityTable() {
    }

    public static String csv(List<ClassSeparability> rows) {
        Csv csv = new Csv().header(COLUMNS);
        for (ClassSeparability r : rows) {
            csv.row(r.caseId(), r.label(), r.peakInRef(), r.auc());
        }
        return csv.toString();
    }
}
