package org.lossbench.datasets.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.datasets.phantom.LesionPhantom.Contrast;
import org.lossbench.datasets.phantom.LesionPhantom.Config;

/** The built-in synthetic datasets, and parallel generation of all their cases. */
public final class Phantoms {
    /** The seed used when none is given. */
    public static final long DEFAULT_SEED = 20_260_101L;

    private static final Modality CT = new Modality("CT", Modality.Noise.GAUSSIAN, 15, 0, 0.6);
    private static final Modality MR_T2 = new Modality("MR-T2", Modality.Noise.RICIAN, 0.05, 0.08, 0.6);

    public static final LesionPhantom TINY = new LesionPhantom(new Config("phantom-tiny",
            "CI-sized phantom: 4 cases of 32^3 at 1 mm, one MR-like contrast, background, organ, 1-2 lesions per case.",
            32, 1.0, 4,
            List.of(new Contrast(MR_T2, 0, 0.35, 0.45, 0, 0.10, 0.20, false)),
            false, 1, 2, 1.5, 3.0, 1.0, 0.10, 0.20));

    public static final LesionPhantom LESIONS = new LesionPhantom(new Config("phantom-lesions",
            "Default dataset: 40 cases of 64^3 at 1 mm, CT-like and T2-like MR; background, an organ (10-20% of the volume), "
                    + "a thin vessel, and 0-6 small lesions per case (radius 1-4 voxels, together under 0.1% of the voxels) "
                    + "whose contrast overlaps the organ's.",
            64, 1.0, 40,
            List.of(new Contrast(CT, -1000, 20, 60, 180, 10, 30, true),
                    new Contrast(MR_T2, 0, 0.35, 0.45, 0.15, 0.06, 0.18, false)),
            true, 0, 6, 1.0, 4.0, 0.001, 0.10, 0.20));

    public static final MultiOrganPhantom MULTIORGAN = new MultiOrganPhantom("phantom-multiorgan", 20);

    private static final Map<String, PhantomDataset> BUILT_IN = Map.of(
            TINY.name(), TINY, LESIONS.name(), LESIONS, MULTIORGAN.name(), MULTIORGAN);

    /**
     * {@link PhantomHash#ofAll} of each built-in generated with {@link #DEFAULT_SEED}: the published
     * data. {@code lossbench datasets verify NAME} regenerates and compares; they change only when a
     * generator changes on purpose (then docs/datasets.md says why).
     */
    private static final Map<String, String> REFERENCE_HASHES = Map.of(
            TINY.name(), "b2a2b1f3ac01812b760abab20e013b13423761ae4802cdbf7b8dbb666dbfbfaf",
            LESIONS.name(), "bae73acee9825455760a4a36b47fd03167e76d3b9e5f838064c8501f18754632",
            MULTIORGAN.name(), "262e8d78fc0bf9a9d59ca719f19329c3085cb801b470d239632a32abca30ddf7");

    private Phantoms() {
    }

    /** Names of the built-in phantoms, sorted. */
    public static List<String> names() {
        return BUILT_IN.keySet().stream().sorted().toList();
    }

    /** The reference hash of built-in {@code name} at {@link #DEFAULT_SEED}. */
    public static Optional<String> referenceHash(String name) {
        return Optional.ofNullable(REFERENCE_HASHES.get(name));
    }

    public static Optional<PhantomDataset> find(String name) {
        return Optional.ofNullable(BUILT_IN.get(name));
    }

    /**
     * Generates every case of {@code dataset} on {@code threads} threads; the result does not depend
     * on the thread count. {@code progress} is called with each finished case index.
     */
    public static List<PhantomCase> generateAll(PhantomDataset dataset, long seed, int threads, IntConsumer progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "phantom-" + dataset.name());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<PhantomCase>> futures = new ArrayList<>();
            for (int i = 0; i < dataset.caseCount(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    PhantomCase c = dataset.generate(seed, index);
                    progress.accept(index);
                    return c;
                }));
            }
            List<PhantomCase> out = new ArrayList<>();
            for (Future<PhantomCase> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LossbenchException(ExitCode.INTERNAL, "generation of " + dataset.name() + " was interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "generation of " + dataset.name() + " failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
