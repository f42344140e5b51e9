package org.lossbench.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void numbersRoundTripIncludingNanAndInfinities() {
        for (double v : new double[] {0.1, -2.5e-7, 1e300, 0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertEquals(v, Csv.parseNumber(Csv.number(v)));
        }
        assertEquals("nan", Csv.number(Double.NaN));
        assertEquals("-inf", Csv.number(Double.NEGATIVE_INFINITY));
        assertThrows(NumberFormatException.class, () -> Csv.parseNumber("NaN%"));
    }

    @Test
    void cellsWithCommasOrQuotesAreQuoted() {
        assertEquals("\"a,b\"", Csv.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
        assertEquals("plain", Csv.cell("plain"));
    }
}
