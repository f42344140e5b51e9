/**
 * The V-Net family as ONNX graph builders (V-Net, vnet-lite) with seeded initialisation, and what travels with
 * a model file: its card ({@link org.lossbench.models.arch.ModelCard}) and the trained parameters and preprocessing
 * record put into its graph ({@link org.lossbench.models.arch.TrainedModel}).
 */
package org.lossbench.models.arch;

