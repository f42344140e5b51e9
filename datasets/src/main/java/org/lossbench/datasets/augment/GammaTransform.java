package org.lossbench.datasets.augment;

import java.util.SplittableRandom;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.datasets.Rng;

/**
 * With probability {@code p} per channel, a gamma curve on the channel's own range, as in nnU-Net:
 * {@code x' = min + (max - min) ((x - min) / (max - min))^gamma}, {@code gamma} uniform in
 * {@code [gammaMin, gammaMax]}. Minimum and maximum are preserved.
 */
public record GammaTransform(double gammaMin, double gammaMax, double p) implements Transform {
    @Override
    public Sample apply(Sample s, SplittableRandom random) {
        ImageVolume img = s.image();
        int n = img.grid().voxelCount();
        float[] out = img.data().clone();
        for (int c = 0; c < img.channels(); c++) {
            boolean on = random.nextDouble() < p;
            double gamma = Rng.uniform(random, gammaMin, gammaMax);
            if (!on) {
                continue;
            }
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = c * n; i < (c + 1) * n; i++) {
                min = Math.min(min, out[i]);
                max = Math.max(max, out[i]);
            }
            double range = max - min;
            if (!(range > 0)) {
                continue;
            }
            for (int i = c * n; i < (c + 1) * n; i++) {
                out[i] = (float) (min + range * StrictMath.pow((out[i] - min) / range, gamma));
            }
        }
        return new Sample(new ImageVolume(img.grid(), img.channels(), out), s.label());
    }
}
