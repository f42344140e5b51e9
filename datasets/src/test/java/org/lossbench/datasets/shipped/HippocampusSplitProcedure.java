package org.lossbench.datasets.shipped;

import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.lossbench.datasets.loader.Dataset;
import org.lossbench.datasets.spec.CaseSpec;
import org.lossbench.datasets.spec.Layout;
import org.lossbench.datasets.spec.SpecJson;
import org.lossbench.datasets.spec.SplitFile;
import org.lossbench.datasets.spec.Splits;
import org.lossbench.datasets.split.Splitter;
import org.lossbench.datasets.split.VolumeStrata;

/**
 * The procedure that made {@code builtin-data/msd-hippocampus/split.json}, run once and committed; the
 * file must never change (ShippedHippocampusTest pins its SHA-256 and checks that this procedure still
 * gives it). The 200 labelled cases are ranked by total hippocampus volume (labels 1 and 2, mm^3) and
 * cut into ten deciles of 20 cases ({@link VolumeStrata#quantiles}); {@link Splitter#trainValTest} with
 * fractions 0.7 / 0.1 / 0.2 and seed {@value #SEED} deals them out, which gives 140 / 20 / 40 cases and
 * 14 / 2 / 4 of every decile.
 *
 * <p>Run: {@code java -cp datasets/target/test-classes:datasets/target/classes:CLASSPATH
 * org.lossbench.datasets.shipped.HippocampusSplitProcedure builtin-data/msd-hippocampus}
 */
public final class HippocampusSplitProcedure {
    /** The seed: the digits of the Decathlon paper's arXiv id, 1902.09063. */
    public static final long SEED = 190209063L;
    public static final int DECILES = 10;
    public static final String DESCRIPTION = "ranked by total hippocampus volume (labels 1 and 2, mm^3; ties by case id), cut into "
            + DECILES + " deciles of equal count; org.lossbench.datasets.split.Splitter.trainValTest(strata, 0.7, 0.1, 0.2, seed)"
            + " with the decile as stratum (datasets/src/test/java/org/lossbench/datasets/shipped/HippocampusSplitProcedure.java)";

    private HippocampusSplitProcedure() {
    }

    /** Total hippocampus volume (mm^3) of every labelled case of the dataset at {@code root}. */
    public static SortedMap<String, Double> volumes(Path root) {
        Dataset ds = Dataset.open(root, Layout.MSD);
        SortedMap<String, Double> out = new TreeMap<>();
        for (CaseSpec c : ds.spec().cases()) {
            if (c.label() != null) {
                out.put(c.id(), VolumeStrata.foregroundVolume(ds.load(c).label()));
            }
        }
        return out;
    }

    /** The split of the cases with {@code volumes}. */
    public static SplitFile make(Map<String, Double> volumes) {
        Splits s = Splitter.trainValTest(VolumeStrata.quantiles(volumes, DECILES), 0.7, 0.1, 0.2, SEED);
        return new SplitFile(SplitFile.FORMAT, DESCRIPTION, SEED, s.train(), s.val(), s.test());
    }

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        SpecJson.write(root.resolve(SplitFile.NAME), make(volumes(root)));
    }
}
