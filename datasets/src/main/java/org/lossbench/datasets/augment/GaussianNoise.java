package org.lossbench.datasets.augment;

import java.util.SplittableRandom;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.datasets.Rng;

/** With probability {@code p}, adds {@code N(0, sigma^2)} noise, {@code sigma} uniform in {@code [0, maxSigma]} (nnU-Net: 0.1 on z-scored images). */
public record GaussianNoise(double maxSigma, double p) implements Transform {
    @Override
    public Sample apply(Sample s, SplittableRandom random) {
        boolean on = random.nextDouble() < p;
        double sigma = Rng.uniform(random, 0, maxSigma);
        if (!on) {
            return s;
        }
        ImageVolume img = s.image();
        float[] out = img.data().clone();
        double[] g = new double[out.length];
        Rng.gaussians(random, g);
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (out[i] + sigma * g[i]);
        }
        return new Sample(new ImageVolume(img.grid(), img.channels(), out), s.label());
    }
}
