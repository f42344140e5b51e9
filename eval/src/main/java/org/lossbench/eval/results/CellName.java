package org.lossbench.eval.results;

/** The columns that name a cell in front of its rows in a sweep's {@code cases.csv}, {@code lesions.csv} and {@code separability.csv}. */
public record CellName(String dataset, String model, String loss, long seed) {
    /** {@code dataset, model, loss, seed}. */
    public static final ColumnSet<CellName> COLUMNS = ColumnSet.of(Column.text("dataset", CellName::dataset),
            Column.text("model", CellName::model), Column.text("loss", CellName::loss), Column.integer("seed", CellName::seed));

    /** One row of a cell's table: the cell and the evaluator's row. */
    public record Row<R>(CellName cell, R row) {
    }

    /** {@link #COLUMNS}, then {@code set}. */
    public static <R> ColumnSet<Row<R>> inCell(ColumnSet<R> set) {
        return COLUMNS.<Row<R>>over(Row::cell).with(set.over(Row::row));
    }
}
