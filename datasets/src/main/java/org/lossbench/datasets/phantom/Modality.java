package org.lossbench.datasets.phantom;

/**
 * How one imaging modality of a phantom is acquired.
 *
 * @param name        modality name written to the dataset spec ("CT", "MR-T2", ...)
 * @param noise       the noise model
 * @param sigma       noise standard deviation of each Gaussian component, in image units
 * @param biasStrength standard deviation of the log bias-field coefficients (0: no bias field)
 * @param psfSigma    standard deviation of the Gaussian point-spread function, voxels
 */
record Modality(String name, Noise noise, double sigma, double biasStrength, double psfSigma) {
    /** Noise models. */
    enum Noise {
        /** Additive Gaussian noise, as in CT. */
        GAUSSIAN,
        /**
         * Rician noise, as in magnitude MR: {@code |s + n1 + i n2|} with {@code n1, n2 ~ N(0, sigma^2)}
         * (Gudbjartsson and Patz 1995).
         */
        RICIAN
    }
}
