package org.lossbench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.eval.Aggregation;
import org.lossbench.eval.CaseEvaluator;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.ClassResult;
import org.lossbench.eval.EmptyPolicy;
import org.lossbench.eval.EvalConfig;
import org.lossbench.eval.Metric;
import org.lossbench.eval.Volumes;
import org.lossbench.eval.lesion.SizeBins;
import org.lossbench.eval.report.ResultWriter;

/**
 * DSCagg on three cases evaluated by {@link CaseEvaluator}, computed by hand.
 *
 * <p>Case a, 1 mm isotropic (1 mm3 voxels): class 1 reference a 2x2x2 cube (8 voxels), prediction
 * its half (4 voxels): TP 4, FP 0, FN 4 voxels = 4, 0, 4 mm3 (Dice 2/3). Class 2 only in the
 * prediction, one voxel: FP 1 mm3. Case b, 2 mm isotropic (8 mm3 voxels): class 1 reference one
 * voxel, prediction that voxel and two more: TP 1, FP 2, FN 0 voxels = 8, 16, 0 mm3 (Dice 1/2).
 * Case c: both maps empty.
 *
 * <p>Class 1: ΣTP 12, ΣFP 16, ΣFN 4 mm3, DSCagg = 24 / (24 + 16 + 4) = 6/11. (Counting voxels
 * instead would give 10 / 17, the mean Dice 7/12: the three differ.) Class 2: 2·0 / (0 + 1 + 0) = 0.
 */
class AggregatedDiceTest {
    private static final Grid ONE_MM = Grid.of(4, 4, 4, 1, 1, 1);
    private static final Grid TWO_MM = Grid.of(4, 4, 4, 2, 2, 2);

    static List<CaseResult> threeCases(EmptyPolicy policy) {
        CaseEvaluator ev = new CaseEvaluator(EvalConfig.defaults().withEmptyPolicy(policy));
        LabelMap refA = Volumes.paint(LabelMap.zeros(ONE_MM), 1, Volumes.cube(0, 1, 0, 1, 0, 1));
        LabelMap predA = Volumes.paint(LabelMap.zeros(ONE_MM), 1, Volumes.cube(0, 0, 0, 1, 0, 1));
        predA.set(3, 3, 3, 2);
        LabelMap refB = LabelMap.zeros(TWO_MM);
        refB.set(1, 1, 1, 1);
        LabelMap predB = Volumes.paint(LabelMap.zeros(TWO_MM), 1, Volumes.cube(1, 1, 1, 1, 1, 3));
        CaseResult a = ev.evaluate("a", refA, predA, "ref a", "pred a");
        CaseResult b = ev.evaluate("b", refB, predB, "ref b", "pred b");
        List<ClassResult> bClasses = new ArrayList<>(b.classes());
        bClasses.add(ev.absentClass("b", 2, TWO_MM));
        CaseResult c = new CaseResult("c", List.of(ev.absentClass("c", 1, ONE_MM), ev.absentClass("c", 2, ONE_MM)), List.of());
        return List.of(a, new CaseResult("b", bClasses, b.lesions()), c);
    }

    private static List<ClassResult> all(List<CaseResult> cases) {
        return cases.stream().flatMap(c -> c.classes().stream()).toList();
    }

    @Test
    void sumsVolumesOverCasesOfDifferentSpacing() {
        for (EmptyPolicy policy : EmptyPolicy.values()) {
            SortedMap<Integer, AggregatedDice> d = AggregatedDice.perClass(all(threeCases(policy)));
            AggregatedDice one = d.get(1);
            assertEquals(new AggregatedDice(3, 2, 12, 16, 4), one, policy.id());
            assertEquals(6.0 / 11, one.value(), 1e-15);
            AggregatedDice two = d.get(2);
            assertEquals(new AggregatedDice(3, 1, 0, 1, 0), two, policy.id());
            assertEquals(0.0, two.value());
        }
    }

    @Test
    void aVoxelVolumeIsRecoveredFromEitherMap() {
        List<CaseResult> cases = threeCases(EmptyPolicy.MONAI);
        assertEquals(1.0, cases.get(0).classes().get(0).voxelVolumeMm3());
        assertEquals(1.0, cases.get(0).classes().get(1).voxelVolumeMm3()); // class 2: prediction only
        assertEquals(8.0, cases.get(1).classes().get(0).voxelVolumeMm3());
        assertTrue(Double.isNaN(cases.get(2).classes().get(0).voxelVolumeMm3()));
    }

    /** Every case both-empty: every sum 0, DSCagg NaN; no case at all: the same. */
    @Test
    void noVoxelAnywhereIsNaN() {
        CaseEvaluator ev = new CaseEvaluator(EvalConfig.defaults());
        List<ClassResult> empty = List.of(ev.absentClass("x", 1, ONE_MM), ev.absentClass("y", 1, TWO_MM));
        AggregatedDice d = AggregatedDice.of(empty);
        assertEquals(new AggregatedDice(2, 0, 0, 0, 0), d);
        assertTrue(Double.isNaN(d.value()));
        assertTrue(Double.isNaN(AggregatedDice.of(List.of()).value()));
        double[] ci = AggregatedDice.bootstrapCi(empty, 1);
        assertTrue(Double.isNaN(ci[0]) && Double.isNaN(ci[1]));
    }

    /**
     * Class 1's contributing cases are a (4, 0, 4 mm3) and b (8, 16, 0 mm3). A resample holds aa
     * (DSCagg 2/3, probability 1/4), ab (6/11, 1/2) or bb (1/2, 1/4): with 2000 resamples about 500
     * are bb and 500 aa, so the 2.5th and 97.5th percentiles (positions 49.975 and 1949.025) are 1/2
     * and 2/3 exactly. The case c, empty in both maps, is left out and changes nothing.
     */
    @Test
    void bootstrapIntervalOverCases() {
        List<ClassResult> one = all(threeCases(EmptyPolicy.MONAI)).stream().filter(r -> r.label() == 1).toList();
        double[] ci = AggregatedDice.bootstrapCi(one, 11);
        assertEquals(0.5, ci[0], 1e-15);
        assertEquals(2.0 / 3, ci[1], 1e-15);
        assertEquals(List.of(ci[0], ci[1]), List.of(AggregatedDice.bootstrapCi(one.subList(0, 2), 11)[0],
                AggregatedDice.bootstrapCi(one.subList(0, 2), 11)[1]));
    }

    /**
     * summary.csv gets, after each class's metric rows, a dsc_agg row: class 1 cases 3, n 2 (a, b),
     * n_undefined 1 (c), n_empty_ref 1, mean 6/11, order statistics nan, the interval [1/2, 2/3]
     * (as in the test above, for any seed); class 2 n 1, n_empty_ref 3, mean 0, interval [0, 0]. summary.json
     * carries the same rows, summary.md a dsc_agg column.
     */
    @Test
    void summaryFilesCarryTheAggregatedDice(@TempDir Path dir) throws IOException {
        List<CaseResult> cases = threeCases(EmptyPolicy.MONAI);
        Aggregation agg = Aggregation.of(cases, SizeBins.defaults(), 5);
        assertEquals(List.of(1, 2), agg.dscAgg().stream().map(Aggregation.DscAggSummary::label).toList());
        String md = ResultWriter.write(dir, EvalConfig.defaults(), cases, agg, Map.of());
        List<String> csv = Files.readAllLines(dir.resolve("summary.csv"));
        List<String> head = List.of(csv.get(0).split(","));
        assertEquals(ResultWriter.SUMMARY_COLUMNS, head);
        int perClass = Metric.values().length + 1;
        assertEquals(1 + 2 * perClass, csv.size());
        String[] one = csv.get(perClass).split(",");
        String[] two = csv.get(2 * perClass).split(",");
        assertEquals(List.of("1", "dsc_agg", "3", "2", "1", "1"), List.of(one).subList(0, 6));
        assertEquals(6.0 / 11, Double.parseDouble(one[head.indexOf("mean")]), 1e-15);
        for (String stat : List.of("sd", "median", "q1", "q3", "iqr", "min", "max")) {
            assertEquals("nan", one[head.indexOf(stat)], stat);
        }
        assertEquals(0.5, Double.parseDouble(one[head.indexOf("ci95_low")]), 1e-15);
        assertEquals(2.0 / 3, Double.parseDouble(one[head.indexOf("ci95_high")]), 1e-15);
        assertEquals(List.of("2", "dsc_agg", "3", "1", "2", "3", "0.0"), List.of(two).subList(0, 7));
        assertEquals("0.0", two[head.indexOf("ci95_low")]);
        assertEquals("0.0", two[head.indexOf("ci95_high")]);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        JsonNode row = json.get("metrics").get(perClass - 1);
        assertEquals("dsc_agg", row.get("metric").asText());
        assertEquals(6.0 / 11, row.get("mean").asDouble(), 1e-15);
        assertEquals("nan", row.get("sd").asText());
        String header = md.lines().filter(l -> l.startsWith("| class")).findFirst().orElseThrow();
        assertTrue(header.contains("| dsc_agg |"), header);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| 1 ") && l.contains("| 0.5455 |")), md);
    }

    @Test
    void resultsOfTwoClassesAreRefused() {
        List<ClassResult> mixed = all(threeCases(EmptyPolicy.MONAI));
        assertThrows(IllegalArgumentException.class, () -> AggregatedDice.of(mixed));
        assertThrows(IllegalArgumentException.class, () -> AggregatedDice.bootstrapCi(mixed, 1));
    }
}
