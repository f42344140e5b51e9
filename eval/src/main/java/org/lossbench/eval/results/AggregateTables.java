package org.lossbench.eval.results;

import java.util.List;
import java.util.Map;
import org.lossbench.eval.Aggregation;

/**
 * The tables a sweep's aggregation writes besides the cells' concatenated ones: {@link #SUMMARY} ({@code summary.csv}),
 * {@link #SEEDS} ({@code seeds.csv}), {@link #TIMINGS} ({@code timings.csv}) and {@link #CASE_TIMINGS}
 * ({@code case_timings.csv}); the timing tables are the only outputs that differ between runs.
 */
public final class AggregateTables {
    /** One row of {@code summary.csv}: a metric's statistics over the cases of all seeds of a (dataset, model, loss) and class. */
    public record SummaryRow(String dataset, String model, String loss, Aggregation.MetricSummary metric) {
    }

    /** One row of {@code seeds.csv}: a class's metric ({@code dice} or {@code dsc_agg}) for one training seed. */
    public record SeedRow(String dataset, String model, String loss, int label, String metric, long seed, int cases, double value) {
    }

    /** One row of {@code timings.csv}; {@code seconds} maps each step's column name to its seconds (absent steps are empty). */
    public record CellTiming(CellId cell, String status, Map<String, ? extends Number> seconds) {
    }

    /** One row of {@code case_timings.csv}. */
    public record CaseTiming(CellId cell, String caseId, double inferenceS, double evaluationS) {
    }

    public static final ColumnSet<SummaryRow> SUMMARY = ColumnSet.of(Column.text("dataset", SummaryRow::dataset),
            Column.text("model", SummaryRow::model), Column.text("loss", SummaryRow::loss),
            Column.integer("label", r -> r.metric().label()), Column.text("metric", r -> r.metric().metric().column()),
            Column.integer("cases", r -> r.metric().cases()), Column.integer("n", r -> r.metric().summary().n()),
            Column.integer("n_undefined", r -> r.metric().summary().nUndefined()), Column.integer("n_empty_ref", r -> r.metric().nEmptyRef()),
            Column.number("mean", r -> r.metric().summary().mean()), Column.number("sd", r -> r.metric().summary().sd()),
            Column.number("median", r -> r.metric().summary().median()), Column.number("q1", r -> r.metric().summary().q1()),
            Column.number("q3", r -> r.metric().summary().q3()), Column.number("iqr", r -> r.metric().summary().iqr()),
            Column.number("min", r -> r.metric().summary().min()), Column.number("max", r -> r.metric().summary().max()),
            Column.number("ci95_low", r -> r.metric().summary().ciLow()), Column.number("ci95_high", r -> r.metric().summary().ciHigh()));

    public static final ColumnSet<SeedRow> SEEDS = ColumnSet.of(Column.text("dataset", SeedRow::dataset), Column.text("model", SeedRow::model),
            Column.text("loss", SeedRow::loss), Column.integer("label", SeedRow::label), Column.text("metric", SeedRow::metric),
            Column.integer("seed", SeedRow::seed), Column.integer("cases", SeedRow::cases), Column.number("value", SeedRow::value));

    /** The steps of a cell's wall clock, in {@code timings.csv}'s order (the keys of {@code timings.json}'s {@code seconds}). */
    public static final List<String> STEPS = List.of("dataset_load_s", "train_s", "model_load_s", "inference_s", "evaluation_s",
            "write_s", "total_s");

    public static final ColumnSet<CellTiming> TIMINGS = CellId.COLUMNS.<CellTiming>over(CellTiming::cell)
            .with(Column.text("status", CellTiming::status)).with(new ColumnSet<>(STEPS.stream()
                    .map(s -> Column.<CellTiming>seconds(s, t -> t.seconds().get(s))).toList()));

    public static final ColumnSet<CaseTiming> CASE_TIMINGS = CellId.COLUMNS.<CaseTiming>over(CaseTiming::cell)
            .with(Column.text("case", CaseTiming::caseId), Column.seconds("inference_s", CaseTiming::inferenceS),
                    Column.seconds("evaluation_s", CaseTiming::evaluationS));

    private AggregateTables() {
    }
}
