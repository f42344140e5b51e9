package org.lossbench.datasets.phantom;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleToIntFunction;
import org.lossbench.datasets.Rng;

/**
 * How a lesion phantom sizes its lesions. For each lesion it first chooses a size class
 * ({@link #chooseClass}, once per lesion), then, on every placement try, draws a nominal radius in
 * that class ({@link #draw}) and, once a centre has been found, decides the radius actually painted
 * or rejects the try ({@link #fit}). Radii are in voxels.
 */
public sealed interface LesionSizing permits LesionSizing.LogUniformRadius, LesionSizing.SizeClasses {
    /** The largest radius, voxels, that {@link #draw} can give at {@code spacing} mm. */
    double maxRadius(double spacing);

    /** The size class of the next lesion. */
    int chooseClass(SplittableRandom random);

    /** Draws a nominal radius in voxels for a lesion of size class {@code sizeClass}. */
    double draw(SplittableRandom random, int sizeClass, double spacing);

    /**
     * The radius, voxels, to paint for a lesion of class {@code sizeClass} and nominal radius
     * {@code r} at the centre found, or {@code NaN} to reject this try.
     *
     * @param free   labelled lesion voxels still allowed in the case (the budget left)
     * @param inside the number of voxels a ball of a given radius at that centre would label
     */
    double fit(int sizeClass, double r, double spacing, long free, DoubleToIntFunction inside);

    /**
     * Version 1 of {@code phantom-lesions} and {@code phantom-tiny}: one class, radius log-uniform in
     * {@code [min, max)} voxels (as many lesions per octave of size); a lesion that would break the
     * budget is shrunk by 15% steps (not below {@code min}) or, failing that, rejected.
     */
    record LogUniformRadius(double min, double max) implements LesionSizing {
        @Override
        public double maxRadius(double spacing) {
            return max;
        }

        /** Always class 0; draws nothing, so the random stream is the one version 1 was published with. */
        @Override
        public int chooseClass(SplittableRandom random) {
            return 0;
        }

        @Override
        public double draw(SplittableRandom random, int sizeClass, double spacing) {
            return Rng.logUniform(random, min, max);
        }

        @Override
        public double fit(int sizeClass, double r, double spacing, long free, DoubleToIntFunction inside) {
            int voxels = inside.applyAsInt(r);
            while (voxels > free && r > min) {
                r = Math.max(min, r * 0.85);
                voxels = inside.applyAsInt(r);
            }
            return voxels > free ? Double.NaN : r;
        }
    }

    /**
     * Version 2 of {@code phantom-lesions}: each lesion draws a size class with probability
     * proportional to its weight and keeps it until it is placed; each try draws a radius
     * log-uniform in {@code [d_min / 2, d_max / 2)} mm. A try is kept only when the
     * equivalent-sphere diameter of the voxels the lesion labels, {@code (6 n v / pi)^(1/3)} for
     * {@code n} voxels of volume {@code v} mm^3 (the evaluator's lesion size, docs/metrics.md), lies
     * in {@code [d_min, d_max)} and the budget allows it. So every lesion lands in the size class it
     * drew, and the classes' shares follow their weights whatever the placement rejects.
     */
    record SizeClasses(List<SizeClass> classes) implements LesionSizing {
        /** Lesions of equivalent diameter {@code [minDiameterMm, maxDiameterMm)}, drawn with relative {@code weight}. */
        public record SizeClass(double minDiameterMm, double maxDiameterMm, double weight) {
            public SizeClass {
                if (!(minDiameterMm > 0 && maxDiameterMm > minDiameterMm && weight > 0)) {
                    throw new IllegalArgumentException("a size class needs 0 < min < max diameter and weight > 0, got "
                            + minDiameterMm + ", " + maxDiameterMm + ", " + weight);
                }
            }

            /** Whether a lesion of {@code voxels} voxels of volume {@code voxelVolume} mm^3 belongs to this class. */
            public boolean holds(int voxels, double voxelVolume) {
                double d = StrictMath.cbrt(6 * voxels * voxelVolume / Math.PI);
                return d >= minDiameterMm && d < maxDiameterMm;
            }
        }

        public SizeClasses {
            classes = List.copyOf(classes);
            if (classes.isEmpty()) {
                throw new IllegalArgumentException("at least one size class");
            }
            for (int i = 1; i < classes.size(); i++) {
                if (classes.get(i).minDiameterMm() < classes.get(i - 1).maxDiameterMm()) {
                    throw new IllegalArgumentException("size classes must be sorted and disjoint: " + classes);
                }
            }
        }

        @Override
        public double maxRadius(double spacing) {
            return classes.get(classes.size() - 1).maxDiameterMm() / 2 / spacing;
        }

        /** The class that a uniform {@code u = nextDouble()} selects by cumulative weight. */
        @Override
        public int chooseClass(SplittableRandom random) {
            double total = classes.stream().mapToDouble(SizeClass::weight).sum();
            double t = random.nextDouble() * total;
            for (int k = 0; k < classes.size() - 1; k++) {
                t -= classes.get(k).weight();
                if (t < 0) {
                    return k;
                }
            }
            return classes.size() - 1;
        }

        @Override
        public double draw(SplittableRandom random, int sizeClass, double spacing) {
            SizeClass c = classes.get(sizeClass);
            return Rng.logUniform(random, c.minDiameterMm() / 2, c.maxDiameterMm() / 2) / spacing;
        }

        @Override
        public double fit(int sizeClass, double r, double spacing, long free, DoubleToIntFunction inside) {
            int voxels = inside.applyAsInt(r);
            return voxels <= free && classes.get(sizeClass).holds(voxels, spacing * spacing * spacing) ? r : Double.NaN;
        }
    }
}
