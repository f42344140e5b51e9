package org.lossbench.datasets.loader;

import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;

/** A case read from disk: all modalities as channels of one image, and its labels ({@code null} when unlabelled). */
public record LoadedCase(String id, ImageVolume image, LabelMap label) {
}
