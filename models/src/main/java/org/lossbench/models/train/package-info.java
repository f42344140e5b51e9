/**
 * Training (docs/training.md): the train-step graph (forward, loss, gradients, optimiser) and its ONNX Runtime
 * session, optimisers and learning-rate schedules, the loop with validation, checkpoints and the training card. Uses
 * {@code models.infer} for validation.
 */
package org.lossbench.models.train;

