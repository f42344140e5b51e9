package org.lossbench.cli;

import java.io.PrintWriter;
import org.lossbench.cli.options.OptionValueException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.io.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code lossbench} command line. Commands are thin: they parse options and call the modules.
 *
 * <p>Exit codes (docs/design.md): 0 success, 1 a regression gate failed, 2 usage error, 3 bad input
 * data or model, 4 internal error. A {@link LossbenchException} is printed as one line on stderr,
 * without a stack trace (set {@code LOSSBENCH_DEBUG=1} to see one), also when an option's converter
 * raises it while picocli parses the command line; a value that one of the project's converters refuses
 * ({@link OptionValueException}) is printed after the option's name. Other parse errors are picocli's
 * (the message and the usage help).
 */
@Command(name = "lossbench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = "Compare segmentation loss functions on 3D medical images.",
        subcommands = {InspectCommand.class, EvaluateCommand.class, BenchCommand.class, DatasetsCommand.class, ModelsCommand.class, InferCommand.class, LossesCommand.class, TrainCommand.class, SweepCommand.class, MergeCommand.class, CompareCommand.class, ReportCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        Warmup.start("json-warmup", Json::warmUp); // while picocli builds the command model
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the command line with its output and errors captured (for tests and embedding). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof LossbenchException le) {
                commandLine.getErr().println("lossbench: error: " + le.getMessage());
                debugTrace(ex, commandLine);
                return le.exitCode().code();
            }
            commandLine.getErr().println("lossbench: internal error: " + ex
                    + " (this is a bug; LOSSBENCH_DEBUG=1 shows the stack trace)");
            debugTrace(ex, commandLine);
            return ExitCode.INTERNAL.code();
        });
        CommandLine.IParameterExceptionHandler picocliHandler = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            if (ex.getCause() instanceof OptionValueException bad && ex.getArgSpec() instanceof OptionSpec option) {
                err.println("lossbench: error: " + bad.about(option.longestName()));
                return ExitCode.USAGE.code();
            }
            if (ex.getCause() instanceof LossbenchException le) { // a converter's parser, or the sweep's spec file
                err.println("lossbench: error: " + le.getMessage());
                debugTrace(le, ex.getCommandLine());
                return le.exitCode().code();
            }
            return picocliHandler.handleParseException(ex, args);
        });
        return cl;
    }

    private static void debugTrace(Exception ex, CommandLine commandLine) {
        if ("1".equals(System.getenv("LOSSBENCH_DEBUG"))) {
            ex.printStackTrace(commandLine.getErr());
        }
    }
}
