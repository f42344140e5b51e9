package org.lossbench.eval.report;

import java.util.List;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Renders a Tablesaw {@link Table} as a GitHub-flavoured Markdown table: the one place lossbench writes
 * Markdown tables (Tablesaw writes CSV, HTML and JSON, but not Markdown).
 *
 * <p>Numeric columns are right-aligned and printed with {@link ResultWriter#fmt} (four significant
 * digits, {@code nan}, {@code inf}). Tablesaw stores a double's NaN as its missing value, so a missing
 * floating-point cell prints {@code nan} (an undefined metric); other missing cells are empty. Text cells are printed
 * as they are (they may carry inline Markdown such as {@code **bold**}), with {@code |} escaped and
 * line breaks turned into spaces so that a cell can never break the table.
 */
public final class MarkdownTable {
    private MarkdownTable() {
    }

    /** The table as Markdown lines, each ending in a line break. */
    public static String render(Table table) {
        List<Column<?>> cols = table.columns();
        if (cols.isEmpty()) {
            throw new IllegalArgumentException("a Markdown table needs at least one column");
        }
        StringBuilder sb = new StringBuilder("|");
        for (Column<?> c : cols) {
            sb.append(' ').append(escape(c.name())).append(" |");
        }
        sb.append("\n|");
        for (Column<?> c : cols) {
            sb.append(c instanceof NumericColumn<?> ? "---:|" : "---|");
        }
        sb.append('\n');
        for (int r = 0; r < table.rowCount(); r++) {
            sb.append('|');
            for (Column<?> c : cols) {
                sb.append(' ').append(cell(c, r)).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String cell(Column<?> c, int row) {
        boolean floating = c.type() == ColumnType.DOUBLE || c.type() == ColumnType.FLOAT;
        if (c.isMissing(row)) {
            return floating ? ResultWriter.fmt(Double.NaN) : "";
        }
        if (c instanceof NumericColumn<?> n) {
            double v = n.getDouble(row);
            return floating ? ResultWriter.fmt(v) : Long.toString((long) v);
        }
        return escape(c.getString(row));
    }

    private static String escape(String s) {
        return s.replace("\\|", "|").replace("|", "\\|").replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
