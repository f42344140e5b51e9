package org.lossbench.cli;

import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;

/** The {@code D,H,W} size options of {@code lossbench infer} ({@code --roi}) and {@code lossbench train} ({@code --patch}). */
final class SizeOptions {
    private SizeOptions() {
    }

    /** {@code D,H,W} or a single size; anything else is a usage error. */
    static int[] roi(String text) {
        String[] parts = text.split(",");
        try {
            int[] r = new int[3];
            for (int i = 0; i < 3; i++) {
                r[i] = Integer.parseInt(parts[parts.length == 1 ? 0 : i].trim());
                if (r[i] < 1) {
                    throw new NumberFormatException();
                }
            }
            if (parts.length == 1 || parts.length == 3) {
                return r;
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // falls through to the usage error
        }
        throw new LossbenchException(ExitCode.USAGE, "--roi must be three positive sizes D,H,W (or one for a cube), got '" + text + "'");
    }

    /** {@code D,H,W} or one size for a cube; anything else is a usage error (the sizes are checked by the training configuration). */
    static int[] patch(String text) {
        String[] parts = text.split(",");
        try {
            if (parts.length == 1) {
                int s = Integer.parseInt(parts[0].trim());
                return new int[] {s, s, s};
            }
            if (parts.length == 3) {
                return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()), Integer.parseInt(parts[2].trim())};
            }
        } catch (NumberFormatException e) {
            // fall through to the usage error
        }
        throw new LossbenchException(ExitCode.USAGE, "--patch must be D,H,W or one size, got " + text);
    }
}
