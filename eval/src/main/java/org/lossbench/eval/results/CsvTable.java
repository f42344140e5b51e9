package org.lossbench.eval.results;

import java.util.List;
import org.lossbench.core.BadInputException;

/** A CSV file as {@link CsvCodec#read} parsed it: its header and its data rows. */
public record CsvTable(String where, List<String> header, List<CsvRow> rows) {
    /** This table, after checking that it has every column of {@code names}. */
    public CsvTable requireColumns(List<String> names) {
        for (String c : names) {
            if (!header.contains(c)) {
                throw new BadInputException(where + " has no column '" + c + "' (columns: " + String.join(", ", header)
                        + "); it was not written by lossbench sweep, or by an older version: rerun the sweep");
            }
        }
        return this;
    }

    /** This table, after checking that its header is exactly {@code set}'s. */
    public CsvTable requireHeader(ColumnSet<?> set) {
        if (!header.equals(set.names())) {
            throw new BadInputException(where + " has the columns " + String.join(",", header) + ", expected "
                    + String.join(",", set.names()) + "; it was written by another version of lossbench: rerun the sweep");
        }
        return this;
    }
}
