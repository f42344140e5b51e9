package org.lossbench.models.infer;

import java.nio.file.Path;
import java.util.Locale;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.engine.EngineSession;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.engine.Sessions;
import org.lossbench.core.graph.Conv3dLowering;
import org.lossbench.core.graph.DepthMajorLowering;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.OnnxImporter;
import org.lossbench.core.graph.OnnxSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites of a model's 3D convolutions for ONNX Runtime's faster 2D CPU kernels, for one fixed
 * window size (docs/models.md, "Performance"): {@code conv2d} (3D convolutions as 2D ones over
 * depth-stacked slices, any model) and {@code depth-major} (the whole network in a
 * {@code [D, C, H, W]} layout, the V-Net family, one window per run). Both agree with the plain
 * model to float rounding (about 3e-5).
 *
 * <p>{@code auto}, the default, uses {@code depth-major} when the session runs on the CPU with one
 * window per run and the rewrite accepts the model, and the plain model otherwise: measured on one
 * thread at 64^3, depth-major ({@link DepthMajorLowering.Options#DEFAULT}) takes vnet from 1.37x to
 * 1.00x PyTorch's time and vnet-lite from 1.01x to 0.83x. On CUDA the plain model is used.
 */
public enum CpuRewrite {
    AUTO, NONE, CONV2D, DEPTH_MAJOR;

    private static final Logger LOG = LoggerFactory.getLogger(CpuRewrite.class);

    /** {@code auto}, {@code none}, {@code conv2d} or {@code depth-major}. */
    public static CpuRewrite parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "none" -> NONE;
            case "conv2d" -> CONV2D;
            case "depth-major" -> DEPTH_MAJOR;
            default -> throw new LossbenchException(ExitCode.USAGE, "--cpu-rewrite must be auto, none, conv2d or depth-major, got " + text);
        };
    }

    /**
     * The session to run {@code model} with, given the plain session already open on it (which this
     * method closes when it returns a rewritten one), the window size and windows per run.
     */
    public EngineSession apply(Path model, EngineSession plain, SessionConfig config, int[] window, int batch) {
        CpuRewrite chosen = this;
        if (this == AUTO) {
            if (plain.device().isCuda() || batch != 1) {
                return plain;
            }
            chosen = DEPTH_MAJOR;
        }
        if (chosen == NONE) {
            return plain;
        }
        long[] spatial = {window[0], window[1], window[2]};
        Graph low;
        try {
            Graph g = OnnxImporter.read(model);
            low = chosen == CONV2D ? Conv3dLowering.lower(g, batch, spatial) : DepthMajorLowering.lower(g, spatial);
        } catch (IllegalArgumentException | LossbenchException e) {
            if (this == AUTO) {
                LOG.debug("{}: running the plain model; the depth-major rewrite does not apply: {}", model, e.getMessage());
                return plain;
            }
            throw new BadInputException("cannot apply --cpu-rewrite " + label() + " to " + model + ": " + e.getMessage()
                    + "; use --cpu-rewrite conv2d or none", e);
        }
        EngineSession rewritten = Sessions.open(OnnxSerializer.toBytes(low, "infer"), model + " (" + chosen.label() + " rewrite)", config);
        LOG.info("{}: running the {} rewrite of the model (--cpu-rewrite; docs/models.md)", model, chosen.label());
        plain.close();
        return rewritten;
    }

    /** The option's spelling. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
