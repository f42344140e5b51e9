package org.lossbench.datasets.phantom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.datasets.Rng;
import org.lossbench.datasets.Seeds;

/**
 * Abdomen-like phantom: a body in air, one large organ (a modulated ellipsoid), optionally a thin
 * tortuous vessel, and small spherical lesions inside the organ whose contrast overlaps the organ's
 * under noise. Used for {@code phantom-lesions} (versions 1 and 2) and {@code phantom-tiny}; see
 * docs/datasets.md for the parameters.
 *
 * <p>Per case: geometry from {@code Seeds.random(seed, code(stream), index)}, noise of modality
 * {@code m} from {@code Seeds.random(seed, code(stream), index, 1000 + m)}; lesion counts are
 * {@link LesionCounts} dealt with {@code Seeds.random(seed, code(stream), -1)}. The stream name is
 * the family name for version 1 (the name it was published under before versions existed, which
 * keeps its bytes) and {@code family@version} from version 2 on, so versions share no random stream.
 */
public final class LesionPhantom implements PhantomDataset {
    /** Contrast of one modality: tissue intensities and the range of lesion-minus-organ differences. */
    public record Contrast(Modality modality, double air, double body, double organ, double vessel,
                           double lesionDeltaMin, double lesionDeltaMax, boolean lesionEitherSign) {
    }

    /**
     * Parameters of a lesion phantom.
     *
     * @param name         the built-in name ({@code phantom-lesions}, or {@code phantom-lesions@1} for a superseded version)
     * @param version      the generator version within its family (1, 2, ...)
     * @param lesionBudget upper bound on the lesion share of all voxels per case (exclusive)
     */
    public record Config(String name, int version, String description, int size, double spacing, int caseCount,
                         List<Contrast> contrasts, boolean vessel, LesionCounts lesionCounts, LesionSizing lesionSizing,
                         double lesionBudget, double organFractionMin, double organFractionMax) {
        public Config {
            if (version < 1) {
                throw new IllegalArgumentException("version must be >= 1, got " + version);
            }
        }
    }

    private static final int MAX_PLACEMENT_TRIES = 2000;

    private final Config config;
    private final long stream;
    private final Grid grid;
    private final SortedMap<Integer, String> labels;
    private final int lesionLabel;

    public LesionPhantom(Config config) {
        this.config = config;
        String family = PhantomName.familyOf(config.name());
        this.stream = Seeds.code(config.version() == 1 ? family : family + PhantomName.SEPARATOR + config.version());
        this.grid = Grid.of(config.size(), config.size(), config.size(), config.spacing(), config.spacing(), config.spacing());
        TreeMap<Integer, String> l = new TreeMap<>();
        l.put(0, "background");
        l.put(1, "organ");
        if (config.vessel()) {
            l.put(2, "vessel");
        }
        lesionLabel = l.size();
        l.put(lesionLabel, "lesion");
        this.labels = Collections.unmodifiableSortedMap(l);
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public int version() {
        return config.version();
    }

    @Override
    public String description() {
        return config.description();
    }

    @Override
    public List<String> modalities() {
        return config.contrasts().stream().map(c -> c.modality().name()).toList();
    }

    @Override
    public SortedMap<Integer, String> labels() {
        return labels;
    }

    @Override
    public Grid grid() {
        return grid;
    }

    @Override
    public int caseCount() {
        return config.caseCount();
    }

    /** The label id of lesions. */
    public int lesionLabel() {
        return lesionLabel;
    }

    /** Number of lesions case {@code index} gets under {@code seed}. */
    public int lesionCount(long seed, int index) {
        return config.lesionCounts().deal(config.caseCount(), Seeds.random(seed, stream, -1))[index];
    }

    @Override
    public PhantomCase generate(long seed, int index) {
        if (index < 0 || index >= config.caseCount()) {
            throw new IndexOutOfBoundsException("case " + index + " of " + name() + " (" + config.caseCount() + " cases)");
        }
        SplittableRandom rnd = Seeds.random(seed, stream, index);
        List<Contrast> contrasts = config.contrasts();
        int nm = contrasts.size();
        double n = config.size();
        double c = (n - 1) / 2.0;
        float[] air = new float[nm];
        for (int m = 0; m < nm; m++) {
            air[m] = (float) contrasts.get(m).air();
        }
        Canvas canvas = new Canvas(grid, air);

        Ellipsoid body = new Ellipsoid(
                new double[] {c + Rng.uniform(rnd, -0.02, 0.02) * n, c + Rng.uniform(rnd, -0.02, 0.02) * n, c},
                new double[] {Rng.uniform(rnd, 0.75, 0.85) * n, Rng.uniform(rnd, 0.40, 0.46) * n, Rng.uniform(rnd, 0.44, 0.48) * n},
                Ellipsoid.rotation(0, 0, 0), modulation(rnd, 2, 0.01, 0.02));
        canvas.paint(body, 0, tissue(contrasts, Contrast::body));

        Ellipsoid organ = organ(rnd, n, c);
        canvas.paint(organ, 1, tissue(contrasts, Contrast::organ));

        Tube vessel = null;
        if (config.vessel()) {
            vessel = vessel(rnd, n, c);
            canvas.paint(vessel, 2, tissue(contrasts, Contrast::vessel));
        }

        List<Lesion> lesions = placeLesions(rnd, canvas, organ, vessel, lesionCount(seed, index), contrasts);

        float[] data = new float[nm * grid.voxelCount()];
        for (int m = 0; m < nm; m++) {
            float[] channel = canvas.tissue()[m];
            Acquisition.acquire(grid, channel, contrasts.get(m).modality(), Seeds.random(seed, stream, index, 1000 + m));
            System.arraycopy(channel, 0, data, m * grid.voxelCount(), channel.length);
        }
        ImageVolume image = new ImageVolume(grid, nm, data);
        LabelMap label = LabelMap.of(grid, canvas.labels());
        return new PhantomCase(caseId(index), image, label, lesions, "lesions=" + lesions.size());
    }

    private Ellipsoid organ(SplittableRandom rnd, double n, double c) {
        double az = Rng.uniform(rnd, 0.85, 1.15);
        double ay = Rng.uniform(rnd, 0.85, 1.15);
        double ax = Rng.uniform(rnd, 0.85, 1.15);
        double lo = config.organFractionMin();
        double hi = config.organFractionMax();
        double margin = 0.2 * (hi - lo);
        double fraction = Rng.uniform(rnd, lo + margin, hi - margin);
        double r0 = StrictMath.cbrt(fraction * n * n * n / (4.0 / 3.0 * Math.PI * az * ay * ax));
        double jitter = 0.05 * n;
        double[] centre = {c + Rng.uniform(rnd, -jitter, jitter), c + Rng.uniform(rnd, -jitter, jitter), c + Rng.uniform(rnd, -jitter, jitter)};
        double[] rotation = Ellipsoid.rotation(Rng.uniform(rnd, 0, Math.PI), Rng.uniform(rnd, 0, Math.PI), Rng.uniform(rnd, 0, Math.PI));
        return new Ellipsoid(centre, new double[] {r0 * az, r0 * ay, r0 * ax}, rotation, modulation(rnd, 3, 0.015, 0.03));
    }

    /** {@code terms} random smooth radial modulations {@code a sin(f . n + phi)}, {@code a ~ U(lo, hi)}. */
    private static double[][] modulation(SplittableRandom rnd, int terms, double lo, double hi) {
        double[][] out = new double[terms][];
        for (int k = 0; k < terms; k++) {
            out[k] = new double[] {Rng.uniform(rnd, lo, hi), Rng.uniform(rnd, -3, 3), Rng.uniform(rnd, -3, 3),
                Rng.uniform(rnd, -3, 3), Rng.uniform(rnd, 0, 2 * Math.PI)};
        }
        return out;
    }

    /** A vessel running along z with sinusoidal excursions in y and x. */
    private Tube vessel(SplittableRandom rnd, double n, double c) {
        double cy = c + Rng.uniform(rnd, -0.15, 0.15) * n;
        double cx = c + Rng.uniform(rnd, -0.15, 0.15) * n;
        double ayAmp = Rng.uniform(rnd, 0.08, 0.18) * n;
        double axAmp = Rng.uniform(rnd, 0.08, 0.18) * n;
        double wy = Rng.uniform(rnd, 3, 6) / n;
        double wx = Rng.uniform(rnd, 3, 6) / n;
        double py = Rng.uniform(rnd, 0, 2 * Math.PI);
        double px = Rng.uniform(rnd, 0, 2 * Math.PI);
        double radius = Rng.uniform(rnd, 1.0, 1.6);
        int steps = (int) (2 * n) + 8;
        double[][] pts = new double[steps + 1][];
        for (int s = 0; s <= steps; s++) {
            double z = -2 + (n + 3) * s / steps;
            pts[s] = new double[] {z, cy + ayAmp * StrictMath.sin(wy * z + py), cx + axAmp * StrictMath.sin(wx * z + px)};
        }
        return new Tube(grid, pts, radius, config.lesionSizing().maxRadius(config.spacing()) + 4);
    }

    private List<Lesion> placeLesions(SplittableRandom rnd, Canvas canvas, Ellipsoid organ, Tube vessel, int count,
                                      List<Contrast> contrasts) {
        long budget = (long) Math.ceil(config.lesionBudget() * grid.voxelCount()) - 1; // strictly below the share
        long used = 0;
        List<double[]> placed = new ArrayList<>(); // {z, y, x, r}
        List<Lesion> lesions = new ArrayList<>();
        int[] ob = organ.bounds();
        LesionSizing sizing = config.lesionSizing();
        double s = config.spacing();
        int sizeClass = sizing.chooseClass(rnd);
        for (int tries = 0; lesions.size() < count && tries < MAX_PLACEMENT_TRIES; tries++) {
            double r = sizing.draw(rnd, sizeClass, s);
            double z = Rng.uniform(rnd, Math.max(1, ob[0]), Math.min(grid.depth() - 2, ob[1]));
            double y = Rng.uniform(rnd, Math.max(1, ob[2]), Math.min(grid.height() - 2, ob[3]));
            double x = Rng.uniform(rnd, Math.max(1, ob[4]), Math.min(grid.width() - 2, ob[5]));
            if (organ.distance(z, y, x) > -(r + 1.5) || !clear(placed, z, y, x, r)) {
                continue;
            }
            if (vessel != null && vessel.distance(Math.round(z), Math.round(y), Math.round(x)) < r + 2.5) {
                continue;
            }
            r = sizing.fit(sizeClass, r, s, budget - used, radius -> insideCount(new Ball(z, y, x, radius)));
            if (Double.isNaN(r)) {
                continue;
            }
            Ball ball = new Ball(z, y, x, r);
            double[] intensity = new double[contrasts.size()];
            for (int m = 0; m < intensity.length; m++) {
                Contrast ct = contrasts.get(m);
                double delta = Rng.uniform(rnd, ct.lesionDeltaMin(), ct.lesionDeltaMax());
                if (ct.lesionEitherSign() && rnd.nextBoolean()) {
                    delta = -delta;
                }
                intensity[m] = ct.organ() + delta;
            }
            int painted = canvas.paint(ball, lesionLabel, intensity);
            used += painted;
            placed.add(new double[] {z, y, x, r});
            lesions.add(new Lesion(lesions.size() + 1, new double[] {z, y, x}, grid.affine().apply(x, y, z), r * s, painted,
                    painted * grid.voxelVolume()));
            sizeClass = sizing.chooseClass(rnd);
        }
        return lesions;
    }

    /** Lesions are at least 2 voxels apart, so each is its own connected component. */
    private static boolean clear(List<double[]> placed, double z, double y, double x, double r) {
        for (double[] p : placed) {
            double dz = z - p[0];
            double dy = y - p[1];
            double dx = x - p[2];
            if (Math.sqrt(dz * dz + dy * dy + dx * dx) < r + p[3] + 2) {
                return false;
            }
        }
        return true;
    }

    private int insideCount(Ball ball) {
        int[] b = ball.bounds();
        int count = 0;
        for (int z = Math.max(0, b[0]); z <= Math.min(grid.depth() - 1, b[1]); z++) {
            for (int y = Math.max(0, b[2]); y <= Math.min(grid.height() - 1, b[3]); y++) {
                for (int x = Math.max(0, b[4]); x <= Math.min(grid.width() - 1, b[5]); x++) {
                    if (ball.distance(z, y, x) < 0) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    private static double[] tissue(List<Contrast> contrasts, java.util.function.ToDoubleFunction<Contrast> f) {
        return contrasts.stream().mapToDouble(f).toArray();
    }
}
