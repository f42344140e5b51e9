package org.lossbench.datasets.augment;

import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;

/** An image (channels = modalities) and its label map on the same grid; the unit augmentations work on. */
public record Sample(ImageVolume image, LabelMap label) {
    public Sample {
        if (label != null && !label.grid().equals(image.grid())) {
            throw new IllegalArgumentException("image " + image.grid() + " and label " + label.grid() + " differ");
        }
    }
}
