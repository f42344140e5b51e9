package org.lossbench.models.infer;

import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;

/**
 * The result of inference on one image, on the image's grid.
 *
 * @param labels argmax of the blended class probabilities
 * @param probabilities the blended probabilities {@code [K][D][H][W]} (null unless asked for)
 * @param classes {@code K}
 * @param modelGaveProbabilities whether the model output probabilities rather than logits
 * @param windows number of model evaluations (windows times mirror variants)
 */
public record Segmentation(LabelMap labels, ImageVolume probabilities, int classes, boolean modelGaveProbabilities, int windows) {
}
