package org.lossbench.datasets.sampling;

/**
 * A training batch in the layouts of the model and loss contracts (docs/design.md): images float32
 * {@code [N, C, D, H, W]} and integer labels {@code [N, D, H, W]}, both C order.
 *
 * @param index      the batch number it was drawn for
 * @param shape      {@code {N, C, D, H, W}}
 * @param caseIds    the case each patch was cut from
 * @param foreground whether each patch was forced to centre on a foreground voxel
 */
public record Batch(long index, float[] images, int[] labels, int[] shape, String[] caseIds, boolean[] foreground) {
}
