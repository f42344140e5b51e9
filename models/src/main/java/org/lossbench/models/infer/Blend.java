package org.lossbench.models.infer;

import java.util.Locale;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;

/** How overlapping windows are weighted when they are blended. */
public enum Blend {
    /**
     * Gaussian importance: {@code w(d) = prod_axes exp(-(d_i - c_i)^2 / (2 sigma_i^2))} with
     * {@code c_i = (roi_i - 1) / 2} and {@code sigma_i = sigma_scale * roi_i} (default 1/8, as in
     * nnU-Net and MONAI's {@code sliding_window_inference(mode="gaussian")}): the centre of a window,
     * where the network sees the most context, counts more than its border.
     */
    GAUSSIAN,
    /** Every voxel of every window counts the same (MONAI {@code mode="constant"}). */
    CONSTANT;

    /** {@code gaussian} or {@code constant} (any case), as {@code lossbench infer --blend} takes it; anything else is a usage error. */
    public static Blend parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "gaussian" -> GAUSSIAN;
            case "constant" -> CONSTANT;
            default -> throw new LossbenchException(ExitCode.USAGE, "--blend must be gaussian or constant, got " + text);
        };
    }
}
