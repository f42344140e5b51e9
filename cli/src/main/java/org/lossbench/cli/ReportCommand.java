package org.lossbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lossbench.cli.report.Headline;
import org.lossbench.cli.report.HtmlReport;
import org.lossbench.eval.results.SweepLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lossbench report DIR}: writes (again) the self-contained HTML report of a finished sweep
 * folder from its files, the same bytes the sweep wrote (docs/report.md); prints the file's path. With {@code --headline},
 * prints the README's headline tables instead ({@link Headline}).
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

    @Option(names = "--headline", description = "print the README's headline tables (Markdown: per loss, each class's Dice over seeds and "
            + "the lesion detection recall by size with its interval) instead of writing the report")
    boolean headline;

    @Override
    public Integer call() {
        if (headline) {
            spec.commandLine().getOut().print(Headline.of(dir));
            spec.commandLine().getOut().flush();
            return 0;
        }
        Path written = HtmlReport.write(dir, out == null ? dir.resolve(SweepLayout.REPORT) : out);
        spec.commandLine().getOut().println(written);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
