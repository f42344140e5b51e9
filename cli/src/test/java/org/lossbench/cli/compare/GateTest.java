package org.lossbench.cli.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.cli.Main;
import org.lossbench.eval.compare.SweepFolder;

/**
 * {@code lossbench compare} on sweep folders written by hand ({@link SweepFixture}), every expected value
 * worked out below from the numbers put in. The JUnit report is parsed and validated against the schema
 * each time ({@link JUnitReport}).
 *
 * <p>The baseline ({@link Values}): losses {@code dice} and {@code dice+ce}, seeds 0 and 1; class 1 / class 2 mean Dice
 * 0.80 / 0.40 (dice), 0.78 / nan (dice+ce); mean NSD 0.70 / 0.30 (dice), 0.68 / nan (dice+ce); median HD95 5 / 12 mm
 * (dice), 6 mm / nan (dice+ce); per loss the bins [3,6) 40 of 50 lesions detected (recall 0.8), [6,12) 4 of 4 (1.0),
 * [12,24) no lesions (nan); inference seconds per loss 0.10, 0.11, 0.12, 0.13, 0.30.
 * Checks: 2 cells + 3 Dice + 3 NSD + 3 HD95 (dice+ce class 2 is nan in both) + 4 recall ([12,24) is nan in both)
 * + 2 timing = 17, and 3 + 2 = 5 values undefined in both. No check of the baseline is blind: every Dice, NSD and
 * recall is above its threshold, every HD95 finite.
 */
class GateTest {
    static final String DICE_1 = "phantom-tiny/vnet-tiny/dice/class 1 organ/dice_mean";
    static final String DICE_2 = "phantom-tiny/vnet-tiny/dice/class 2 lesion/dice_mean";
    static final String NSD_1 = "phantom-tiny/vnet-tiny/dice/class 1 organ/nsd_mean";
    static final String HD95_1 = "phantom-tiny/vnet-tiny/dice/class 1 organ/hd95_median_mm";
    static final String HD95_2 = "phantom-tiny/vnet-tiny/dice/class 2 lesion/hd95_median_mm";
    static final String RECALL = "phantom-tiny/vnet-tiny/dice/class 2 lesion/size [3,6) mm/detection_recall";
    static final String TIMING = "phantom-tiny/vnet-tiny/dice/inference_s_median";
    static final double[] BASE_SECONDS = {0.10, 0.11, 0.12, 0.13, 0.30};
    static final String PASSED_17 = "Gate passed: no regression in 17 checks (cells 0, Dice 0, NSD 0, HD95 0, recall 0, timing 0); ";

    @TempDir
    Path tmp;

    record Run(int exitCode, String out, String err, JUnitReport junit) {
    }

    /** The values of the {@code dice} loss that tests change (the {@code dice+ce} loss keeps those of the class comment). */
    static final class Values {
        double dice1 = 0.80;
        double dice2 = 0.40;
        double diceCe1 = 0.78;
        double nsd1 = 0.70;
        double hd1 = 5.0;
        double hd2 = 12.0;
        int detected = 40;
        double[] seconds = BASE_SECONDS;

        SweepFixture fixture() {
            SweepFixture f = new SweepFixture();
            for (String loss : List.of("dice", "dice+ce")) {
                f.cell(loss, 0).cell(loss, 1);
            }
            f.dice("dice", 1, dice1).dice("dice", 2, dice2).dice("dice+ce", 1, diceCe1).dice("dice+ce", 2, Double.NaN);
            f.nsd("dice", 1, nsd1).nsd("dice", 2, 0.30).nsd("dice+ce", 1, 0.68).nsd("dice+ce", 2, Double.NaN);
            f.hd95("dice", 1, hd1).hd95("dice", 2, hd2).hd95("dice+ce", 1, 6.0).hd95("dice+ce", 2, Double.NaN);
            f.bin("dice", 2, "[3,6)", 50, detected).bin("dice", 2, "[6,12)", 4, 4).bin("dice", 2, "[12,24)", 0, 0);
            f.bin("dice+ce", 2, "[3,6)", 50, 40).bin("dice+ce", 2, "[6,12)", 4, 4).bin("dice+ce", 2, "[12,24)", 0, 0);
            f.timings("dice", seconds).timings("dice+ce", BASE_SECONDS);
            return f;
        }
    }

    /** The baseline with the changes a test makes. */
    static SweepFixture with(Consumer<Values> change) {
        Values v = new Values();
        change.accept(v);
        return v.fixture();
    }

    /** The baseline fixture, with the given dice-loss values (the others as in the class comment). */
    static SweepFixture sweep(double dice1, int recallDetected, double... diceSeconds) {
        return with(v -> {
            v.dice1 = dice1;
            v.detected = recallDetected;
            v.seconds = diceSeconds;
        });
    }

    static SweepFixture baseline() {
        return new Values().fixture();
    }

    Run compare(SweepFixture base, SweepFixture cur, String... flags) throws Exception {
        Path b = base.write(tmp, "base");
        Path c = cur.write(tmp, "cur");
        return compare(b, c, flags);
    }

    Run compare(Path b, Path c, String... flags) throws Exception {
        Path xml = tmp.resolve("gate.xml");
        Files.deleteIfExists(xml);
        List<String> args = new ArrayList<>(List.of("compare", b.toString(), c.toString(), "--junit", xml.toString()));
        args.addAll(List.of(flags));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString(), Files.exists(xml) ? JUnitReport.read(xml) : null);
    }

    @Test
    void identicalSweepsPassWithEveryCheckOk() throws Exception {
        Run r = compare(baseline(), baseline());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(17, r.junit().tests());
        assertEquals(0, r.junit().failures());
        assertEquals(Map.of(), r.junit().skipped());
        assertTrue(r.out().contains(PASSED_17 + "0 improvements, 0 new, 0 blind."), r.out());
        assertTrue(r.out().contains("5 values undefined in both sweeps"), r.out());
        assertFalse(r.out().contains("| improvement |") || r.out().contains("| new |") || r.out().contains("**regression**"), r.out());
        assertEquals("lossbench.compare.dice", r.junit().classnames().get(DICE_1));
        assertEquals("lossbench.compare.nsd", r.junit().classnames().get(NSD_1));
        assertEquals("lossbench.compare.hd95", r.junit().classnames().get(HD95_1));
        assertTrue(r.junit().cases().containsKey("phantom-tiny/vnet-tiny/dice+ce/cells"));
        assertTrue(r.junit().cases().containsKey(RECALL));
        assertTrue(r.junit().cases().containsKey(TIMING));
        // nan in both: not a check
        assertFalse(r.junit().cases().containsKey("phantom-tiny/vnet-tiny/dice+ce/class 2 lesion/dice_mean"));
        assertFalse(r.junit().cases().containsKey("phantom-tiny/vnet-tiny/dice+ce/class 2 lesion/hd95_median_mm"));
        assertFalse(r.junit().cases().containsKey("phantom-tiny/vnet-tiny/dice/class 2 lesion/size [12,24) mm/detection_recall"));
    }

    @Test
    void aDiceDropOfTwoHundredthsIsTheOneRegression() throws Exception {
        Run r = compare(baseline(), sweep(0.78, 40, BASE_SECONDS));
        assertEquals(1, r.exitCode(), r.err());
        assertEquals(List.of(DICE_1), r.junit().failed());
        assertEquals("mean Dice fell by 0.02000 (0.8000 -> 0.7800), more than --max-dice-drop 0.01", r.junit().cases().get(DICE_1));
        assertEquals("regression", r.junit().failureTypes().get(DICE_1));
        assertTrue(r.out().startsWith("# lossbench compare\n\n**Gate failed: 1 regression** in 17 checks (cells 0, Dice 1, NSD 0, HD95 0, recall 0, "
                + "timing 0); 0 improvements, 0 new, 0 blind."), r.out());
        // the regression is the first row of its table, in bold, and listed on top
        assertTrue(r.out().contains("|---|---|---:|---:|---:|---:|---|\n| class 1 organ | dice | 0.8000 | 0.7800 | -0.02000 | 0.01000 | **regression** |\n"),
                r.out());
        assertTrue(r.out().contains("## Failing checks\n\n- `" + DICE_1 + "`: mean Dice fell by 0.02000"), r.out());
    }

    @Test
    void smallMovesEitherWayPass() throws Exception {
        for (double d : new double[] {0.795, 0.805}) {
            Run r = compare(baseline(), sweep(d, 40, BASE_SECONDS));
            assertEquals(0, r.exitCode(), r.out());
            assertNull(r.junit().cases().get(DICE_1));
        }
        // 0.79 - 0.80 is -0.010000000000000009 and 0.81 - 0.80 is 0.010000000000000009 in doubles: a move of exactly the threshold passes
        assertTrue(0.79 - 0.80 < -0.01 && 0.81 - 0.80 > 0.01);
        assertEquals(0, compare(baseline(), sweep(0.79, 40, BASE_SECONDS)).exitCode());
        assertEquals(0, compare(baseline(), sweep(0.81, 40, BASE_SECONDS)).exitCode());
        // a drop of 0.02 passes a looser gate
        assertEquals(0, compare(baseline(), sweep(0.78, 40, BASE_SECONDS), "--max-dice-drop", "0.025").exitCode());
    }

    @Test
    void anInjectedRiseFailsLikeADropUnlessImprovementsAreAllowed() throws Exception {
        Run up = compare(baseline(), sweep(0.85, 40, BASE_SECONDS));
        assertEquals(1, up.exitCode(), up.out());
        assertEquals(List.of(DICE_1), up.junit().failed());
        assertEquals("improvement", up.junit().failureTypes().get(DICE_1));
        assertEquals("mean Dice rose by 0.05000 (0.8000 -> 0.8500), more than --max-dice-drop 0.01: an improvement; refresh the baseline, "
                + "or pass --allow-improvements", up.junit().cases().get(DICE_1));
        assertTrue(up.out().contains("**Gate failed: 1 improvement without --allow-improvements** in 17 checks (cells 0, Dice 1, NSD 0, HD95 0, "
                + "recall 0, timing 0); 1 improvement, 0 new, 0 blind."), up.out());
        assertTrue(up.out().contains("| class 1 organ | dice | 0.8000 | 0.8500 | 0.05000 | 0.01000 | **improvement** |"), up.out());

        Run allowed = compare(baseline(), sweep(0.85, 40, BASE_SECONDS), "--allow-improvements");
        assertEquals(0, allowed.exitCode(), allowed.out());
        assertEquals(List.of(), allowed.junit().failed());
        assertTrue(allowed.out().contains(PASSED_17 + "1 improvement, 0 new, 0 blind."), allowed.out());
        assertTrue(allowed.out().contains("| class 1 organ | dice | 0.8000 | 0.8500 | 0.05000 | 0.01000 | improvement |"), allowed.out());
        // a drop still fails with improvements allowed
        Run drop = compare(baseline(), sweep(0.78, 40, BASE_SECONDS), "--allow-improvements");
        assertEquals(1, drop.exitCode());
        assertEquals(List.of(DICE_1), drop.junit().failed());
        // recall 45 of 50 = 0.9 against 0.8: a rise of 0.1 > 0.02
        Run recall = compare(baseline(), sweep(0.80, 45, BASE_SECONDS));
        assertEquals(1, recall.exitCode());
        assertEquals(List.of(RECALL), recall.junit().failed());
        assertEquals("improvement", recall.junit().failureTypes().get(RECALL));
    }

    @Test
    void aBlindCheckIsSkippedWithItsReasonNeverPassed() throws Exception {
        // Dice 0.005 cannot fall by more than 0.01: unchanged, it is blind
        Run r = compare(with(v -> v.dice2 = 0.005), with(v -> v.dice2 = 0.005));
        assertEquals(0, r.exitCode(), r.out());
        String reason = "blind: the baseline 0.005000 cannot fall by more than --max-dice-drop 0.01 (it would go below 0); changed by 0.000 "
                + "(0.005000 -> 0.005000)";
        assertEquals(Map.of(DICE_2, reason), r.junit().skipped());
        assertNull(r.junit().cases().get(DICE_2));
        assertEquals(17, r.junit().tests(), "a blind check is counted as a test");
        assertTrue(r.out().contains(PASSED_17 + "0 improvements, 0 new, 1 blind."), r.out());
        assertTrue(r.out().contains("## Blind checks (skipped: the baseline could not show a regression)\n\n- `" + DICE_2 + "`: " + reason + "\n"),
                r.out());
        assertTrue(r.out().contains("| class 2 lesion | dice | 0.005000 | 0.005000 | 0.000 | 0.01000 | blind |"), r.out());
        // a blind check still sees a rise
        Run rise = compare(with(v -> v.dice2 = 0.005), with(v -> v.dice2 = 0.10));
        assertEquals(1, rise.exitCode());
        assertEquals(List.of(DICE_2), rise.junit().failed());
        assertEquals("improvement", rise.junit().failureTypes().get(DICE_2));

        // recall: 1 of 50 (0.02) can fall by 0.02 at most, not by more: blind; 2 of 50 (0.04) can
        Run one = compare(sweep(0.80, 1, BASE_SECONDS), sweep(0.80, 1, BASE_SECONDS));
        assertEquals("blind: the baseline 0.02000 cannot fall by more than --max-recall-drop 0.02 (it would go below 0); changed by 0.000 "
                + "(0.02000 -> 0.02000); 1 of 50 lesions detected in the baseline", one.junit().skipped().get(RECALL));
        assertTrue(compare(sweep(0.80, 0, BASE_SECONDS), sweep(0.80, 0, BASE_SECONDS)).junit().skipped().containsKey(RECALL));
        assertFalse(compare(sweep(0.80, 2, BASE_SECONDS), sweep(0.80, 2, BASE_SECONDS)).junit().skipped().containsKey(RECALL));

        // an infinite median HD95 cannot rise
        Run inf = compare(with(v -> v.hd2 = Double.POSITIVE_INFINITY), with(v -> v.hd2 = Double.POSITIVE_INFINITY));
        assertEquals(0, inf.exitCode());
        assertEquals(List.of(HD95_2), List.copyOf(inf.junit().skipped().keySet()));
        assertTrue(inf.junit().skipped().get(HD95_2).startsWith("blind: the baseline median HD95 is infinite"), inf.junit().skipped().toString());
    }

    @Test
    void anHd95RiseBeyondTheRelativeThresholdAndTheFloorFails() throws Exception {
        // class 1: baseline 5 mm, threshold max(10% of 5, 1 mm) = 1 mm; 6.1 mm rose by 1.1 mm
        Run r = compare(baseline(), with(v -> v.hd1 = 6.1));
        assertEquals(1, r.exitCode(), r.out());
        assertEquals(List.of(HD95_1), r.junit().failed());
        assertEquals("median HD95 rose by 1.100 mm (5.000 -> 6.100 mm), more than max(10% of 5.000, 1 mm) = 1.000 mm (--max-hd95-rise 0.1, "
                + "--hd95-floor-mm 1)", r.junit().cases().get(HD95_1));
        assertTrue(r.out().contains("| class 1 organ | dice | 5.000 | 6.100 | 1.100 | 1.000 | **regression** |"), r.out());
        assertEquals(0, compare(baseline(), with(v -> v.hd1 = 5.9)).exitCode(), "0.9 mm is within the 1 mm floor");
        // class 2: baseline 12 mm, threshold 10% = 1.2 mm: 13.3 fails, 13.1 passes
        assertEquals(List.of(HD95_2), compare(baseline(), with(v -> v.hd2 = 13.3)).junit().failed());
        assertEquals(0, compare(baseline(), with(v -> v.hd2 = 13.1)).exitCode());
        // 1.0 -> 1.2 mm is a fifth of a voxel, not a regression; without the floor (0.1 mm) it is
        assertEquals(0, compare(with(v -> v.hd1 = 1.0), with(v -> v.hd1 = 1.2)).exitCode());
        assertEquals(1, compare(with(v -> v.hd1 = 1.0), with(v -> v.hd1 = 1.2), "--hd95-floor-mm", "0.1").exitCode());
        // lower is better: a fall beyond the threshold is an improvement; infinite now (no prediction) a regression
        Run fall = compare(baseline(), with(v -> v.hd1 = 3.5));
        assertEquals("improvement", fall.junit().failureTypes().get(HD95_1));
        Run lost = compare(baseline(), with(v -> v.hd1 = Double.POSITIVE_INFINITY));
        assertEquals("regression", lost.junit().failureTypes().get(HD95_1));
        assertTrue(lost.junit().cases().get(HD95_1).startsWith("median HD95 rose by inf mm (5.000 -> inf mm)"), lost.junit().cases().get(HD95_1));
    }

    @Test
    void anNsdDropBeyondItsThresholdFails() throws Exception {
        Run r = compare(baseline(), with(v -> v.nsd1 = 0.67));
        assertEquals(1, r.exitCode(), r.out());
        assertEquals(List.of(NSD_1), r.junit().failed());
        assertEquals("mean NSD fell by 0.03000 (0.7000 -> 0.6700), more than --max-nsd-drop 0.02", r.junit().cases().get(NSD_1));
        assertTrue(r.out().contains("(cells 0, Dice 0, NSD 1, HD95 0, recall 0, timing 0)"), r.out());
        assertEquals(0, compare(baseline(), with(v -> v.nsd1 = 0.69)).exitCode());
        assertEquals(0, compare(baseline(), with(v -> v.nsd1 = 0.67), "--max-nsd-drop", "0.05").exitCode());
    }

    /*
     * Seed level of the dice loss's class 1: per-seed means 0.78, 0.80, 0.82, sample sd sqrt((0.02^2 + 0 + 0.02^2) / 2) = 0.02;
     * K = 2 gives 0.04. Class 2: 0.15, 0.40, 0.65, sd sqrt((0.25^2 + 0.25^2) / 2) = 0.25, threshold 0.5 > 0.40: blind.
     * dice+ce class 1 has one seed: no spread, the fixed 0.01 stays.
     */
    static SweepFixture withSeeds(double dice1, double diceCe1) {
        return with(v -> {
            v.dice1 = dice1;
            v.diceCe1 = diceCe1;
        }).seedDice("dice", 1, 0.02, 0.78, 0.80, 0.82).seedDice("dice", 2, 0.25, 0.15, 0.40, 0.65).seedDice("dice+ce", 1, Double.NaN, diceCe1);
    }

    @Test
    void seedDerivedDiceThresholdsAreKTimesTheBaselineSdOverSeeds() throws Exception {
        assertEquals(0.02, Math.sqrt((Math.pow(0.78 - 0.80, 2) + Math.pow(0.82 - 0.80, 2)) / 2), 1e-12);
        assertEquals(0.25, Math.sqrt((Math.pow(0.15 - 0.40, 2) + Math.pow(0.65 - 0.40, 2)) / 2), 1e-12);
        SweepFixture base = withSeeds(0.80, 0.78);
        // a drop of 0.03 fails the fixed 0.01 and passes 2 x 0.02 = 0.04
        assertEquals(List.of(DICE_1), compare(base, withSeeds(0.77, 0.78)).junit().failed());
        Run ok = compare(base, withSeeds(0.77, 0.78), "--dice-threshold-sd", "2");
        assertEquals(0, ok.exitCode(), ok.out());
        assertTrue(ok.out().contains("| class 1 organ | dice | 0.8000 | 0.7700 | -0.03000 | 0.04000 | ok |"), ok.out());
        Run fail = compare(base, withSeeds(0.75, 0.78), "--dice-threshold-sd", "2");
        assertEquals(1, fail.exitCode());
        assertEquals("mean Dice fell by 0.05000 (0.8000 -> 0.7500), more than 0.04000 = 2 x the baseline's sd over 3 seeds 0.02000 "
                + "(--dice-threshold-sd)", fail.junit().cases().get(DICE_1));
        // class 2's spread makes its threshold 0.5, above its baseline 0.40: blind
        assertTrue(ok.junit().skipped().get(DICE_2).startsWith("blind: the baseline 0.4000 cannot fall by more than 0.5000 = 2 x the baseline's sd "
                + "over 3 seeds 0.2500"), ok.junit().skipped().toString());
        // one seed: the fixed threshold, and the message says so
        Run one = compare(base, withSeeds(0.80, 0.765), "--dice-threshold-sd", "2");
        assertEquals(1, one.exitCode(), one.out());
        assertEquals("mean Dice fell by 0.01500 (0.7800 -> 0.7650), more than --max-dice-drop 0.01 (--dice-threshold-sd falls back to it: the "
                + "baseline has 1 seed, no spread over seeds)", one.junit().cases().get("phantom-tiny/vnet-tiny/dice+ce/class 1 organ/dice_mean"));
    }

    @Test
    void aRecallDropBeyondTheThresholdFails() throws Exception {
        // 38 of 50 = 0.76 against 40 of 50 = 0.80: a drop of 0.04 > 0.02
        Run r = compare(baseline(), sweep(0.80, 38, BASE_SECONDS));
        assertEquals(1, r.exitCode(), r.out());
        assertEquals(List.of(RECALL), r.junit().failed());
        assertEquals("detection recall fell by 0.04000 (0.8000 -> 0.7600), more than --max-recall-drop 0.02", r.junit().cases().get(RECALL));
        assertTrue(r.out().contains("| class 2 lesion | [3,6) | dice | 40/50 | 0.8000 | 38/50 | 0.7600 | -0.04000 | **regression** |"), r.out());
        // 39 of 50 = 0.78: a drop of exactly 0.02 passes; with --max-recall-drop 0.01 it does not
        assertEquals(0, compare(baseline(), sweep(0.80, 39, BASE_SECONDS)).exitCode());
        assertEquals(1, compare(baseline(), sweep(0.80, 39, BASE_SECONDS), "--max-recall-drop", "0.01").exitCode());
    }

    /*
     * Baseline seconds 0.10 0.11 0.12 0.13 0.30: median 0.12; P90 at position 0.9 * 4 = 3.6, 0.13 + 0.6 * (0.30 - 0.13) = 0.232;
     * P10 at 0.4, 0.10 + 0.4 * 0.01 = 0.104. A slowdown needs a current median > 1.5 * 0.12 = 0.18 and > 0.232.
     */
    @Test
    void aMedianAboveTheFactorButWithinTheBaselineP90IsNoSlowdown() throws Exception {
        Run r = compare(baseline(), sweep(0.80, 40, 0.19, 0.20, 0.21));   // median 0.20: > 0.18 but <= 0.232
        assertEquals(0, r.exitCode(), r.out());
        assertNull(r.junit().cases().get(TIMING));
        assertTrue(r.out().contains("| dice | 5 | 0.1200 | 0.2320 | 3 | 0.2000 | 1.667 | ok |"), r.out());
    }

    @Test
    void aMedianAboveBothIsASlowdown() throws Exception {
        Run r = compare(baseline(), sweep(0.80, 40, 0.24, 0.25, 0.26));   // median 0.25: > 0.18 and > 0.232
        assertEquals(1, r.exitCode(), r.out());
        assertEquals(List.of(TIMING), r.junit().failed());
        assertEquals("median inference 0.2500 s per case (n = 3) is 2.083 x the baseline median 0.1200 s (n = 5, p90 0.2320 s); "
                + "a slowdown needs > 1.5 x and > p90", r.junit().cases().get(TIMING));
        // a factor of 2.5 (0.30 s) lets it pass, and so does --no-timing, which leaves the 2 timing checks out
        assertEquals(0, compare(baseline(), sweep(0.80, 40, 0.24, 0.25, 0.26), "--max-slowdown", "2.5").exitCode());
        Run off = compare(baseline(), sweep(0.80, 40, 0.24, 0.25, 0.26), "--no-timing");
        assertEquals(0, off.exitCode(), off.out());
        assertEquals(15, off.junit().tests());
        assertFalse(off.junit().cases().containsKey(TIMING));
        assertTrue(off.out().contains("timing not checked (--no-timing)"), off.out());
    }

    @Test
    void oneNoisyOutlierDoesNotTripTheTimingRule() throws Exception {
        double[] noisy = {0.10, 0.11, 0.12, 0.13, 2.00};
        // the mean, 2.46 / 5 = 0.492, would be above both limits; the median, 0.12, is the baseline's
        assertTrue((0.10 + 0.11 + 0.12 + 0.13 + 2.00) / 5 > 0.232);
        Run r = compare(baseline(), sweep(0.80, 40, noisy));
        assertEquals(0, r.exitCode(), r.out());
        assertNull(r.junit().cases().get(TIMING));
        // and a baseline with the outlier: its P90 (0.13 + 0.6 * 1.87 = 1.252) keeps a current median of 0.20 from counting
        assertEquals(0, compare(sweep(0.80, 40, noisy), sweep(0.80, 40, 0.19, 0.20, 0.21)).exitCode());
    }

    @Test
    void aSpeedupIsAnImprovement() throws Exception {
        Run r = compare(baseline(), sweep(0.80, 40, 0.05, 0.05, 0.06));   // median 0.05: 0.05 * 1.5 < 0.12 and 0.05 < P10 0.104
        // a speedup never fails: it says as much about the machine's load as about the code
        assertEquals(0, r.exitCode());
        assertEquals(List.of(), r.junit().failed());
        assertTrue(r.out().contains("| dice | 5 | 0.1200 | 0.2320 | 3 | 0.05000 | 0.4167 | improvement |"), r.out());
    }

    @Test
    void timingPooledPerModelTreatsTheLossesAsReplicates() throws Exception {
        // per loss: dice 0.10 0.12 (median 0.11, P90 0.118) against 0.19 0.20 (median 0.195 > 0.165 and > 0.118): a slowdown;
        // per model: 0.10 0.11 0.12 0.13 (median 0.115, P90 at 2.7: 0.127) against 0.11 0.12 0.19 0.20 (median 0.155 <= 0.1725): none
        SweepFixture b = new SweepFixture().cell("dice", 0).cell("dice+ce", 0).timings("dice", 0.10, 0.12).timings("dice+ce", 0.11, 0.13);
        SweepFixture c = new SweepFixture().cell("dice", 0).cell("dice+ce", 0).timings("dice", 0.19, 0.20).timings("dice+ce", 0.11, 0.12);
        Run perLoss = compare(b, c);
        assertEquals(1, perLoss.exitCode(), perLoss.out());
        assertEquals(List.of(TIMING), perLoss.junit().failed());
        Run perModel = compare(tmp.resolve("base"), tmp.resolve("cur"), "--timing-pool", "model");
        assertEquals(0, perModel.exitCode(), perModel.out());
        assertEquals(List.of("phantom-tiny/vnet-tiny/dice/cells", "phantom-tiny/vnet-tiny/dice+ce/cells", "phantom-tiny/vnet-tiny/inference_s_median"),
                List.copyOf(perModel.junit().cases().keySet()));
        assertTrue(perModel.out().contains("| (all losses) | 4 | 0.1150 | 0.1270 | 4 | 0.1550 | 1.348 | ok |"), perModel.out());
    }

    @Test
    void aFailedCellInTheCurrentSweepIsARegressionAndItsMetricsAreNotCompared() throws Exception {
        SweepFixture cur = new SweepFixture();
        cur.cell("dice", 0).cell("dice", 1).cell("dice+ce", 0).cell("dice+ce", 1, "training diverged: the loss is NaN at step 3");
        // the failed cell leaves the other seed's numbers, which would differ; they are not judged
        cur.dice("dice", 1, 0.80).dice("dice", 2, 0.40).dice("dice+ce", 1, 0.10).dice("dice+ce", 2, Double.NaN);
        cur.nsd("dice", 1, 0.70).nsd("dice", 2, 0.30).hd95("dice", 1, 5.0).hd95("dice", 2, 12.0).nsd("dice+ce", 1, 0.1).hd95("dice+ce", 1, 40);
        cur.bin("dice", 2, "[3,6)", 50, 40).bin("dice", 2, "[6,12)", 4, 4).bin("dice", 2, "[12,24)", 0, 0);
        cur.bin("dice+ce", 2, "[3,6)", 25, 0).bin("dice+ce", 2, "[6,12)", 2, 0).bin("dice+ce", 2, "[12,24)", 0, 0);
        cur.timings("dice", BASE_SECONDS).timings("dice+ce", 9, 9, 9);
        Run r = compare(baseline(), cur);
        assertEquals(1, r.exitCode(), r.out());
        assertEquals(List.of("phantom-tiny/vnet-tiny/dice+ce/cells"), r.junit().failed());
        assertEquals("1 of 2 cells failed in the current sweep; seed 1: training diverged: the loss is NaN at step 3",
                r.junit().cases().get("phantom-tiny/vnet-tiny/dice+ce/cells"));
        assertEquals(2 + 2 + 2 + 2 + 2 + 1, r.junit().tests(), "two cells checks, the dice loss's two Dice, two NSD, two HD95, two recall and "
                + "one timing check");
    }

    @Test
    void aLossMissingFromTheCurrentSweepOrASeedIsARegression() throws Exception {
        SweepFixture cur = new SweepFixture().cell("dice", 0).cell("dice", 1);
        cur.dice("dice", 1, 0.80).dice("dice", 2, 0.40).nsd("dice", 1, 0.70).nsd("dice", 2, 0.30).hd95("dice", 1, 5.0).hd95("dice", 2, 12.0);
        cur.bin("dice", 2, "[3,6)", 50, 40).bin("dice", 2, "[6,12)", 4, 4).bin("dice", 2, "[12,24)", 0, 0);
        cur.timings("dice", BASE_SECONDS);
        Run r = compare(baseline(), cur);
        assertEquals(1, r.exitCode(), r.out());
        assertEquals(List.of("phantom-tiny/vnet-tiny/dice+ce/cells"), r.junit().failed());
        assertEquals("missing from the current sweep (2 cells in the baseline)", r.junit().cases().get("phantom-tiny/vnet-tiny/dice+ce/cells"));

        SweepFixture oneSeed = baseline();
        SweepFixture noSeed1 = new SweepFixture().cell("dice", 0).cell("dice+ce", 0).cell("dice+ce", 1);
        Run s = compare(oneSeed, noSeed1);
        assertEquals(1, s.exitCode());
        assertEquals("seeds [1] of the baseline are missing from the current sweep", s.junit().cases().get("phantom-tiny/vnet-tiny/dice/cells"));
    }

    @Test
    void aLossNewInTheCurrentSweepIsListedAsNew() throws Exception {
        SweepFixture cur = baseline().cell("focal", 0).dice("focal", 1, 0.5).dice("focal", 2, 0.1).timings("focal", 0.2);
        Run r = compare(baseline(), cur);
        assertEquals(0, r.exitCode(), r.out());
        assertEquals(17 + 4, r.junit().tests(), "cells, two Dice and timing of the new loss");
        assertTrue(r.out().contains("| focal | 0 | 1 | 0 | new | new in the current sweep (1 cells finished) |"), r.out());
        assertTrue(r.out().contains("| class 1 organ | focal | nan | 0.5000 | nan | 0.01000 | new |"), r.out());
        // a new loss whose cell failed is a regression all the same
        Run failed = compare(baseline(), baseline().cell("focal", 0, "bad model"));
        assertEquals(1, failed.exitCode());
        assertEquals(List.of("phantom-tiny/vnet-tiny/focal/cells"), failed.junit().failed());
    }

    @Test
    void aDiceThatBecomesUndefinedIsARegressionOneThatBecomesDefinedIsNew() throws Exception {
        Run lost = compare(baseline(), sweep(Double.NaN, 40, BASE_SECONDS));
        assertEquals(1, lost.exitCode());
        assertEquals("mean Dice is undefined in the current sweep (baseline 0.8000)", lost.junit().cases().get(DICE_1));
        Run gained = compare(sweep(Double.NaN, 40, BASE_SECONDS), baseline());
        assertEquals(0, gained.exitCode());
        assertTrue(gained.out().contains("| class 1 organ | dice | nan | 0.8000 | nan | 0.01000 | new |"), gained.out());
    }

    @Test
    void differentEvaluationSettingsOrSplitAreBadInput() throws Exception {
        SweepFixture cur = baseline();
        cur.evaluation.put("tolerance_mm", "1");
        Run r = compare(baseline(), cur);
        assertEquals(3, r.exitCode(), r.out());
        assertTrue(r.err().contains("evaluation.tolerance_mm: baseline \"2\", current \"1\""), r.err());
        assertEquals("", r.out());
        assertNull(r.junit(), "no report when nothing was compared");

        SweepFixture val = baseline();
        val.split = "val";
        val.evaluation.put("size_bins", "5,10");
        Run s = compare(baseline(), val);
        assertEquals(3, s.exitCode());
        assertTrue(s.err().contains("split: baseline \"test\", current \"val\"") && s.err().contains("evaluation.size_bins"), s.err());

        // the bootstrap seed moves only confidence intervals, which the gate does not check
        SweepFixture boot = baseline();
        boot.evaluation.put("bootstrap_seed", 7);
        assertEquals(0, compare(baseline(), boot).exitCode());
    }

    @Test
    void missingOrUnreadableFilesAreBadInputNamingTheFile() throws Exception {
        Path b = baseline().write(tmp, "base");
        for (String f : SweepFolder.FILES) {
            Path c = baseline().write(tmp, "cur-" + f);
            Files.delete(c.resolve(f));
            Run r = compare(b, c);
            assertEquals(3, r.exitCode(), f);
            assertTrue(r.err().contains("current sweep " + c + " has no " + f), r.err());
        }
        Path c = baseline().write(tmp, "garbage");
        Files.writeString(c.resolve("manifest.json"), "{not json");
        Run g = compare(b, c);
        assertEquals(3, g.exitCode());
        assertTrue(g.err().contains(c.resolve("manifest.json") + " is not readable JSON"), g.err());
        Files.writeString(c.resolve("manifest.json"), Files.readString(b.resolve("manifest.json")));
        Files.writeString(c.resolve("summary.csv"), Files.readString(b.resolve("summary.csv")).replace("0.8,", "abc,"));
        Run n = compare(b, c);
        assertEquals(3, n.exitCode());
        assertTrue(n.err().contains(c.resolve("summary.csv") + ", line 2: mean is 'abc', not a number"), n.err());
        Files.writeString(c.resolve("summary.csv"), "dataset,model,loss\n");
        Run cols = compare(b, c);
        assertEquals(3, cols.exitCode());
        assertTrue(cols.err().contains("has no column 'label'"), cols.err());
        Run none = compare(b, tmp.resolve("absent"));
        assertEquals(3, none.exitCode());
        assertTrue(none.err().contains("current " + tmp.resolve("absent") + " is not a folder"), none.err());
    }

    @Test
    void badFlagsAreUsageErrors() throws Exception {
        Path b = baseline().write(tmp, "base");
        for (String[] flags : List.of(new String[] {"--max-dice-drop", "-0.1"}, new String[] {"--max-recall-drop", "-1"},
                new String[] {"--max-slowdown", "0.9"}, new String[] {"--max-slowdown", "NaN"}, new String[] {"--timing-pool", "seed"},
                new String[] {"--max-dice-drop", "x"}, new String[] {"--max-nsd-drop", "-0.01"}, new String[] {"--max-hd95-rise", "-1"},
                new String[] {"--hd95-floor-mm", "-1"}, new String[] {"--dice-threshold-sd", "0"}, new String[] {"--dice-threshold-sd", "Infinity"})) {
            Run r = compare(b, b, flags);
            assertEquals(2, r.exitCode(), String.join(" ", flags) + ": " + r.err());
            assertNull(r.junit());
        }
        StringWriter err = new StringWriter();
        assertEquals(2, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "compare", b.toString()));
        assertTrue(err.toString().contains("CURRENT"), err.toString());
    }

    @Test
    void theMarkdownFileIsWhatIsPrintedAndNamesAreEscapedInXml() throws Exception {
        SweepFixture odd = baseline();
        odd.labelNames.put(1, "liver & <tumour> \"a\"");
        Path md = tmp.resolve("out/diff.md");
        Path b = odd.write(tmp, "base");
        Path c = sweep(0.70, 40, BASE_SECONDS).write(tmp, "cur");
        Run r = compare(b, c, "--markdown", md.toString());
        assertEquals(1, r.exitCode());
        assertEquals(r.out(), Files.readString(md));
        String name = "phantom-tiny/vnet-tiny/dice/class 1 liver & <tumour> \"a\"/dice_mean";
        assertEquals(List.of(name), r.junit().failed());
        assertTrue(r.out().contains("| class 1 liver & <tumour> \"a\" | dice | 0.8000 | 0.7000 | -0.1000 | 0.01000 | **regression** |"), r.out());
    }
}
