package org.lossbench.eval.results;

/** A cell as the timing tables and the manifest name it: plan index, key, dataset, model, loss and training seed. */
public record CellId(int index, String key, String dataset, String model, String loss, long seed) {
    /** {@code index, key, dataset, model, loss, seed}. */
    public static final ColumnSet<CellId> COLUMNS = ColumnSet.of(Column.integer("index", CellId::index), Column.text("key", CellId::key),
            Column.text("dataset", CellId::dataset), Column.text("model", CellId::model), Column.text("loss", CellId::loss),
            Column.integer("seed", CellId::seed));
}
