/**
 * nnU-Net-style preprocessing (z-score or CT normalisation, resampling to a target spacing, cropping and
 * padding) and the {@link org.lossbench.datasets.preprocess.PreprocessingRecord} that travels with a model.
 */
package org.lossbench.datasets.preprocess;

