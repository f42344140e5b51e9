package org.lossbench.cli.options;

import org.lossbench.cli.sweep.SweepSpec;
import picocli.CommandLine.Option;

/**
 * How a model is trained: {@code lossbench train}'s options, and the {@code training} section of a sweep
 * spec, one option per field. Only the number of steps has another default in a sweep (200, not 1000).
 */
public final class TrainingOptions {
    @Option(names = "--steps", description = "optimiser steps (default: ${DEFAULT-VALUE})")
    private long steps;

    @Option(names = "--batch", defaultValue = "2", description = "patches per step (default: ${DEFAULT-VALUE})")
    private int batch;

    @Option(names = "--patch", defaultValue = "32", paramLabel = "D,H,W", converter = Size3.Converter.class,
            description = "patch size, or one size for a cube (default: ${DEFAULT-VALUE})")
    private Size3 patch;

    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "SPEC", converter = Converters.OptimizerSpec.class,
            description = "sgd[:momentum=M,weight_decay=W] or adam[:beta1=..,beta2=..,eps=..,weight_decay=..] (default: ${DEFAULT-VALUE})")
    private String optimizer;

    @Option(names = "--lr", description = "learning rate (default: the optimiser's, 1e-4 for sgd after V-Net, 1e-3 for adam after Wong et al. 2018)")
    private Double lr;

    @Option(names = "--schedule", defaultValue = "constant", converter = Converters.ScheduleSpec.class,
            description = "constant, step:every=S[,gamma=G] or poly[:power=P] (default: ${DEFAULT-VALUE})")
    private String schedule;

    @Option(names = "--foreground-share", defaultValue = "0.33", description = "share of patches centred on foreground (default: ${DEFAULT-VALUE}, nnU-Net)")
    private double foregroundShare;

    @Option(names = "--augment", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "standard augmentation of every patch (default: ${DEFAULT-VALUE})")
    private boolean augment;

    /** @param defaultSteps the default of {@code --steps} */
    public TrainingOptions(long defaultSteps) {
        this.steps = defaultSteps;
    }

    public long steps() {
        return steps;
    }

    public int batch() {
        return batch;
    }

    public int[] patch() {
        return patch.toArray();
    }

    public String optimizer() {
        return optimizer;
    }

    /** The learning rate, or null for the optimiser's default. */
    public Double lr() {
        return lr;
    }

    public String schedule() {
        return schedule;
    }

    public double foregroundShare() {
        return foregroundShare;
    }

    public boolean augment() {
        return augment;
    }

    /** The sweep spec's {@code training} section. */
    public SweepSpec.Training sweepSection() {
        return new SweepSpec.Training(steps, batch, patch.toList(), optimizer, lr, schedule, foregroundShare, augment);
    }
}
