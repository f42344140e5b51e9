package org.lossbench.eval.results;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lossbench.core.BadInputException;

/** One data row of a {@link CsvTable}, its fields looked up by column name and parsed by type. */
public record CsvRow(Header header, int line, List<String> fields) {
    /** A table's column names and where the table came from (for messages). */
    public record Header(String where, Map<String, Integer> index) {
        Header(String where, List<String> names) {
            this(where, indexOf(names));
        }

        private static Map<String, Integer> indexOf(List<String> names) {
            Map<String, Integer> m = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                m.putIfAbsent(names.get(i), i);
            }
            return Map.copyOf(m);
        }
    }

    /** The field as written. */
    public String text(String column) {
        Integer i = header.index().get(column);
        if (i == null) {
            throw new BadInputException(header.where() + " has no column '" + column + "'; it was not written by this version of "
                    + "lossbench: rerun the sweep");
        }
        return fields.get(i);
    }

    /** A {@link ColumnType#INTEGER} field. */
    public long integer(String column) {
        String t = text(column);
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw bad(column, t, "a whole number");
        }
    }

    /** An {@link ColumnType#INTEGER} field that fits an int. */
    public int small(String column) {
        long v = integer(column);
        if (v != (int) v) {
            throw bad(column, Long.toString(v), "a whole number of at most 10 digits");
        }
        return (int) v;
    }

    /** A {@link ColumnType#NUMBER} or {@link ColumnType#SECONDS} field ({@code nan}, {@code inf}, {@code -inf} included). */
    public double number(String column) {
        String t = text(column);
        try {
            return ColumnType.parseNumber(t);
        } catch (NumberFormatException e) {
            throw bad(column, t, "a number");
        }
    }

    private BadInputException bad(String column, String text, String what) {
        return new BadInputException(header.where() + ", line " + line + ": " + column + " is '" + text + "', not " + what);
    }
}
