package org.lossbench.cli.options;

import org.lossbench.core.engine.Device;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --device} and {@code --threads}: how ONNX Runtime runs ({@code train}, {@code infer}, {@code sweep}). */
public final class EngineOptions {
    @Mixin
    private DeviceOption device;

    @Option(names = "--threads", defaultValue = "0", converter = Converters.OnnxRuntimeThreadCount.class,
            description = "ONNX Runtime intra-op threads, 0 = its default (default: ${DEFAULT-VALUE})")
    private int threads;

    public Device device() {
        return device.device();
    }

    /** The device as written (a sweep's cell key records it). */
    public String deviceText() {
        return device.text();
    }

    public int threads() {
        return threads;
    }
}
