package org.lossbench.models.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.datasets.loader.Dataset;
import org.lossbench.datasets.loader.LoadedCase;
import org.lossbench.datasets.phantom.PhantomCase;
import org.lossbench.datasets.phantom.PhantomDataset;
import org.lossbench.datasets.phantom.Phantoms;
import org.lossbench.datasets.preprocess.PreprocessingRecord;
import org.lossbench.datasets.preprocess.Preprocessor;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.datasets.registry.RegistryEntry;
import org.lossbench.datasets.spec.Splits;
import org.lossbench.datasets.split.Splitter;
import org.lossbench.datasets.split.Strata;

/**
 * The preprocessed training and validation cases of a dataset, with what the model card records.
 * Built-in phantoms are generated in memory at {@link Phantoms#DEFAULT_SEED}; shipped real datasets
 * ({@code msd-hippocampus}) and registered ones are loaded from their folder ({@link DatasetRegistry#find}). Splits: the dataset's own {@code train}/{@code val} lists when it has
 * them, else a stratified 60/20/20 split ({@link Splitter#trainValTest}, the split the phantom writer
 * records) with seed {@code splitSeed}; a registered case without a stratum of its own gets
 * {@link Strata#ofLabels} (which foreground classes it lacks, how small its smallest one is), so that
 * cases without a structure, or with only a tiny one, reach every split. Preprocessing: {@link Preprocessor} fitted on the training
 * cases (CT normalisation for CT channels, per-case z-score otherwise), spacing kept; its
 * {@link PreprocessingRecord} (with what it was fitted on) goes into the model card and the ONNX file, so that
 * {@code lossbench infer} prepares raw images as these cases were prepared.
 *
 * @param test the labelled cases of the {@code test} split, preprocessed as the training cases (the sweep evaluates on them)
 * @param checksum the phantom's reference hash, or null for a registered dataset
 * @param preprocessing what was done to every case above, fitted on {@code train}
 * @param splitSeed the seed the split was drawn with, or null when the dataset brings its own split
 */
public record TrainingData(String name, List<String> modalities, int classes, List<LoadedCase> train, List<LoadedCase> val,
                           List<LoadedCase> test, String checksum, PreprocessingRecord preprocessing, Long splitSeed) {
    /** Loads {@code name}: a built-in phantom or a dataset of {@code registry}. */
    public static TrainingData load(String name, DatasetRegistry registry, long splitSeed) {
        Optional<PhantomDataset> phantom = Phantoms.find(name);
        Map<String, String> strata = new LinkedHashMap<>();
        Map<String, LoadedCase> byId = new LinkedHashMap<>();
        List<String> modalities;
        int classes;
        Splits splits = Splits.none();
        String checksum = null;
        if (phantom.isPresent()) {
            PhantomDataset d = phantom.get();
            for (PhantomCase c : Phantoms.generateAll(d, Phantoms.DEFAULT_SEED, Runtime.getRuntime().availableProcessors(), i -> { })) {
                strata.put(c.id(), c.stratum());
                byId.put(c.id(), c.asLoaded());
            }
            modalities = d.modalities();
            classes = d.labels().lastKey() + 1;
            checksum = Phantoms.referenceHash(name).orElse(null);
        } else {
            RegistryEntry e = registry.find(name).orElseThrow(() -> new LossbenchException(ExitCode.USAGE,
                    "unknown dataset '" + name + "'; built-in: " + String.join(", ", DatasetRegistry.builtInNames())
                            + "; register your own with lossbench datasets register"));
            Dataset ds = Dataset.open(Path.of(e.root()), e.layout());
            ds.spec().cases().forEach(c -> {
                if (c.label() != null) {
                    strata.put(c.id(), c.stratum() == null ? "" : c.stratum());
                }
            });
            Set<Integer> foreground = new TreeSet<>(ds.spec().labels().keySet());
            foreground.remove(0);
            for (LoadedCase c : ds.loadAll(new ArrayList<>(strata.keySet()))) {
                byId.put(c.id(), c);
                if (strata.get(c.id()).isEmpty()) {
                    strata.put(c.id(), Strata.ofLabels(c.label(), foreground));
                }
            }
            modalities = ds.spec().modalities();
            classes = ds.spec().labels().keySet().stream().mapToInt(Integer::intValue).max().orElse(1) + 1;
            splits = ds.spec().splits();
        }
        Long drawnWith = null;
        if (splits.train().isEmpty()) {
            splits = Splitter.trainValTest(strata, 0.6, 0.2, 0.2, splitSeed);
            drawnWith = splitSeed;
        }
        List<LoadedCase> train = splits.train().stream().map(byId::get).toList();
        List<LoadedCase> val = splits.val().stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        List<LoadedCase> test = splits.test().stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        Preprocessor pre = Preprocessor.fit(modalities, train, null);
        PreprocessingRecord record = pre.record().withFittedOn(new PreprocessingRecord.FittedOn(name, checksum, train.size()));
        return new TrainingData(name, modalities, classes, pre.apply(train), pre.apply(val), pre.apply(test), checksum, record, drawnWith);
    }
}
