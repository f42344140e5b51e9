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
 * a check fails (a regression, or an improvement without {@code --allow-improvements}).
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Regression gate: compare the results of a sweep (CURRENT) with a baseline sweep (BASELINE), both results/<sweep> folders. "
                + "Checks, per class and loss, the mean Dice, the mean NSD and the median HD95, the lesion detection recall per size bin, "
                + "the per-case inference time (a slowdown needs the median above factor x the baseline median and above the baseline p90) "
                + "and that every cell finished. Two-sided: a move beyond a threshold either way is a change; worse is a regression, better "
                + "an improvement, which fails too unless --allow-improvements. A check whose baseline cannot show a regression (a Dice "
                + "already below its threshold, 0 of n lesions detected, an infinite HD95) is blind: reported as skipped, never passed. "
                + "Prints a Markdown diff. See docs/gate.md."},
        footer = {"", "Exit codes: 0 no failing check; 1 a regression, or an improvement without --allow-improvements (the gate failed); "
                + "2 usage error; 3 a missing or unreadable file, or sweeps with different evaluation settings or split."})
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE", description = "the baseline sweep's folder (results/<sweep>)")
    Path baseline;
    @Parameters(index = "1", paramLabel = "CURRENT", description = "the current sweep's folder")
    Path current;

    @Option(names = "--max-dice-drop", paramLabel = "D", defaultValue = "" + Thresholds.DEFAULT_DICE_DROP,
            description = "a mean Dice that moves by more than D (absolute) either way has changed (default: ${DEFAULT-VALUE})")
    double maxDiceDrop;
    @Option(names = "--dice-threshold-sd", paramLabel = "K",
            description = "the Dice threshold of a class is K x the baseline's sd over seeds of its mean Dice (summary.json); "
                    + "--max-dice-drop when the baseline has one seed")
    Double diceThresholdSd;
    @Option(names = "--max-nsd-drop", paramLabel = "N", defaultValue = "" + Thresholds.DEFAULT_NSD_DROP,
            description = "a mean NSD that moves by more than N (absolute) either way has changed (default: ${DEFAULT-VALUE})")
    double maxNsdDrop;
    @Option(names = "--max-hd95-rise", paramLabel = "F", defaultValue = "" + Thresholds.DEFAULT_HD95_RISE,
            description = "a median HD95 that moves by more than F x the baseline's (0.1 = 10%) and by more than --hd95-floor-mm "
                    + "has changed (default: ${DEFAULT-VALUE})")
    double maxHd95Rise;
    @Option(names = "--hd95-floor-mm", paramLabel = "MM", defaultValue = "" + Thresholds.DEFAULT_HD95_FLOOR_MM,
            description = "the smallest HD95 move in mm that counts (default: ${DEFAULT-VALUE})")
    double hd95FloorMm;
    @Option(names = "--max-recall-drop", paramLabel = "R", defaultValue = "" + Thresholds.DEFAULT_RECALL_DROP,
            description = "a detection recall that moves by more than R (absolute) either way has changed (default: ${DEFAULT-VALUE})")
    double maxRecallDrop;
    @Option(names = "--max-slowdown", paramLabel = "F", defaultValue = "" + Thresholds.DEFAULT_SLOWDOWN,
            description = "a slowdown: current median inference seconds above F x the baseline median and above the baseline p90 "
                    + "(default: ${DEFAULT-VALUE})")
    double maxSlowdown;
    @Option(names = "--timing-pool", paramLabel = "loss|model", defaultValue = "loss",
            description = "pool the per-case inference seconds per loss, or per model over every loss (default: ${DEFAULT-VALUE})")
    String timingPool;
    @Option(names = "--no-timing", description = "do not check timing (sweeps made on different machines or under different load)")
    boolean noTiming;
    @Option(names = "--allow-improvements", description = "an improvement beyond a threshold passes (it is still listed: refresh the baseline)")
    boolean allowImprovements;
    @Option(names = "--junit", paramLabel = "FILE", description = "also write JUnit XML, one test case per checked metric")
    Path junit;
    @Option(names = "--markdown", paramLabel = "FILE", description = "also write the Markdown diff to FILE")
    Path markdown;

    @Override
    public Integer call() {
        Thresholds th = new Thresholds(maxDiceDrop, diceThresholdSd, maxNsdDrop, maxHd95Rise, hd95FloorMm, maxRecallDrop, maxSlowdown,
                pool(timingPool), !noTiming, allowImprovements);
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
