package org.lossbench.datasets.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.lossbench.core.volume.ImageVolume;

/** A sequence of transforms applied in order with one generator. */
public final class Augmentation implements Transform {
    private final List<Transform> transforms;

    public Augmentation(List<Transform> transforms) {
        this.transforms = List.copyOf(transforms);
    }

    /**
     * The default training pipeline: spatial (rotation, zoom, B-spline deformation), flips, 90-degree
     * rotations, histogram matching to a random reference (when references are given), gamma,
     * Gaussian noise. Probabilities and ranges follow nnU-Net; see docs/datasets.md.
     */
    public static Augmentation standard(List<ImageVolume> references) {
        List<Transform> t = new ArrayList<>();
        t.add(SpatialTransform.defaults());
        t.add(new Flip(0.5));
        t.add(new Rotate90(0.2));
        if (!references.isEmpty()) {
            t.add(new HistogramMatching(references, 0.2));
        }
        t.add(new GammaTransform(0.7, 1.5, 0.3));
        t.add(new GaussianNoise(0.1, 0.1));
        return new Augmentation(t);
    }

    public List<Transform> transforms() {
        return transforms;
    }

    @Override
    public Sample apply(Sample sample, SplittableRandom random) {
        Sample s = sample;
        for (Transform t : transforms) {
            s = t.apply(s, random);
        }
        return s;
    }
}
