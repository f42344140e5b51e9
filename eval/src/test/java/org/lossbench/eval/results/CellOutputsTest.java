package org.lossbench.eval.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lossbench.core.BadInputException;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.ClassResult;
import org.lossbench.eval.ClassSeparability;
import org.lossbench.eval.lesion.LesionRow;

/** A cell's tables read back to the same values, bit for bit, and written again to the same bytes. */
class CellOutputsTest {
    private static final ClassResult.LesionCounts L = new ClassResult.LesionCounts(2, 1, 1, 1, 0, 1.0, 0.5, 2.0 / 3, 0.1 + 0.2,
            Double.POSITIVE_INFINITY);
    private static final ClassResult R = new ClassResult("c1", 2, 5, 3, 7, 12, 8, 2.0 / 3, Math.PI / 7, 0.625, 5.0 / 12, 12 * 0.7,
            8 * 0.7, -1.0 / 3, Double.POSITIVE_INFINITY, 1e-300, Double.NaN, 0.1, 2, L);
    private static final LesionRow LR = new LesionRow("c1", 2, "ref", 1, 12, 8.4, 2.5221, new int[] {1, 2, 3}, new int[] {4, 5, 6},
            new double[] {2.8, 2.8, 2.8}, new double[] {2.5, 3.5, 4.5}, new double[] {-1.25, 0.1, 1e10}, 0, 0, 0.0, Double.NaN, "[0,3)");
    // a model spec with commas must be quoted in the cell's columns
    private static final CellName CELL = new CellName("phantom-tiny", "vnet-tiny:width=4,depth=2", "focal:gamma=2", 7);

    @Test
    void roundTripKeepsEveryBit() {
        CaseResult cr = new CaseResult("c1", List.of(R), List.of(LR));
        String cases = CellOutputs.casesCsv(CELL, List.of(cr));
        String lesions = CellOutputs.lesionsCsv(CELL, List.of(cr));
        // written by hand from the values above: Double.toString of each, nan/inf, the quoted model
        assertEquals("phantom-tiny,\"vnet-tiny:width=4,depth=2\",focal:gamma=2,7,c1,2,5,3,7,12,8,8.399999999999999,5.6,"
                + "0.6666666666666666,0.4487989505128276,0.625,0.4166666666666667,-0.3333333333333333,inf,1.0E-300,nan,0.1,2.0,"
                + "2,1,1,1,0,1.0,0.5,0.6666666666666666,0.30000000000000004,inf", cases.lines().toList().get(1));
        assertEquals("phantom-tiny,\"vnet-tiny:width=4,depth=2\",focal:gamma=2,7,c1,2,ref,1,12,8.4,2.5221,\"[0,3)\",1,4,2,5,3,6,"
                + "2.8,2.8,2.8,2.5,3.5,4.5,-1.25,0.1,1.0E10,,0,0.0,nan", lesions.lines().toList().get(1));
        List<CaseResult> back = ResultTables.readCases(CsvCodec.read(cases, "cases"), CsvCodec.read(lesions, "lesions"), "");
        assertEquals(1, back.size());
        assertEquals(R, back.get(0).classes().get(0));
        assertEquals(LR, back.get(0).lesions().get(0));
        assertEquals(cases, CellOutputs.casesCsv(CELL, back));
        assertEquals(lesions, CellOutputs.lesionsCsv(CELL, back));
    }

    @Test
    void separabilityRoundTripsWithPrefixedCaseIds() {
        List<ClassSeparability> rows = List.of(new ClassSeparability("c1", 1, 0.75, Double.NaN), new ClassSeparability("c2", 2, 1e-7, 0.5));
        String csv = CellOutputs.separabilityCsv(CELL, rows);
        assertEquals("dataset,model,loss,seed,case,label,peak_prob_ref,auc\n"
                + "phantom-tiny,\"vnet-tiny:width=4,depth=2\",focal:gamma=2,7,c1,1,0.75,nan\n"
                + "phantom-tiny,\"vnet-tiny:width=4,depth=2\",focal:gamma=2,7,c2,2,1.0E-7,0.5\n", csv);
        List<ClassSeparability> back = ResultTables.readSeparability(CsvCodec.read(csv, "sep"), "s7/");
        assertEquals(List.of(new ClassSeparability("s7/c1", 1, 0.75, Double.NaN), new ClassSeparability("s7/c2", 2, 1e-7, 0.5)), back);
    }

    /** A table cut short, not a number where one is due, or without a column: a BadInputException naming the table and line. */
    @Test
    void damagedTablesAreBadInput() {
        List<CaseResult> one = List.of(new CaseResult("c1", List.of(R), List.of()));
        String cases = CellOutputs.casesCsv(CELL, one);
        String lesions = CellOutputs.lesionsCsv(CELL, one);
        String header = cases.lines().toList().get(0);
        String row = cases.lines().toList().get(1);
        assertBad("", lesions, "cell7 is empty");
        assertBad(header + "\n" + row.substring(0, row.length() / 2) + "\n", lesions, "cell7 line 2 has ");
        assertBad(header + "\n" + row.replace(",0.625,", ",x,") + "\n", lesions, "cell7, line 2: precision is 'x', not a number");
        assertBad(header.replace(",nsd,", ",nsd2,") + "\n" + row + "\n", lesions, "cell7 has no column 'nsd'");
    }

    private static void assertBad(String cases, String lesions, String message) {
        BadInputException e = assertThrows(BadInputException.class,
                () -> ResultTables.readCases(CsvCodec.read(cases, "cell7"), CsvCodec.read(lesions, "lesions"), ""));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
