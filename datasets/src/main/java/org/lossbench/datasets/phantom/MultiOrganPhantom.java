package org.lossbench.datasets.phantom;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.datasets.Seeds;
import org.lossbench.datasets.augment.BSplineField;

/**
 * Head-like phantom with many structures whose volume fractions span about three orders of
 * magnitude (from about 0.05% to about 30% of the volume), in the spirit of the 19-structure brain
 * set of Wong et al. 2018 ("3D segmentation with exponential logarithmic loss", MICCAI). The layout
 * is fixed; each case warps it by a random smooth B-spline deformation (see {@link BSplineField})
 * and draws its own bias field and Rician noise in two MR contrasts (T1-like and T2-like).
 */
public final class MultiOrganPhantom implements PhantomDataset {
    /** One structure of the layout, in voxels of the 64^3 reference grid; painted in table order. */
    record Structure(String name, double[] centre, double[] radii, double t1, double t2) {
    }

    static final List<Structure> LAYOUT = List.of(
            s("scalp", 31.5, 31.5, 31.5, 31.5, 31.5, 31.5, 0.80, 0.55),
            s("skull", 31.5, 31.5, 31.5, 30.3, 30.3, 30.3, 0.08, 0.05),
            s("csf", 31.5, 31.5, 31.5, 29.2, 29.2, 29.2, 0.15, 0.95),
            s("cortex", 31.5, 31.5, 31.5, 28.3, 28.3, 28.3, 0.45, 0.65),
            s("white-matter", 31.5, 31.5, 31.5, 26.6, 26.6, 26.6, 0.75, 0.40),
            s("cerebellum", 18, 42, 31.5, 7, 8, 14, 0.55, 0.60),
            s("brainstem", 16, 36, 31.5, 9, 4, 4, 0.65, 0.50),
            s("ventricle-left", 36, 30, 26.5, 8, 7, 3, 0.15, 0.95),
            s("ventricle-right", 36, 30, 36.5, 8, 7, 3, 0.15, 0.95),
            s("thalamus-left", 30, 33, 27, 4, 4, 3, 0.58, 0.55),
            s("thalamus-right", 30, 33, 36, 4, 4, 3, 0.58, 0.55),
            s("caudate-left", 38, 24, 24, 3.5, 3, 2.5, 0.52, 0.60),
            s("caudate-right", 38, 24, 39, 3.5, 3, 2.5, 0.52, 0.60),
            s("third-ventricle", 30, 30, 31.5, 5, 3, 1.5, 0.15, 0.95),
            s("hippocampus-left", 24, 34, 21, 2.5, 4, 2.2, 0.50, 0.62),
            s("hippocampus-right", 24, 34, 42, 2.5, 4, 2.2, 0.50, 0.62),
            s("pineal", 29, 39, 31.5, 3.1, 3.1, 3.1, 0.60, 0.70));

    private static final List<Modality> MODALITIES = List.of(
            new Modality("MR-T1", Modality.Noise.RICIAN, 0.04, 0.08, 0.6),
            new Modality("MR-T2", Modality.Noise.RICIAN, 0.05, 0.08, 0.6));

    private static final int CONTROL_POINTS = 6;
    private static final double DEFORMATION_SIGMA = 1.2;

    private final String name;
    private final int caseCount;
    private final Grid grid;
    private final SortedMap<Integer, String> labels;

    public MultiOrganPhantom(String name, int caseCount) {
        this.name = name;
        this.caseCount = caseCount;
        this.grid = Grid.of(64, 64, 64);
        TreeMap<Integer, String> l = new TreeMap<>();
        l.put(0, "background");
        for (int i = 0; i < LAYOUT.size(); i++) {
            l.put(i + 1, LAYOUT.get(i).name());
        }
        this.labels = Collections.unmodifiableSortedMap(l);
    }

    private static Structure s(String name, double cz, double cy, double cx, double rz, double ry, double rx, double t1, double t2) {
        return new Structure(name, new double[] {cz, cy, cx}, new double[] {rz, ry, rx}, t1, t2);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "Head-like phantom with " + LAYOUT.size() + " structures spanning about 0.05% to 30% of the volume; "
                + "fixed layout warped by a random smooth B-spline deformation per case; T1- and T2-like MR with "
                + "Rician noise and a smooth bias field.";
    }

    @Override
    public List<String> modalities() {
        return MODALITIES.stream().map(Modality::name).toList();
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
        return caseCount;
    }

    @Override
    public PhantomCase generate(long seed, int index) {
        if (index < 0 || index >= caseCount) {
            throw new IndexOutOfBoundsException("case " + index + " of " + name + " (" + caseCount + " cases)");
        }
        SplittableRandom rnd = Seeds.random(seed, Seeds.code(name), index);
        float[][] warp = BSplineField.random(grid.shape(), CONTROL_POINTS, DEFORMATION_SIGMA, rnd);
        double margin = 0;
        for (float[] u : warp) {
            for (float v : u) {
                margin = Math.max(margin, Math.abs(v));
            }
        }
        Canvas canvas = new Canvas(grid, new float[] {0, 0}, warp, margin);
        for (int i = 0; i < LAYOUT.size(); i++) {
            Structure st = LAYOUT.get(i);
            canvas.paint(Ellipsoid.axisAligned(st.centre(), st.radii()), i + 1, new double[] {st.t1(), st.t2()});
        }
        int n = grid.voxelCount();
        float[] data = new float[MODALITIES.size() * n];
        for (int m = 0; m < MODALITIES.size(); m++) {
            float[] channel = canvas.tissue()[m];
            Acquisition.acquire(grid, channel, MODALITIES.get(m), Seeds.random(seed, Seeds.code(name), index, 1000 + m));
            System.arraycopy(channel, 0, data, m * n, n);
        }
        return new PhantomCase(caseId(index), new ImageVolume(grid, MODALITIES.size(), data), LabelMap.of(grid, canvas.labels()),
                List.of(), "all");
    }
}
