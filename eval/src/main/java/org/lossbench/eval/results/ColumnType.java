package org.lossbench.eval.results;

import java.util.Locale;

/**
 * How a column's values are written as text and read back. A missing value ({@code null}) is an empty field.
 * {@link #NUMBER} is Java's shortest round-trip form ({@link Double#toString}), read back to the same bits, with
 * {@code nan}, {@code inf} and {@code -inf} for the values JSON and most CSV readers lack; {@link #SECONDS} is a
 * wall-clock duration with four decimals.
 */
public enum ColumnType {
    /** As is (the codec quotes it when it holds a comma, a quote or a line break). */
    TEXT,
    /** A whole number in decimal. */
    INTEGER,
    /** A double: shortest round-trip form, {@code nan}, {@code inf}, {@code -inf}. */
    NUMBER,
    /** Seconds, {@code %.4f}. */
    SECONDS;

    /** The text of {@code value} in this type; empty for null. */
    public String format(Object value) {
        if (value == null) {
            return "";
        }
        return switch (this) {
            case NUMBER -> value instanceof Double d ? number(d) : value.toString();
            case SECONDS -> String.format(Locale.ROOT, "%.4f", ((Number) value).doubleValue());
            default -> value.toString();
        };
    }

    /** A double as {@link #NUMBER} writes it. */
    public static String number(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return Double.toString(d);
    }

    /**
     * The inverse of {@link #number}: {@code nan}, {@code inf}, {@code -inf} or a decimal number.
     *
     * @throws NumberFormatException when {@code text} is none of these
     */
    public static double parseNumber(String text) {
        return switch (text) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
