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
