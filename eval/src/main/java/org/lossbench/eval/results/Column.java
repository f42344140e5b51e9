package org.lossbench.eval.results;

import java.util.function.Function;

/**
 * One column of a results table: its name in the header, its {@link ColumnType} and the value a row gives it.
 *
 * @param <R> the row type
 */
public record Column<R>(String name, ColumnType type, Function<? super R, ?> value) {
    public static <R> Column<R> text(String name, Function<? super R, ?> value) {
        return new Column<>(name, ColumnType.TEXT, value);
    }

    public static <R> Column<R> integer(String name, Function<? super R, ?> value) {
        return new Column<>(name, ColumnType.INTEGER, value);
    }

    public static <R> Column<R> number(String name, Function<? super R, ?> value) {
        return new Column<>(name, ColumnType.NUMBER, value);
    }

    public static <R> Column<R> seconds(String name, Function<? super R, ?> value) {
        return new Column<>(name, ColumnType.SECONDS, value);
    }

    /** The field of {@code row} in this column. */
    public String format(R row) {
        return type.format(value.apply(row));
    }

    /** This column over rows {@code S} that hold an {@code R}. */
    public <S> Column<S> from(Function<? super S, ? extends R> part) {
        return new Column<>(name, type, s -> value.apply(part.apply(s)));
    }
}
