package org.lossbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.eval.compare.Comparability;
import org.lossbench.eval.compare.Gate;
import org.lossbench.eval.compare.GateReport;
import org.lossbench.eval.compare.JUnitXml;
import org.lossbench.eval.compare.MarkdownDiff;
import org.lossbench.eval.compare.SweepFolder;
import org.lossbench.eval.compare.Thresholds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lossbench compare BASELINE CURRENT}: the regression gate (docs/gate.md). Compares two sweep
 * result folders, prints a Markdown diff, optionally writes it and a JUnit XML report, and exits 1 when
 * anything regressed.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Regression gate: compare the results of a sweep (CURRENT) with a baseline sweep (BASELINE), both results/<sweep> folders. "
                + "Checks the mean Dice per class, the lesion detection recall per class and size bin, the per-case inference time "
                + "(a slowdown needs the median above factor x the baseline median and above the baseline p90) and that every cell "
                + "finished. Prints a Markdown diff. See docs/gate.md."},
        footer = {"", "Exit codes: 0 no regression; 1 a regression (the gate failed); 2 usage error; 3 a missing or unreadable file, "
                + "or sweeps with different evaluation settings or split."})
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE", description = "the baseline sweep's folder (results/<sweep>)")
    Path baseline;
    @Parameters(index = "1", paramLabel = "CURRENT", description = "the current sweep's folder")
    Path current;

    @Option(names = "--max-dice-drop", paramLabel = "D", defaultValue = "" + Thresholds.DEFAULT_DICE_DROP,
            description = "a mean Dice that falls by more than D (absolute) is a regression (default: ${DEFAULT-VALUE})")
    double maxDiceDrop;
    @Option(names = "--max-recall-drop", paramLabel = "R", defaultValue = "" + Thresholds.DEFAULT_RECALL_DROP,
            description = "a detection recall that falls by more than R (absolute) is a regression (default: ${DEFAULT-VALUE})")
    double maxRecallDrop;
    @Option(names = "--max-slowdown", paramLabel = "F", defaultValue = "" + Thresholds.DEFAULT_SLOWDOWN,
            description = "a slowdown: current median inference seconds above F x the baseline median and above the baseline p90 "
                    + "(default: ${DEFAULT-VALUE})")
    double maxSlowdown;
    @Option(names = "--timing-pool", paramLabel = "loss|model", defaultValue = "loss",
            description = "pool the per-case inference seconds per loss, or per model over every loss (default: ${DEFAULT-VALUE})")
    String timingPool;
    @Option(names = "--junit", paramLabel = "FILE", description = "also write JUnit XML, one test case per checked metric")
    Path junit;
    @Option(names = "--markdown", paramLabel = "FILE", description = "also write the Markdown diff to FILE")
    Path markdown;

    @Override
    public Integer call() {
        Thresholds th = new Thresholds(maxDiceDrop, maxRecallDrop, maxSlowdown, pool(timingPool));
        SweepFolder base = SweepFolder.load("baseline", baseline);
        SweepFolder cur = SweepFolder.load("current", current);
        Comparability.require(base, cur);
        GateReport r = Gate.compare(base, cur, th);
        String md = MarkdownDiff.render(r, base, cur, th);
        if (markdown != null) {
            AtomicFiles.writeString(markdown, md);
        }
        if (junit != null) {
            JUnitXml.write(junit, r, base, cur, th);
        }
        spec.commandLine().getOut().print(md);
        spec.commandLine().getOut().flush();
        return r.passed() ? ExitCode.SUCCESS.code() : ExitCode.REGRESSION.code();
    }

    private static Thresholds.TimingPool pool(String s) {
        return switch (s) {
            case "loss" -> Thresholds.TimingPool.LOSS;
            case "model" -> Thresholds.TimingPool.MODEL;
            default -> throw new LossbenchException(ExitCode.USAGE, "compare: --timing-pool must be loss or model, got '" + s + "'");
        };
    }
}
