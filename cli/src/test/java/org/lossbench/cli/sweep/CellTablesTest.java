package org.lossbench.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossbench.core.BadInputException;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.ClassResult;
import org.lossbench.eval.lesion.LesionRow;

/** A cell's tables read back to the same values, bit for bit, and written again to the same bytes. */
class CellTablesTest {
    @Test
    void roundTripKeepsEveryBit() {
        ClassResult.LesionCounts l = new ClassResult.LesionCounts(2, 1, 1, 1, 0, 1.0, 0.5, 2.0 / 3, 0.1 + 0.2, Double.POSITIVE_INFINITY);
        ClassResult r = new ClassResult("c1", 2, 5, 3, 7, 12, 8, 2.0 / 3, Math.PI / 7, 0.625, 5.0 / 12, 12 * 0.7, 8 * 0.7, -1.0 / 3,
                Double.POSITIVE_INFINITY, 1e-300, Double.NaN, 0.1, 2, l);
        LesionRow lr = new LesionRow("c1", 2, "ref", 1, 12, 8.4, 2.5221, new int[] {1, 2, 3}, new int[] {4, 5, 6},
                new double[] {2.8, 2.8, 2.8}, new double[] {2.5, 3.5, 4.5}, new double[] {-1.25, 0.1, 1e10}, 0, 0, 0.0, Double.NaN, "[0,3)");
        CaseResult cr = new CaseResult("c1", List.of(r), List.of(lr));
        // a model spec with commas must be quoted in the prefix columns
        Cell cell = new Cell(0, "phantom-tiny", "vnet-tiny:width=4,depth=2", "focal:gamma=2", 7, null, Map.of(), "k");
        String cases = CellTables.casesCsv(cell, List.of(cr));
        String lesions = CellTables.lesionsCsv(cell, List.of(cr));
        assertTrue(cases.lines().toList().get(1).startsWith("phantom-tiny,\"vnet-tiny:width=4,depth=2\",focal:gamma=2,7,c1,2,5,3,7,12,8,"),
                cases);
        List<CaseResult> back = CellTables.read(cases, lesions, "", "test");
        assertEquals(1, back.size());
        assertEquals(r, back.get(0).classes().get(0));
        assertEquals(lr, back.get(0).lesions().get(0));
        assertEquals(cases, CellTables.casesCsv(cell, back));
        assertEquals(lesions, CellTables.lesionsCsv(cell, back));
        assertEquals(List.of("a", "b,c", "d\"e", ""), CellTables.split("a,\"b,c\",\"d\"\"e\","));
    }

    /**
     * A cell's tables cut short: a BadInputException naming the file (and line). (Other damage, a field that is not a
     * number or a missing column, surfaces as a runtime exception that SweepResults, the one caller, turns into a
     * BadInputException naming the cell folder.)
     */
    @Test
    void emptyOrCutTablesAreBadInput() {
        ClassResult.LesionCounts l = new ClassResult.LesionCounts(1, 1, 1, 0, 0, 1.0, 1.0, 1.0, 0.5, 2.0);
        ClassResult r = new ClassResult("c1", 1, 5, 3, 7, 12, 8, 0.5, 0.25, 0.625, 0.4, 12, 8, -0.3, 4, 3, 1, 0.8, 2, l);
        Cell cell = new Cell(0, "d", "m", "dice", 0, null, Map.of(), "k");
        List<CaseResult> one = List.of(new CaseResult("c1", List.of(r), List.of()));
        String cases = CellTables.casesCsv(cell, one);
        String lesions = CellTables.lesionsCsv(cell, one);
        String header = cases.lines().toList().get(0);
        String row = cases.lines().toList().get(1);
        assertBad("", lesions, "cell7/cases.csv is empty");
        // a line cut in the middle loses fields
        assertBad(header + "\n" + row.substring(0, row.length() / 2) + "\n", lesions, "cell7/cases.csv line 2 has ");
    }

    private static void assertBad(String cases, String lesions, String message) {
        BadInputException e = assertThrows(BadInputException.class, () -> CellTables.read(cases, lesions, "", "cell7"));
        assertTrue(e.getMessage().contains(message) && e.getMessage().contains("rerun the sweep"), e.getMessage());
    }
}
