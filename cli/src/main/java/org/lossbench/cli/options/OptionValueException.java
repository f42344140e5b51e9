package org.lossbench.cli.options;

import picocli.CommandLine.TypeConversionException;

/**
 * A value that one of this project's converters refuses, said as what the value must be
 * ({@code "must be three positive sizes D,H,W (or one for a cube), got '8,8'"}), so that the command
 * line prints it after the option's name: {@code lossbench: error: --roi must be ...} (exit 2). Converters
 * whose parser already names the option throw its {@code LossbenchException} instead.
 */
public final class OptionValueException extends TypeConversionException {
    private static final long serialVersionUID = 1L;

    /** @param mustBe what the value must be and what it was, starting with "must be" */
    public OptionValueException(String mustBe) {
        super(mustBe);
    }

    /** The message with the option's name in front, e.g. {@code --roi must be ...}. */
    public String about(String option) {
        return option + " " + getMessage();
    }
}
