package org.lossbench.eval.results;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The columns of a results table in file order: the one declaration of its header, its types and how each field is
 * formatted; {@link CsvCodec#write(ColumnSet, List)} writes rows with it and {@link CsvCodec#read} checks a file's
 * header against {@link #names()}.
 *
 * @param <R> the row type
 */
public record ColumnSet<R>(List<Column<R>> columns) {
    public ColumnSet {
        columns = List.copyOf(columns);
    }

    @SafeVarargs
    public static <R> ColumnSet<R> of(Column<R>... columns) {
        List<Column<R>> all = new ArrayList<>(columns.length);
        for (Column<R> c : columns) {
            all.add(c);
        }
        return new ColumnSet<>(all);
    }

    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    /** The fields of one row, in column order. */
    public List<String> format(R row) {
        List<String> out = new ArrayList<>(columns.size());
        for (Column<R> c : columns) {
            out.add(c.format(row));
        }
        return out;
    }

    /** These columns followed by {@code more}. */
    @SafeVarargs
    public final ColumnSet<R> with(Column<R>... more) {
        List<Column<R>> all = new ArrayList<>(columns);
        for (Column<R> c : more) {
            all.add(c);
        }
        return new ColumnSet<>(all);
    }

    /** These columns over rows {@code S} that hold an {@code R}. */
    public <S> ColumnSet<S> over(Function<? super S, ? extends R> part) {
        List<Column<S>> all = new ArrayList<>();
        columns.forEach(c -> all.add(c.from(part)));
        return new ColumnSet<>(all);
    }

    /** These columns followed by {@code more}'s. */
    public ColumnSet<R> with(ColumnSet<R> more) {
        List<Column<R>> all = new ArrayList<>(columns);
        all.addAll(more.columns());
        return new ColumnSet<>(all);
    }
}
