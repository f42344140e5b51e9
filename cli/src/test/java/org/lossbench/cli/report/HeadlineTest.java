package org.lossbench.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.eval.results.SummaryFile;

/** The README's headline tables from a summary.json written by hand, and the README's own headline against results/default. */
class HeadlineTest {
    @TempDir
    Path tmp;

    private static SummaryFile.ClassStats cls(int label, int seeds, double mean, double sd, int collapsed, double auc) {
        return new SummaryFile.ClassStats(label, new SummaryFile.SeedDice(seeds, 8, 0, mean, sd, 0, 1, Map.of()), null,
                new SummaryFile.Collapse(seeds, collapsed, auc, 0.5));
    }

    private static SummaryFile.Loss loss(String name, SummaryFile.ClassStats... classes) {
        return new SummaryFile.Loss(name, 3, 3, 8, List.of(), List.of(classes), List.of());
    }

    /**
     * Two losses, three seeds: `ce` has organ Dice 0.95 ± 0.01 and a lesion class collapsed in 1 of 3 seeds; `dice`
     * collapsed the lesion class in every seed (AUC 0.0764). The lesion class has detection rows for [0,3).
     */
    @Test
    void tablesGiveDiceOverSeedsCollapseAndRecallWithItsInterval() throws Exception {
        SummaryFile.Group g = new SummaryFile.Group("phantom-lesions", "vnet-lite", Map.of(1, "organ", 3, "lesion"),
                List.of(loss("ce", cls(1, 3, 0.95, 0.01, 0, 0.99), cls(3, 3, 0.5, 0.2, 1, 0.9)),
                        loss("dice", cls(1, 3, 0.9444, 0.0005, 0, 0.99), cls(3, 3, 0, 0, 3, 0.0764))),
                null, null, List.of(
                        new SummaryFile.LesionDetection(3, "[0,3)", "ce", 3, 77, 27, 27 / 231.0, 0.05, 0.2, Double.NaN, Double.NaN, Double.NaN),
                        new SummaryFile.LesionDetection(3, "[0,3)", "dice", 3, 77, 0, 0, 0, 0, -27 / 231.0, -0.2, -0.05)));
        new SummaryFile("s", "x", 6, "ce", List.of(g), List.of()).write(tmp);
        assertEquals("""
                **phantom-lesions / vnet-lite**: 8 test cases, 3 training seeds per loss

                | loss | organ Dice | lesion Dice | lesion recall [0,3) mm [95% CI] |
                |---|---|---|---|
                | `ce` | 0.950 ± 0.010 | 0.500 ± 0.200 (collapsed in 1 of 3 seeds) | 0.117 [0.050, 0.200] |
                | `dice` | 0.944 ± 0.001 | collapsed (AUC 0.076) | 0.000 [0.000, 0.000] |
                """, Headline.of(tmp));
    }

    private static SummaryFile.ComparisonRow row(String loss, int label, double pHolm, String verdict) {
        double shift = verdict.equals("better") ? 0.008 : -0.01;
        return new SummaryFile.ComparisonRow(loss, label, 40, 0, shift, shift, shift - 0.01, shift + 0.005, 0.95, "normal", 100, pHolm / 4, pHolm,
                verdict);
    }

    private static SummaryFile.LossRank rank(String loss, double pBest) {
        return new SummaryFile.LossRank(loss, 0.8, 1, pBest, 1.5, 1, List.of());
    }

    /**
     * Three losses on two classes with 40 pairs: `focal` worse than `ce` on both classes, `dice` better on one; the rank
     * bootstrap's P(best) ties on the second class. The verdicts follow the Dice, and the two sentences say what the
     * comparison found and the highest P(best) per class.
     */
    @Test
    void verdictsAndRankStabilityAreQuotedFromTheSummary() throws Exception {
        SummaryFile.Comparison c = new SummaryFile.Comparison("ce", "dice", "case means over seeds", 0.05, 4, 40, 3.6e-11, false, List.of(
                row("dice", 1, 0.0123, "better"), row("dice", 2, 0.4, ""), row("focal", 1, 2.4e-7, "worse"), row("focal", 2, 0.026, "worse")));
        List<SummaryFile.Ranks> ranks = List.of(
                new SummaryFile.Ranks(1, "dice", 1000, 0.5, 0.5, List.of(rank("ce", 0.1), rank("dice", 0.62), rank("focal", 0.28))),
                new SummaryFile.Ranks(1, "nsd", 1000, 0.5, 0.5, List.of(rank("ce", 0.9))),
                new SummaryFile.Ranks(2, "dice", 1000, 0.5, 0.5, List.of(rank("ce", 0.4), rank("dice", 0.4), rank("focal", 0.2))));
        SummaryFile.Group g = new SummaryFile.Group("msd-hippocampus", "vnet-lite", Map.of(1, "anterior", 2, "posterior"),
                List.of(loss("ce", cls(1, 3, 0.85, 0.01, 0, 0.99), cls(2, 3, 0.83, 0.01, 0, 0.99)),
                        loss("dice", cls(1, 3, 0.86, 0.01, 0, 0.99), cls(2, 3, 0.83, 0.01, 0, 0.99)),
                        loss("focal", cls(1, 3, 0.84, 0.01, 0, 0.99), cls(2, 3, 0.82, 0.01, 0, 0.99))),
                ranks, c, List.of());
        new SummaryFile("s", "x", 9, "ce", List.of(g), List.of()).write(tmp);
        assertEquals("""
                **msd-hippocampus / vnet-lite**: 8 test cases, 3 training seeds per loss

                | loss | anterior Dice | posterior Dice |
                |---|---|---|
                | `ce` | 0.850 ± 0.010 | 0.830 ± 0.010 |
                | `dice` | 0.860 ± 0.010, better (+0.008, Holm p 0.012) | 0.830 ± 0.010 |
                | `focal` | 0.840 ± 0.010, worse (-0.010, Holm p 2.4e-07) | 0.820 ± 0.010, worse (-0.010, Holm p 0.026) |

                Against `ce` (paired Wilcoxon signed-rank on 40 cases' Dice, case means over seeds; Holm over 4 tests, so the smallest \
                reachable adjusted p is 3.6e-11) at 0.05: better: `dice` (anterior); worse: `focal` (anterior, posterior). Highest \
                probability of ranking first on Dice (bootstrap over cases and training seeds, 1000 resamples): anterior 0.620 \
                (`dice`); posterior 0.400 (`ce`, `dice`).
                """, Headline.of(tmp));
    }

    /** An underpowered design is said to be so, and no verdict is quoted. */
    @Test
    void anUnderpoweredComparisonSaysSo() throws Exception {
        SummaryFile.Comparison c = new SummaryFile.Comparison("ce", "dice", "case means over seeds", 0.05, 21, 8, 0.1640625, true, List.of(
                row("dice", 1, 0.164, "")));
        SummaryFile.Group g = new SummaryFile.Group("phantom-lesions", "vnet-lite", Map.of(1, "organ"),
                List.of(loss("ce", cls(1, 1, 0.99, 0, 0, 0.99)), loss("dice", cls(1, 1, 0.985, 0, 0, 0.99))), null, c, List.of());
        new SummaryFile("s", "x", 2, "ce", List.of(g), List.of()).write(tmp);
        String h = Headline.of(tmp);
        assertTrue(h.endsWith("\nAgainst `ce` (paired Wilcoxon signed-rank on 8 cases' Dice, case means over seeds; Holm over 21 tests, so the "
                + "smallest reachable adjusted p is 0.164): **underpowered**, not below 0.05, so no loss can be shown better or worse than "
                + "`ce` on any class.\n"), h);
        assertTrue(h.contains("| `dice` | 0.985 |"), h);
    }

    /** The README quotes results/default exactly: regenerate the block with the command it names when the results change. */
    @Test
    void theReadmeHeadlineIsTheOneOfThePublishedRun() throws Exception {
        Path root = Path.of(System.getProperty("lossbench.root", ".."));
        String readme = Files.readString(root.resolve("README.md"));
        String open = "<!-- headline: made by ./lossbench report results/default --headline; HeadlineTest checks it -->\n";
        int i = readme.indexOf(open);
        int j = readme.indexOf("<!-- /headline -->");
        assertTrue(i >= 0 && j > i, "the README has no headline block");
        assertEquals(Headline.of(root.resolve("results/default")).strip(), readme.substring(i + open.length(), j).strip(),
                "README.md's headline differs from results/default: paste the output of ./lossbench report results/default --headline");
    }
}
