package org.lossbench.core;

/**
 * Input data or a model that lossbench cannot use: a truncated or malformed file, a shape or grid
 * that does not fit, a NaN where numbers are expected, a model that breaks the contract. Exit code 3.
 */
public class BadInputException extends LossbenchException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(ExitCode.BAD_INPUT, message);
    }

    public BadInputException(String message, Throwable cause) {
        super(ExitCode.BAD_INPUT, message, cause);
    }
}
