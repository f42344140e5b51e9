package org.lossbench.eval.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.ClassResult;

/** The codec's text, written by hand from RFC 4180 and the project's number conventions, and read back. */
class CsvCodecTest {
    @Test
    void quotesExactlyCommasQuotesAndLineBreaks() {
        String csv = CsvCodec.write(List.of("a", "b"), List.of(List.of("x,y", "say \"hi\""), List.of("two\nlines", ""),
                List.of("focal<&>é [0;3) #1 \\ x", "-inf")));
        assertEquals("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"two\nlines\",\nfocal<&>é [0;3) #1 \\ x,-inf\n", csv);
        CsvTable t = CsvCodec.read(csv, "t");
        assertEquals(List.of("a", "b"), t.header());
        assertEquals(List.of(List.of("x,y", "say \"hi\""), List.of("two\nlines", ""), List.of("focal<&>é [0;3) #1 \\ x", "-inf")),
                t.rows().stream().map(CsvRow::fields).toList());
        assertEquals(Double.NEGATIVE_INFINITY, t.rows().get(2).number("b"));
    }

    @Test
    void typesFormatAsTheProjectDoes() {
        assertEquals("nan", ColumnType.NUMBER.format(Double.NaN));
        assertEquals("inf", ColumnType.NUMBER.format(Double.POSITIVE_INFINITY));
        assertEquals("0.1", ColumnType.NUMBER.format(0.1));
        assertEquals("1.0E-300", ColumnType.NUMBER.format(1e-300));
        assertEquals("3", ColumnType.NUMBER.format(3));
        assertEquals("0.1235", ColumnType.SECONDS.format(0.12345678));
        assertEquals("", ColumnType.SECONDS.format(null));
        assertEquals("12", ColumnType.INTEGER.format(12L));
        for (double d : new double[] {Double.NaN, Double.NEGATIVE_INFINITY, -0.0, Math.PI / 7, 1e-300, Double.MIN_VALUE}) {
            assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(ColumnType.parseNumber(ColumnType.number(d))));
        }
    }

    /**
     * The schema is single-sourced: a metric column added to {@link ResultTables#CASES} in one place (here, a test column)
     * is written by the cell writer's codec, kept by the aggregation's concatenation (which copies the fields of the
     * declared columns) and read back by name by any reader, while the typed reader of the other columns is unaffected.
     */
    @Test
    void aDummyMetricColumnTravelsEndToEnd() {
        ClassResult.LesionCounts l = new ClassResult.LesionCounts(1, 1, 1, 0, 0, 1.0, 1.0, 1.0, 0.5, 2.0);
        ClassResult r = new ClassResult("c1", 1, 5, 3, 7, 12, 8, 0.5, 0.25, 0.625, 0.4, 12, 8, -0.3, 4, 3, 1, 0.8, 2, l);
        ColumnSet<ClassResult> extended = ResultTables.CASES.with(Column.number("dummy_metric", c -> c.dice() * c.recall()));
        ColumnSet<CellName.Row<ClassResult>> inCell = CellName.inCell(extended);
        CellName cell = new CellName("d", "m", "dice", 0);
        String written = CsvCodec.write(inCell, List.of(new CellName.Row<>(cell, r)));
        assertTrue(written.startsWith("dataset,model,loss,seed,case,label,tp,"), written);
        assertTrue(written.lines().findFirst().orElseThrow().endsWith(",lesionwise_hd95_mm,dummy_metric"), written);
        CsvTable cellTable = CsvCodec.read(written, "cell").requireHeader(inCell);
        // the aggregation's concatenation of two cells
        String aggregated = CsvCodec.write(inCell.names(), List.of(cellTable.rows().get(0).fields(), cellTable.rows().get(0).fields()));
        CsvTable back = CsvCodec.read(aggregated, "aggregated").requireHeader(inCell);
        assertEquals(2, back.rows().size());
        assertEquals(0.5 * 0.4, back.rows().get(1).number("dummy_metric"));
        List<CaseResult> results = ResultTables.readCases(back, CsvCodec.read(CsvCodec.write(CellName.inCell(ResultTables.LESIONS),
                List.of()), "lesions"), "");
        assertEquals(r, results.get(0).classes().get(0));
    }
}
