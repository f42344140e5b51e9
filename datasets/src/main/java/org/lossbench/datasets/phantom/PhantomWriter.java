package org.lossbench.datasets.phantom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.lossbench.core.io.nifti.NiftiWriter;
import org.lossbench.core.volume.Grid;
import org.lossbench.datasets.loader.Checksums;
import org.lossbench.datasets.spec.CaseSpec;
import org.lossbench.datasets.spec.DatasetSpec;
import org.lossbench.datasets.spec.SpecJson;
import org.lossbench.datasets.spec.Splits;
import org.lossbench.datasets.split.Splitter;

/**
 * Writes a generated phantom dataset to a folder: {@code imagesTr/CASE_XXXX.nii.gz} (one file per
 * modality, nnU-Net naming), {@code labelsTr/CASE.nii.gz}, {@code lesions/CASE.json} for phantoms
 * with lesions, and last {@code dataset.json} (a {@link DatasetSpec} with stratified 5 folds, a
 * 60/20/20 train/val/test split and SHA-256 checksums of every file). Because the spec is written
 * last and every file atomically, an interrupted run never leaves a folder that looks complete.
 *
 * <p>The spec's {@code name} is the family name (a spec name has no {@code @}); its {@code source}
 * and the lesion lists' {@code dataset} name the version, {@code phantom-lesions@2}.
 */
public final class PhantomWriter {
    /** Number of cross-validation folds written to the spec. */
    public static final int FOLDS = 5;

    private PhantomWriter() {
    }

    /** The lesion list file's content. */
    public record LesionList(String caseId, String dataset, long seed, List<Lesion> lesions) {
    }

    /** Generates {@code dataset} with {@code seed} into {@code out} on {@code threads} threads; returns the spec written. */
    public static DatasetSpec write(PhantomDataset dataset, long seed, Path out, int threads, IntConsumer progress) {
        List<PhantomCase> cases = Phantoms.generateAll(dataset, seed, threads, i -> { });
        boolean hasLesions = dataset instanceof LesionPhantom;
        List<CaseSpec> specs = new ArrayList<>();
        Map<String, String> strata = new LinkedHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            PhantomCase c = cases.get(i);
            List<String> images = new ArrayList<>();
            for (int m = 0; m < c.image().channels(); m++) {
                String rel = "imagesTr/" + c.id() + String.format("_%04d.nii.gz", m);
                NiftiWriter.write(out.resolve(rel), c.image().channel(m));
                images.add(rel);
            }
            String label = "labelsTr/" + c.id() + ".nii.gz";
            NiftiWriter.write(out.resolve(label), c.label());
            List<String> extras = null;
            if (hasLesions) {
                String rel = "lesions/" + c.id() + ".json";
                SpecJson.write(out.resolve(rel), new LesionList(c.id(), Phantoms.versionedName(dataset), seed, c.lesions()));
                extras = List.of(rel);
            }
            specs.add(new CaseSpec(c.id(), images, label, c.stratum(), extras));
            strata.put(c.id(), c.stratum());
            progress.accept(i);
        }
        Splits splits = Splitter.trainValTest(strata, 0.6, 0.2, 0.2, seed);
        splits = new Splits(splits.train(), splits.val(), splits.test(), Splitter.folds(strata, Math.min(FOLDS, cases.size()), seed));
        Grid g = dataset.grid();
        DatasetSpec spec = new DatasetSpec(DatasetSpec.FORMAT, PhantomName.familyOf(dataset.name()), dataset.description(),
                dataset.modalities(), dataset.labels(), g.spacing(),
                "lossbench synthetic phantom " + Phantoms.versionedName(dataset) + ", seed " + seed,
                "CC0-1.0", specs, splits, null);
        spec = spec.withChecksums(Checksums.compute(spec, out));
        SpecJson.write(out.resolve("dataset.json"), spec);
        return spec;
    }
}
