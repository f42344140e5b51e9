package org.lossbench.datasets.phantom;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.datasets.phantom.LesionPhantom.Contrast;
import org.lossbench.datasets.phantom.LesionPhantom.Config;
import org.lossbench.datasets.phantom.LesionSizing.LogUniformRadius;
import org.lossbench.datasets.phantom.LesionSizing.SizeClasses;
import org.lossbench.datasets.phantom.LesionSizing.SizeClasses.SizeClass;

/**
 * The built-in synthetic datasets, their versions and reference hashes, and parallel generation of
 * all their cases.
 *
 * <p>Names: a family name means its current version ({@code phantom-lesions} is version 2);
 * {@code family@version} names a version explicitly ({@code phantom-lesions@1}, the superseded
 * version 1; {@code phantom-lesions@2} and {@code phantom-tiny@1} are aliases of the current ones).
 * {@link #find} resolves both forms and is what every command that takes a dataset name goes
 * through; a family with no such version is a usage error that lists the versions there are.
 */
public final class Phantoms {
    /** The seed used when none is given. */
    public static final long DEFAULT_SEED = 20_260_101L;

    private static final Modality CT = new Modality("CT", Modality.Noise.GAUSSIAN, 15, 0, 0.6);
    private static final Modality MR_T2 = new Modality("MR-T2", Modality.Noise.RICIAN, 0.05, 0.08, 0.6);
    private static final List<Contrast> ABDOMEN = List.of(new Contrast(CT, -1000, 20, 60, 180, 10, 30, true),
            new Contrast(MR_T2, 0, 0.35, 0.45, 0.15, 0.06, 0.18, false));

    public static final LesionPhantom TINY = new LesionPhantom(new Config("phantom-tiny", 1,
            "CI-sized phantom: 4 cases of 32^3 at 1 mm, one MR-like contrast, background, organ, 1-2 lesions per case.",
            32, 1.0, 4,
            List.of(new Contrast(MR_T2, 0, 0.35, 0.45, 0, 0.10, 0.20, false)),
            false, new LesionCounts(0, 1, 2), new LogUniformRadius(1.5, 3.0), 1.0, 0.10, 0.20));

    /** Version 1 of {@code phantom-lesions}, superseded by {@link #LESIONS}; kept byte-identical for the published zoo v1 results. */
    public static final LesionPhantom LESIONS_V1 = new LesionPhantom(new Config("phantom-lesions@1", 1,
            "Version 1 of phantom-lesions, superseded by version 2 (phantom-lesions) and kept, byte-identical, because the "
                    + "published zoo v1 results were computed on it: 40 cases of 64^3 at 1 mm, CT-like and T2-like MR; background, "
                    + "an organ (10-20% of the volume), a thin vessel, and 0-6 small lesions per case (radius 1-4 voxels, together "
                    + "under 0.1% of the voxels) whose contrast overlaps the organ's. Its test split holds only 24 lesions.",
            64, 1.0, 40, ABDOMEN, true, new LesionCounts(0, 0, 6), new LogUniformRadius(1.0, 4.0), 0.001, 0.10, 0.20));

    /**
     * Version 2 of {@code phantom-lesions}, the default dataset: version 1's anatomy and contrasts, but
     * 12-30 lesions in 36 of the 40 cases (4 have none), each drawn in a size class (equivalent
     * diameter 2-3, 3-6 or 6-9 mm, weights 0.52, 0.40, 0.08), so that the 8-case test split holds
     * enough lesions per size bin (docs/datasets.md, docs/decisions.md).
     */
    public static final LesionPhantom LESIONS = new LesionPhantom(new Config("phantom-lesions", 2,
            "Default dataset (version 2): 40 cases of 64^3 at 1 mm, CT-like and T2-like MR; background, an organ (10-20% of "
                    + "the volume), a thin vessel, and 12-30 lesions per case in 36 cases (4 have none), at least 2 voxels apart, "
                    + "of equivalent diameter 2-3 mm (weight 0.52), 3-6 mm (0.40) or 6-9 mm (0.08), together under 1% of the "
                    + "voxels, with a contrast that overlaps the organ's. Supersedes phantom-lesions@1.",
            64, 1.0, 40, ABDOMEN, true, new LesionCounts(4, 12, 30),
            new SizeClasses(List.of(new SizeClass(2, 3, 0.52), new SizeClass(3, 6, 0.40), new SizeClass(6, 9, 0.08))),
            0.01, 0.10, 0.20));

    public static final MultiOrganPhantom MULTIORGAN = new MultiOrganPhantom("phantom-multiorgan", 20);

    private static final Map<String, PhantomDataset> BUILT_IN = Map.of(
            TINY.name(), TINY, LESIONS_V1.name(), LESIONS_V1, LESIONS.name(), LESIONS, MULTIORGAN.name(), MULTIORGAN);

    /**
     * {@link PhantomHash#ofAll} of each built-in generated with {@link #DEFAULT_SEED}: the published
     * data. {@code lossbench datasets verify NAME} regenerates and compares. A generator that changes
     * on purpose becomes a new version with a hash of its own; the old version keeps its hash
     * (docs/datasets.md says why each version exists).
     */
    private static final Map<String, String> REFERENCE_HASHES = Map.of(
            TINY.name(), "b2a2b1f3ac01812b760abab20e013b13423761ae4802cdbf7b8dbb666dbfbfaf",
            LESIONS_V1.name(), "bae73acee9825455760a4a36b47fd03167e76d3b9e5f838064c8501f18754632",
            LESIONS.name(), "ce5c73213e499fbbe9832c69cfb2789223359ee7d1dccd4ce0220afa32d6ebc0",
            MULTIORGAN.name(), "262e8d78fc0bf9a9d59ca719f19329c3085cb801b470d239632a32abca30ddf7");

    private Phantoms() {
    }

    /** Names of the built-in phantoms (superseded versions as {@code family@version}), sorted. */
    public static List<String> names() {
        return BUILT_IN.keySet().stream().sorted().toList();
    }

    /** The reference hash of built-in {@code name} (either form, see {@link #find}) at {@link #DEFAULT_SEED}. */
    public static Optional<String> referenceHash(String name) {
        return find(name).map(d -> REFERENCE_HASHES.get(d.name()));
    }

    /**
     * The built-in called {@code name}: a built-in name as {@link #names} lists it, or
     * {@code family@version} of a built-in family. Empty when {@code name} is no built-in family.
     *
     * @throws LossbenchException (usage) when the family is built in but has no such version, or the
     *         version is not a positive integer
     */
    public static Optional<PhantomDataset> find(String name) {
        PhantomDataset exact = BUILT_IN.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        List<PhantomDataset> family = family(PhantomName.familyOf(name));
        if (family.isEmpty() || name.indexOf(PhantomName.SEPARATOR) < 0) {
            return Optional.empty();
        }
        PhantomName n = PhantomName.parse(name);
        return Optional.of(family.stream().filter(d -> d.version() == n.version()).findFirst().orElseThrow(() ->
                new LossbenchException(ExitCode.USAGE, "dataset '" + name + "': " + n.family() + " has no version " + n.version()
                        + "; its versions are " + family.stream().map(Phantoms::versionNote).collect(Collectors.joining(", ")))));
    }

    /**
     * The built-in of the family of {@code name} whose reference hash is {@code hash}, by the name that
     * selects it (the plain family name for the current version, {@code family@version} otherwise); empty
     * when {@code name} is no built-in family or no version has that hash. A model card records the
     * name it was trained with and the data's hash; the hash says which version that name meant then.
     */
    public static Optional<String> nameOfVersionWithHash(String name, String hash) {
        if (name.indexOf(PhantomName.SEPARATOR) < 0 && !BUILT_IN.containsKey(name)) {
            return Optional.empty();
        }
        return family(PhantomName.familyOf(name)).stream().filter(d -> REFERENCE_HASHES.get(d.name()).equals(hash))
                .map(PhantomDataset::name).findFirst();
    }

    /** The name of the current version when {@code dataset} is a superseded version of its family, else empty. */
    public static Optional<String> supersededBy(PhantomDataset dataset) {
        PhantomDataset current = family(PhantomName.familyOf(dataset.name())).get(0);
        return current == dataset ? Optional.empty() : Optional.of(current.name());
    }

    /** The explicit {@code family@version} name of {@code dataset} (an alias of the current version's plain name). */
    public static String versionedName(PhantomDataset dataset) {
        return new PhantomName(PhantomName.familyOf(dataset.name()), dataset.version()).toString();
    }

    /** The built-ins of {@code family}, newest version first. */
    private static List<PhantomDataset> family(String family) {
        return BUILT_IN.values().stream().filter(d -> PhantomName.familyOf(d.name()).equals(family))
                .sorted(Comparator.comparingInt(PhantomDataset::version).reversed()).toList();
    }

    private static String versionNote(PhantomDataset d) {
        String v = versionedName(d);
        return supersededBy(d).isPresent() ? v + " (superseded)" : v + " (= " + d.name() + ")";
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
