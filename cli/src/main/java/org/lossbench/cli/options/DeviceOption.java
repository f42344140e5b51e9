package org.lossbench.cli.options;

import org.lossbench.core.engine.Device;
import picocli.CommandLine.Option;

/** {@code --device}: where ONNX Runtime runs; {@code auto} unless the command says otherwise ({@code losses eval}: cpu). */
public final class DeviceOption {
    @Option(names = "--device", converter = Converters.DeviceText.class,
            description = "auto, cpu, cuda or cuda:N (default: ${DEFAULT-VALUE})")
    private String device;

    public DeviceOption() {
        this("auto");
    }

    /** With another default than {@code auto}. */
    public DeviceOption(String defaultDevice) {
        this.device = defaultDevice;
    }

    /** The device as written, e.g. {@code cuda} (a sweep's cell key records it). */
    public String text() {
        return device;
    }

    public Device device() {
        return Device.parse(device);
    }
}
