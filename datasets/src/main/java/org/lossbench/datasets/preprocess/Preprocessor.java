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
 * z-scored per case ({@link ZScoreNormalization}).
 */
public final class Preprocessor {
    private final List<String> modalities;
    private final CtNormalization[] ct;
    private final double[] targetSpacing;

    private Preprocessor(List<String> modalities, CtNormalization[] ct, double[] targetSpacing) {
        this.modalities = List.copyOf(modalities);
        this.ct = ct;
        this.targetSpacing = targetSpacing == null ? null : targetSpacing.clone();
    }

    /**
     * Fits the CT statistics on {@code training} (cases with labels).
     *
     * @param targetSpacing {@code (sz, sy, sx)} mm, or {@code null} to keep each case's spacing
     */
    public static Preprocessor fit(List<String> modalities, List<LoadedCase> training, double[] targetSpacing) {
        CtNormalization[] ct = new CtNormalization[modalities.size()];
        List<ImageVolume> images = new ArrayList<>();
        List<LabelMap> labels = new ArrayList<>();
        for (LoadedCase c : training) {
            if (c.label() != null) {
                images.add(c.image());
                labels.add(c.label());
            }
        }
        for (int m = 0; m < ct.length; m++) {
            if (modalities.get(m).equalsIgnoreCase("CT")) {
                ct[m] = CtNormalization.fit(images, labels, m);
            }
        }
        return new Preprocessor(modalities, ct, targetSpacing);
    }

    /** The fitted CT normalisation of modality {@code m}, or {@code null} for a z-scored one. */
    public CtNormalization ctNormalization(int m) {
        return ct[m];
    }

    /** The preprocessed case. */
    public LoadedCase apply(LoadedCase c) {
        if (c.image().channels() != modalities.size()) {
            throw new IllegalArgumentException("case '" + c.id() + "' has " + c.image().channels() + " channels, expected "
                    + modalities.size());
        }
        ImageVolume image = c.image();
        for (int m = 0; m < modalities.size(); m++) {
            image = ct[m] != null ? ct[m].apply(image, m) : ZScoreNormalization.applyChannel(image, m, null);
        }
        LabelMap label = c.label();
        if (targetSpacing != null && !Arrays.equals(image.grid().spacing(), targetSpacing)) {
            image = Resampler.image(image, targetSpacing);
            label = label == null ? null : Resampler.labels(label, targetSpacing);
        }
        return new LoadedCase(c.id(), image, label);
    }

    /** Every case preprocessed, in order. */
    public List<LoadedCase> apply(List<LoadedCase> cases) {
        return cases.stream().map(this::apply).toList();
    }
}
