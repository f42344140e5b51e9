package org.lossbench.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class MarkdownTableTest {
    @Test
    void rendersHeaderAlignmentAndCells() {
        Table t = Table.create("t",
                StringColumn.create("loss", "dice", "**focal**"),
                IntColumn.create("n", 12, 3),
                DoubleColumn.create("dice", 0.912345678, Double.NaN));
        String expected = """
                | loss | n | dice |
                |---|---:|---:|
                | dice | 12 | 0.9123 |
                | **focal** | 3 | nan |
                """;
        assertEquals(expected, MarkdownTable.render(t));
    }

    @Test
    void wholeDoublesKeepTheirDecimalFormAndMissingValuesShowWhatTheyAre() {
        DoubleColumn d = DoubleColumn.create("x", new double[] {2.0, 1e-5, Double.POSITIVE_INFINITY});
        d.appendMissing();
        IntColumn i = IntColumn.create("i", 1, 2, 3);
        i.appendMissing();
        Table t = Table.create("t", d, i);
        assertEquals("| x | i |\n|---:|---:|\n| 2.000 | 1 |\n| 1.000e-05 | 2 |\n| inf | 3 |\n| nan |  |\n", MarkdownTable.render(t));
    }

    @Test
    void pipesAndLineBreaksCannotBreakTheTable() {
        Table t = Table.create("t", StringColumn.create("a|b", "x|y", "two\nlines", "already \\| escaped"));
        assertEquals("| a\\|b |\n|---|\n| x\\|y |\n| two lines |\n| already \\| escaped |\n", MarkdownTable.render(t));
    }

    @Test
    void refusesATableWithoutColumns() {
        assertThrows(IllegalArgumentException.class, () -> MarkdownTable.render(Table.create("empty")));
    }
}
