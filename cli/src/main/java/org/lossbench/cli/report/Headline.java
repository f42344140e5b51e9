package org.lossbench.cli.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.lossbench.eval.report.MarkdownTable;
import org.lossbench.eval.results.SummaryFile;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The README's headline tables, made from a sweep's {@code summary.json} ({@code lossbench report DIR --headline}), so that
 * the README quotes the published run's numbers exactly and a test ({@code HeadlineTest}) can tell when it no longer
 * does. One table per (dataset, model) group; a row per loss, named by its exact spec; per class:
 * <ul>
 *   <li>Dice: the mean over seeds of the per-seed mean, {@code ± sd} over seeds when there are several
 *       ({@code SeedLevelSummary}); {@code collapsed (AUC a)} when every seed's model never predicts the class, and
 *       {@code (collapsed in k of n seeds)} after the mean when some do;</li>
 *   <li>after the Dice, {@code worse} or {@code better} with the Hodges-Lehmann shift from the reference and the
 *       Holm-adjusted p where the paired comparison with the reference loss gives that verdict ({@code ReferenceComparison});</li>
 *   <li>for a lesion-like class (one with lesion detection rows), the detection recall per size bin with its 95%
 *       bootstrap interval ({@code LesionDetection}).</li>
 * </ul>
 * Under each table, two sentences drawn from the same file: what the paired comparison with the reference found (or
 * that its design cannot reach significance: underpowered), and the highest probability of ranking first per class
 * from the rank bootstrap. Three decimals throughout. The statistics behind them are in summary.md.
 */
public final class Headline {
    private Headline() {
    }

    /** The headline of the sweep folder {@code dir}, Markdown. */
    public static String of(Path dir) {
        SummaryFile s = SummaryFile.read(dir);
        StringBuilder sb = new StringBuilder();
        for (SummaryFile.Group g : s.groups()) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(group(g));
        }
        return sb.toString();
    }

    private static String group(SummaryFile.Group g) {
        SummaryFile.Loss first = g.losses().get(0);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "**%s / %s**: %d test cases, %s per loss\n\n", g.dataset(), g.model(),
                first.cases(), first.seeds() == 1 ? "one training seed" : first.seeds() + " training seeds"));
        List<Integer> labels = first.classes().stream().map(SummaryFile.ClassStats::label).toList();
        Map<Integer, List<String>> bins = lesionBins(g);
        List<StringColumn> columns = new ArrayList<>();
        StringColumn loss = StringColumn.create("loss");
        columns.add(loss);
        Map<Integer, StringColumn> dice = new LinkedHashMap<>();
        Map<String, StringColumn> recall = new LinkedHashMap<>();
        for (int label : labels) {
            StringColumn c = StringColumn.create(name(g, label) + " Dice");
            dice.put(label, c);
            columns.add(c);
        }
        bins.forEach((label, bs) -> bs.forEach(b -> {
            StringColumn c = StringColumn.create(name(g, label) + " recall " + b + " mm [95% CI]");
            recall.put(label + " " + b, c);
            columns.add(c);
        }));
        for (SummaryFile.Loss l : g.losses()) {
            loss.append("`" + l.loss() + "`");
            for (int label : labels) {
                dice.get(label).append(l.classes().stream().filter(c -> c.label() == label).findFirst().map(Headline::dice).orElse("")
                        + verdict(g.comparison(), l.loss(), label));
            }
            for (SummaryFile.LesionDetection d : g.lesionDetection()) {
                if (d.loss().equals(l.loss())) {
                    recall.get(d.label() + " " + d.bin()).append(f(d.recall()) + " [" + f(d.ciLow()) + ", " + f(d.ciHigh()) + "]");
                }
            }
        }
        sb.append(MarkdownTable.render(Table.create("headline", columns.toArray(StringColumn[]::new))));
        String comparison = comparison(g);
        String ranks = ranks(g);
        if (!comparison.isEmpty() || !ranks.isEmpty()) {
            sb.append('\n').append(String.join(" ", List.of(comparison, ranks).stream().filter(t -> !t.isEmpty()).toList())).append('\n');
        }
        return sb.toString();
    }

    /** {@code , worse (-0.012, Holm p P)}, with the Hodges-Lehmann shift from the reference, when the comparison gives {@code loss} a verdict on {@code label}, else empty. */
    private static String verdict(SummaryFile.Comparison c, String loss, int label) {
        if (c == null) {
            return "";
        }
        return c.rows().stream().filter(r -> r.loss().equals(loss) && r.label() == label && verdict(r) != null).findFirst()
                .map(r -> ", " + verdict(r) + " (" + String.format(Locale.ROOT, "%+.3f", r.hodgesLehmann()) + ", Holm p " + p(r.pHolm()) + ")")
                .orElse("");
    }

    /**
     * What the comparison with the reference found: the design (pairs, tests, smallest reachable Holm p), then either
     * that it is underpowered or, per verdict, the losses and classes that have it ("none" when no loss differs).
     */
    private static String comparison(SummaryFile.Group g) {
        SummaryFile.Comparison c = g.comparison();
        if (c == null || c.tests() == 0) {
            return "";
        }
        String design = String.format(Locale.ROOT, "Against `%s` (paired Wilcoxon signed-rank on %d cases' Dice, %s; Holm over %d tests, "
                + "so the smallest reachable adjusted p is %s)", c.reference(), c.pairs(), c.pairedOn(), c.tests(), p(c.smallestReachablePHolm()));
        if (c.underpowered()) {
            return design + ": **underpowered**, not below " + c.alpha() + ", so no loss can be shown better or worse than `" + c.reference()
                    + "` on any class.";
        }
        List<String> parts = new ArrayList<>();
        for (String v : List.of("better", "worse", "differs")) {
            Map<String, List<String>> byLoss = new LinkedHashMap<>();
            c.rows().stream().filter(r -> v.equals(verdict(r)))
                    .forEach(r -> byLoss.computeIfAbsent(r.loss(), k -> new ArrayList<>()).add(name(g, r.label())));
            if (!byLoss.isEmpty() || !v.equals("differs")) {
                parts.add(v + ": " + (byLoss.isEmpty() ? "none" : String.join(", ", byLoss.entrySet().stream()
                        .map(e -> "`" + e.getKey() + "` (" + String.join(", ", e.getValue()) + ")").toList())));
            }
        }
        return design + " at " + c.alpha() + ": " + String.join("; ", parts) + ".";
    }

    /** The highest P(best) of the rank bootstrap of Dice per class, with its loss. */
    private static String ranks(SummaryFile.Group g) {
        List<String> parts = new ArrayList<>();
        int resamples = 0;
        for (SummaryFile.Ranks r : g.ranks()) {
            if (!r.metric().equals("dice") || r.losses().isEmpty()) {
                continue;
            }
            resamples = r.resamples();
            double best = r.losses().stream().mapToDouble(SummaryFile.LossRank::pBest).max().orElse(Double.NaN);
            List<String> top = r.losses().stream().filter(l -> l.pBest() == best).map(l -> "`" + l.loss() + "`").toList();
            parts.add(name(g, r.label()) + " " + f(best) + " (" + String.join(", ", top) + ")");
        }
        return parts.isEmpty() ? "" : "Highest probability of ranking first on Dice (bootstrap over cases and training seeds, " + resamples
                + " resamples): " + String.join("; ", parts) + ".";
    }

    /** The row's verdict, null when it has none. */
    private static String verdict(SummaryFile.ComparisonRow r) {
        return r.verdict() == null || r.verdict().isEmpty() ? null : r.verdict();
    }

    /** A p-value: three decimals, or two significant digits in scientific notation below 0.001. */
    private static String p(double v) {
        return Double.isNaN(v) ? "nan" : v < 1e-3 ? String.format(Locale.ROOT, "%.1e", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Per lesion-like class, its size bins with detection rows, in order. */
    private static Map<Integer, List<String>> lesionBins(SummaryFile.Group g) {
        Map<Integer, List<String>> out = new TreeMap<>();
        for (SummaryFile.LesionDetection d : g.lesionDetection()) {
            List<String> bs = out.computeIfAbsent(d.label(), k -> new ArrayList<>());
            if (!bs.contains(d.bin())) {
                bs.add(d.bin());
            }
        }
        return out;
    }

    private static String dice(SummaryFile.ClassStats c) {
        SummaryFile.Collapse k = c.collapse();
        SummaryFile.SeedDice d = c.dice();
        if (k != null && k.seeds() > 0 && k.collapsedSeeds() == k.seeds()) {
            return "collapsed (AUC " + f(k.meanAuc()) + ")";
        }
        String v = d == null ? "" : f(d.mean()) + (d.seeds() > 1 ? " ± " + f(d.sdOverSeeds()) : "");
        if (k != null && k.collapsedSeeds() > 0) {
            v += " (collapsed in " + k.collapsedSeeds() + " of " + k.seeds() + " seeds)";
        }
        return v;
    }

    private static String name(SummaryFile.Group g, int label) {
        return g.labelNames().getOrDefault(label, Integer.toString(label));
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, "%.3f", v);
    }
}
