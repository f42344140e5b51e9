package org.lossbench.eval.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.lossbench.core.BadInputException;

/**
 * {@code summary.json}: per (dataset, model) group and loss, the pooled statistics of every metric and the size-bin
 * tables (as in {@code summary.csv}), the seed-level figures of each class (Dice per seed, mean, sd and hierarchical
 * interval; DSCagg per seed; collapse), the rank stability per class, the comparison with the reference loss with
 * its power floor, and lesion detection by size with its bootstrap intervals and shifts from the reference; then
 * the failed cells' lines. Every double marked {@link JsonNumber} is {@code nan}, {@code inf} or
 * {@code -inf} when not finite, as in the CSV files, and NaN when absent. Absent lists and maps read as empty ones. The
 * runner ({@code cli.sweep.SummaryJson}) fills it from its statistics; the report and the gate read it.
 *
 * @param cells the cells of the plan, finished or failed
 * @param failed one line per failed cell, in plan order
 */
public record SummaryFile(String sweep, String specSha256, int cells, String referenceLoss, List<Group> groups, List<String> failed) {
    public SummaryFile {
        failed = failed == null ? List.of() : failed;
    }

    /** A (dataset, model) group: the dataset's class names by label value (background left out) and its losses. */
    public record Group(String dataset, String model, Map<Integer, String> labelNames, List<Loss> losses, List<Ranks> ranks,
                        Comparison comparison, List<LesionDetection> lesionDetection) {
        public Group {
            labelNames = labelNames == null ? Map.of() : labelNames;
            losses = losses == null ? List.of() : losses;
            ranks = ranks == null ? List.of() : ranks;
            lesionDetection = lesionDetection == null ? List.of() : lesionDetection;
        }
    }

    /**
     * Lesion detection of one loss in one class and size bin, pooled over seeds and cases, with the 95% crossed
     * hierarchical bootstrap interval of the recall and of its shift from the reference loss (NaN for the reference;
     * docs/statistics.md, "Lesion detection by size").
     */
    public record LesionDetection(int label, String bin, String loss, int seeds, int lesions, int detected, @JsonNumber double recall,
                                  @JsonNumber double ciLow, @JsonNumber double ciHigh, @JsonNumber double shift, @JsonNumber double shiftLow,
                                  @JsonNumber double shiftHigh) {
    }

    /** One loss of a group, over its cells (one per seed) and the cases they share. */
    public record Loss(String loss, int cells, int seeds, int cases, List<MetricStats> metrics, List<ClassStats> classes,
                       List<SizeBin> sizeBins) {
        public Loss {
            metrics = metrics == null ? List.of() : metrics;
            classes = classes == null ? List.of() : classes;
            sizeBins = sizeBins == null ? List.of() : sizeBins;
        }
    }

    /** A metric of a class over the cases of all seeds ({@code n} defined values; the interval is a bootstrap one). */
    public record MetricStats(int label, String metric, int n, int nUndefined, int nEmptyRef, @JsonNumber double mean,
                              @JsonNumber double sd, @JsonNumber double median, @JsonNumber double ci95Low, @JsonNumber double ci95High) {
    }

    /** A class's seed-level figures; {@code dice}, {@code dscAgg} or {@code collapse} is null when the file lacks it. */
    public record ClassStats(int label, SeedDice dice, DscAgg dscAgg, Collapse collapse) {
    }

    /** The mean Dice over a seed's cases, per seed, and their mean, sd and hierarchical 95% interval. */
    public record SeedDice(int seeds, int cases, int nUndefined, @JsonNumber double mean, @JsonNumber double sdOverSeeds,
                           @JsonNumber double ci95Low, @JsonNumber double ci95High, @JsonNumbers Map<Long, Double> perSeed) {
        public SeedDice {
            perSeed = perSeed == null ? Map.of() : perSeed;
        }
    }

    /** DSCagg over a seed's cases, per seed, and its mean and sd over seeds. */
    public record DscAgg(@JsonNumber double mean, @JsonNumber double sdOverSeeds, @JsonNumbers Map<Long, Double> perSeed) {
        public DscAgg {
            perSeed = perSeed == null ? Map.of() : perSeed;
        }
    }

    /** Seeds whose model never predicts the class, and the class channel's mean ROC AUC and peak probability on the reference. */
    public record Collapse(int seeds, int collapsedSeeds, @JsonNumber double meanAuc, @JsonNumber double meanPeakProbRef) {
    }

    /** A class's reference lesions of one size bin ({@code binMm}, as {@code [3,6)}), the detected ones, recall and lesion Dice. */
    public record SizeBin(int label, String binMm, int refLesions, int detected, @JsonNumber double detectionRecall,
                          @JsonNumber double meanLesionDice, int falsePositiveLesions) {
    }

    /** The rank stability of the losses on a class's {@code metric} over {@code resamples} bootstrap resamples. */
    public record Ranks(int label, String metric, int resamples, @JsonNumber double kendallTauMean, @JsonNumber double kendallTauMedian,
                        List<LossRank> losses) {
        public Ranks {
            losses = losses == null ? List.of() : losses;
        }
    }

    /** A loss's observed score and rank, and how often each rank came out ({@code rankCounts[r - 1]}). */
    public record LossRank(String loss, @JsonNumber double score, int rank, @JsonNumber double pBest, @JsonNumber double meanRank,
                           @JsonNumber double medianRank, List<Integer> rankCounts) {
        public LossRank {
            rankCounts = rankCounts == null ? List.of() : rankCounts;
        }
    }

    /**
     * The paired comparison of every loss with the reference, its design ({@code tests}, {@code pairs}) and power floor
     * (Jackson's snake case would spell the floor {@code smallest_reachable_pholm}).
     */
    public record Comparison(String reference, String metric, String pairedOn, double alpha, int tests, int pairs,
                             @JsonProperty("smallest_reachable_p_holm") @JsonNumber double smallestReachablePHolm, boolean underpowered,
                             List<ComparisonRow> rows) {
        public Comparison {
            rows = rows == null ? List.of() : rows;
        }
    }

    /** One loss against the reference on one class: the Wilcoxon test, the Hodges-Lehmann shift and the verdict. */
    public record ComparisonRow(String loss, int label, int pairs, int zeroDifferences, @JsonNumber double medianDifference,
                                @JsonNumber double hodgesLehmann, @JsonNumber double hlCiLow, @JsonNumber double hlCiHigh,
                                @JsonNumber double hlCoverage, String method, @JsonNumber double statistic, @JsonNumber double p,
                                @JsonNumber double pHolm, String verdict) {
    }

    public void write(Path sweepDir) {
        Documents.write(sweepDir.resolve(SweepLayout.SUMMARY_JSON), this);
    }

    /** The summary of {@code sweepDir}; missing, malformed or without groups, a {@link BadInputException}. */
    public static SummaryFile read(Path sweepDir) {
        Path f = sweepDir.resolve(SweepLayout.SUMMARY_JSON);
        SummaryFile s = Documents.read(f, SummaryFile.class, "run the sweep to its end (or lossbench merge " + sweepDir + ")");
        if (s.groups() == null) {
            throw new BadInputException(f + " has no groups; it is not a sweep summary");
        }
        return s;
    }
}
