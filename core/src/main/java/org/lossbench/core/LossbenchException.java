package org.lossbench.core;

/**
 * The one exception type that lossbench code throws for conditions a user can act on.
 *
 * <p>The message must say what is wrong, where (file, case, tensor) and, when it is not obvious,
 * what to do. The command line prints the message on one line, without a stack trace, and exits
 * with {@link #exitCode()}.
 */
public class LossbenchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public LossbenchException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public LossbenchException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The exit code the command line ends with when this exception reaches it. */
    public ExitCode exitCode() {
        return exitCode;
    }
}
