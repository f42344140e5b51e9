package org.lossbench.cli.options;

import org.lossbench.models.infer.CpuRewrite;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Sliding-window inference: the options {@code lossbench infer} shares with a sweep's {@code inference}
 * section (window, overlap, CPU rewrite, device and threads); windows per run are {@code infer --batch} and
 * {@code sweep --infer-batch}.
 */
public final class InferenceOptions {
    @Option(names = "--roi", paramLabel = "D,H,W", converter = Size3.Converter.class,
            description = "window size, or one size for a cube (default: in a sweep the training patch, else the model's fixed size, "
                    + "else 96,96,96)")
    private Size3 roi;

    @Option(names = "--overlap", defaultValue = "0.5", description = "window overlap in [0, 1) (default: ${DEFAULT-VALUE})")
    private double overlap;

    @Mixin
    private EngineOptions engine;

    @Option(names = "--cpu-rewrite", defaultValue = "auto", paramLabel = "auto|none|conv2d|depth-major",
            converter = Converters.CpuRewritePolicy.class,
            description = "rewrite 3D convolutions for ONNX Runtime's faster 2D CPU kernels: conv2d (depth-stacked slices, any model) "
                    + "or depth-major (whole network in [D, C, H, W], the V-Net family, batch 1); auto uses depth-major on the CPU "
                    + "with batch 1 when the model allows it, the plain model otherwise; see docs/models.md (default: ${DEFAULT-VALUE})")
    private CpuRewrite cpuRewrite;

    /** The window size, or null for the default. */
    public Size3 roi() {
        return roi;
    }

    public double overlap() {
        return overlap;
    }

    public EngineOptions engine() {
        return engine;
    }

    public CpuRewrite cpuRewrite() {
        return cpuRewrite;
    }
}
