package org.lossbench.cli.options;

import java.util.List;
import org.lossbench.cli.sweep.SweepSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code inference} section of a sweep spec: {@code lossbench infer}'s shared options and the windows per run. */
public final class SweepInferenceOptions {
    @Mixin
    private InferenceOptions inference;

    @Option(names = "--infer-batch", defaultValue = "1", description = "windows per inference run (default: ${DEFAULT-VALUE})")
    private int batch;

    public SweepSpec.Inference section() {
        List<Integer> roi = inference.roi() == null ? null : inference.roi().toList();
        return new SweepSpec.Inference(roi, inference.overlap(), inference.engine().deviceText(), inference.engine().threads(), batch,
                inference.cpuRewrite().label());
    }
}
