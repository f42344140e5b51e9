package org.lossbench.datasets.phantom;

import java.util.List;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;

/**
 * One generated case: a multi-channel image (one channel per modality), its label map, and the
 * ground-truth lesion list (empty for phantoms without lesions).
 *
 * @param stratum a coarse description of the case's small structures, used to stratify splits
 */
public record PhantomCase(String id, ImageVolume image, LabelMap label, List<Lesion> lesions, String stratum) {
    public PhantomCase {
        lesions = List.copyOf(lesions);
    }

    /** The case as the loaders return cases (for training directly from memory). */
    public org.lossbench.datasets.loader.LoadedCase asLoaded() {
        return new org.lossbench.datasets.loader.LoadedCase(id, image, label);
    }
}
