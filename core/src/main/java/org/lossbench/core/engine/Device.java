package org.lossbench.core.engine;

import java.util.Locale;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;

/**
 * The device a user asks for: {@code auto} (CUDA when it works, otherwise CPU, saying why),
 * {@code cpu}, or {@code cuda[:N]} (CUDA device N, default 0; fails when CUDA does not work).
 */
public record Device(Kind kind, int index) {
    /** What was asked for. */
    public enum Kind { AUTO, CPU, CUDA }

    public Device {
        if (index < 0) {
            throw new IllegalArgumentException("device index must be >= 0, got " + index);
        }
    }

    public static final Device AUTO = new Device(Kind.AUTO, 0);
    public static final Device CPU = new Device(Kind.CPU, 0);

    /** Parses {@code auto}, {@code cpu}, {@code cuda} or {@code cuda:N}; anything else is a usage error. */
    public static Device parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("auto")) {
            return AUTO;
        }
        if (t.equals("cpu")) {
            return CPU;
        }
        if (t.equals("cuda")) {
            return new Device(Kind.CUDA, 0);
        }
        if (t.startsWith("cuda:")) {
            try {
                int n = Integer.parseInt(t.substring(5));
                if (n >= 0) {
                    return new Device(Kind.CUDA, n);
                }
            } catch (NumberFormatException e) {
                // falls through to the usage error
            }
        }
        throw new LossbenchException(ExitCode.USAGE, "unknown device '" + text
                + "': use auto, cpu, cuda or cuda:N (N = GPU index, 0 first)");
    }

    @Override
    public String toString() {
        return kind == Kind.CUDA ? "cuda:" + index : kind.name().toLowerCase(Locale.ROOT);
    }
}
