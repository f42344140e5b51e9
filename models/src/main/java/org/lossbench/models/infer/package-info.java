/**
 * Inference (docs/models.md): the model contract check, sliding-window inference with blending, the CPU
 * rewrites of 3D convolutions, and how a raw image is preprocessed for a model.
 */
package org.lossbench.models.infer;

