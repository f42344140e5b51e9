package org.lossbench.core;

/**
 * Process exit codes of the {@code lossbench} command line, fixed by docs/design.md.
 */
public enum ExitCode {
    /** Everything succeeded. */
    SUCCESS(0),
    /** A regression gate failed (the comparison ran, the numbers got worse). */
    REGRESSION(1),
    /** The command line itself was wrong: unknown option, missing argument. */
    USAGE(2),
    /** Input data or a model is unusable: truncated file, wrong shape, NaN, wrong model contract. */
    BAD_INPUT(3),
    /** A bug or an environment failure inside lossbench. */
    INTERNAL(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The numeric process exit status. */
    public int code() {
        return code;
    }
}
