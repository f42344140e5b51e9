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
 *   <li>for a lesion-like class (one with lesion detection rows), the detection recall per size bin with its 95%
 *       bootstrap interval ({@code LesionDetection}).</li>
 * </ul>
 * Three decimals throughout. The statistics behind them, and what may be concluded, are in summary.md.
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
                dice.get(label).append(l.classes().stream().filter(c -> c.label() == label).findFirst().map(Headline::dice).orElse(""));
            }
            for (SummaryFile.LesionDetection d : g.lesionDetection()) {
                if (d.loss().equals(l.loss())) {
                    recall.get(d.label() + " " + d.bin()).append(f(d.recall()) + " [" + f(d.ciLow()) + ", " + f(d.ciHigh()) + "]");
                }
            }
        }
        sb.append(MarkdownTable.render(Table.create("headline", columns.toArray(StringColumn[]::new))));
        return sb.toString();
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
