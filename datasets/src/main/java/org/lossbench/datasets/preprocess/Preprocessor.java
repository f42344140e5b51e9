package org.lossbench.datasets.preprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.datasets.loader.LoadedCase;

/**
 * The nnU-Net-style preprocessing of a case: normalise each modality, then resample to the target
 * spacing (trilinear images, nearest labels). A modality named {@code CT} (case-insensitive) gets
 * {@link CtNormalization} fitted once on the training cases' foreground; every other modality is
 * z-scored per case ({@link ZScoreNormalization}). What it does is a {@link PreprocessingRecord}
 * ({@link #record()}); {@link #of(PreprocessingRecord)} rebuilds the same preprocessing from one, so a
 * model's input can be prepared at inference exactly as it was for training.
 */
public final class Preprocessor {
    private final PreprocessingRecord record;

    private Preprocessor(PreprocessingRecord record) {
        this.record = record;
    }

    /**
     * Fits the CT statistics on {@code training} (cases with labels).
     *
     * @param targetSpacing {@code (sz, sy, sx)} mm, or {@code null} to keep each case's spacing
     */
    public static Preprocessor fit(List<String> modalities, List<LoadedCase> training, double[] targetSpacing) {
        List<ImageVolume> images = new ArrayList<>();
        List<LabelMap> labels = new ArrayList<>();
        for (LoadedCase c : training) {
            if (c.label() != null) {
                images.add(c.image());
                labels.add(c.label());
            }
        }
        List<PreprocessingRecord.Channel> channels = new ArrayList<>();
        for (int m = 0; m < modalities.size(); m++) {
            String name = modalities.get(m);
            channels.add(new PreprocessingRecord.Channel(name, name.equalsIgnoreCase("CT") ? CtNormalization.fit(images, labels, m) : null));
        }
        return new Preprocessor(new PreprocessingRecord(channels, targetSpacing, null));
    }

    /** The preprocessing a record describes. */
    public static Preprocessor of(PreprocessingRecord record) {
        return new Preprocessor(record);
    }

    /** What this preprocessor does, to serialise with a model. */
    public PreprocessingRecord record() {
        return record;
    }

    /** The fitted CT normalisation of modality {@code m}, or {@code null} for a z-scored one. */
    public CtNormalization ctNormalization(int m) {
        return record.channels().get(m).ct();
    }

    /** The preprocessed case. */
    public LoadedCase apply(LoadedCase c) {
        ImageVolume image = apply(c.image(), "case '" + c.id() + "'");
        LabelMap label = c.label();
        if (label != null && resamples(c.image())) {
            label = Resampler.labels(label, record.targetSpacing());
        }
        return new LoadedCase(c.id(), image, label);
    }

    /**
     * The preprocessed image: each channel normalised by its scheme, then resampled to the target spacing
     * unless it already has it exactly. {@code what} names the image in the error for a wrong channel count.
     */
    public ImageVolume apply(ImageVolume image, String what) {
        List<PreprocessingRecord.Channel> channels = record.channels();
        if (image.channels() != channels.size()) {
            throw new IllegalArgumentException(what + " has " + image.channels() + " channels, expected " + channels.size());
        }
        for (int m = 0; m < channels.size(); m++) {
            CtNormalization ct = channels.get(m).ct();
            image = ct != null ? ct.apply(image, m) : ZScoreNormalization.applyChannel(image, m, null);
        }
        return resamples(image) ? Resampler.image(image, record.targetSpacing()) : image;
    }

    /** Whether {@link #apply} resamples {@code image}: there is a target spacing and the image's is not exactly it. */
    public boolean resamples(ImageVolume image) {
        double[] target = record.targetSpacing();
        return target != null && !Arrays.equals(image.grid().spacing(), target);
    }

    /** Every case preprocessed, in order. */
    public List<LoadedCase> apply(List<LoadedCase> cases) {
        return cases.stream().map(this::apply).toList();
    }
}
