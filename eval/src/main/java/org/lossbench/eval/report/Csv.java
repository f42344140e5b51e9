package org.lossbench.eval.report;

import java.util.List;
import org.lossbench.eval.results.ColumnType;

/**
 * Minimal RFC 4180 CSV text: numbers in shortest round-trip form, {@code nan}, {@code inf}, {@code -inf} (the results
 * schema's {@link ColumnType#NUMBER}).
 */
public final class Csv {
    private final StringBuilder sb = new StringBuilder();

    public Csv header(List<String> names) {
        return row(names.toArray());
    }

    public Csv row(Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells[i]));
        }
        sb.append('\n');
        return this;
    }

    public static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return number(d);
        }
        String s = v.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    public static String number(double d) {
        return ColumnType.number(d);
    }

    /**
     * The inverse of {@link #number}: {@code nan}, {@code inf}, {@code -inf} or a decimal number.
     *
     * @throws NumberFormatException when {@code text} is none of these
     */
    public static double parseNumber(String text) {
        return ColumnType.parseNumber(text);
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
