package org.lossbench.eval.report;

import java.util.List;
import org.lossbench.eval.ClassSeparability;
import org.lossbench.eval.results.CsvCodec;
import org.lossbench.eval.results.ResultTables;

/**
 * {@code separability.csv}: per case and class, the threshold-free view of the class's probability
 * channel ({@link ClassSeparability}): {@code peak_prob_ref} and {@code auc} (docs/statistics.md,
 * collapse diagnosis).
 */
public final class SeparabilityTable {
    /** The columns, declared in the results schema ({@link ResultTables#SEPARABILITY}). */
    public static final List<String> COLUMNS = ResultTables.SEPARABILITY.names();

    private SeparabilityTable() {
    }

    public static String csv(List<ClassSeparability> rows) {
        return CsvCodec.write(ResultTables.SEPARABILITY, rows);
    }
}
