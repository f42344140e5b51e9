package org.lossbench.cli.options;

import org.lossbench.models.arch.ArchOptions;
import picocli.CommandLine.Option;

/** The options of a V-Net architecture ({@code lossbench models info} and {@code export}). */
public final class ArchitectureOptions {
    @Option(names = "--width", description = "channels of the first stage")
    private Integer width;
    @Option(names = "--depth", description = "number of down-samplings")
    private Integer depth;
    @Option(names = "--kernel", description = "convolution kernel size (odd)")
    private Integer kernel;
    @Option(names = "--in-channels", defaultValue = "1", description = "image channels (default: ${DEFAULT-VALUE})")
    private int inChannels;
    @Option(names = "--classes", defaultValue = "2", description = "output classes, background included (default: ${DEFAULT-VALUE})")
    private int classes;
    @Option(names = "--seed", defaultValue = "0", description = "initialisation seed (default: ${DEFAULT-VALUE})")
    private long seed;

    public ArchOptions options() {
        return new ArchOptions(width, depth, kernel, inChannels, classes, seed);
    }
}
