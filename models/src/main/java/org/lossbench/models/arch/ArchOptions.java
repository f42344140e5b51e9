package org.lossbench.models.arch;

/**
 * Options of {@code lossbench models export}: null means "the architecture's default".
 *
 * @param width first-stage channels
 * @param depth number of down-samplings
 * @param kernel convolution kernel size
 * @param inChannels image channels
 * @param classes output classes (background included)
 * @param seed initialisation seed
 */
public record ArchOptions(Integer width, Integer depth, Integer kernel, int inChannels, int classes, long seed) {
    /** No overrides, one input channel, two classes, seed 0. */
    public static ArchOptions defaults() {
        return new ArchOptions(null, null, null, 1, 2, 0);
    }
}
