package org.lossbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lossbench.cli.report.HtmlReport;
import org.lossbench.eval.results.SweepLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lossbench report DIR}: writes (again) the self-contained HTML report of a finished sweep
 * folder from its files, the same bytes the sweep wrote (docs/report.md); prints the file's path.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the self-contained HTML report (report.html: Dice box plots, recall by lesion size, inference time, "
                + "slice overlays, the summary tables) of a sweep folder results/<sweep> from its files; prints the report's path."},
        footer = {"", "Exit codes: 0 written; 3 the folder lacks the sweep's aggregated outputs (run the sweep or lossbench merge first) "
                + "or holds unreadable ones."})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "a sweep's output folder (results/<sweep>)")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write the report (default: DIR/report.html)")
    Path out;

    @Override
    public Integer call() {
        Path written = HtmlReport.write(dir, out == null ? dir.resolve(SweepLayout.REPORT) : out);
        spec.commandLine().getOut().println(written);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
