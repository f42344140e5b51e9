package org.lossbench.cli.options;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossbench.cli.sweep.SweepMode;
import org.lossbench.cli.sweep.SweepSpec;
import org.lossbench.models.zoo.ModelZoo;
import picocli.CommandLine.Option;

/** The grid of {@code lossbench sweep} and where its models come from: the spec's top-level fields. */
public final class SweepGridOptions {
    @Option(names = "--name", description = "sweep name, the output folder OUT/<name> (default: sweep)")
    private String name;
    @Option(names = "--datasets", split = ",", paramLabel = "NAME", description = "datasets (default: zoo mode the zoo protocol's, "
            + "or every dataset the zoo has models for; else phantom-tiny)")
    private List<String> datasets;
    @Option(names = "--split", description = "test or val (default: test)")
    private String split;
    @Option(names = "--split-seed", description = "seed of the 60/20/20 split of datasets without their own (default: 0)")
    private Long splitSeed;
    @Option(names = "--models", split = ";", paramLabel = "SPEC",
            description = "model specs, separated by ';' (zoo mode: architectures of zoo models, default the zoo protocol's, else "
                    + "vnet-lite; train mode: e.g. vnet-tiny;vnet-lite:width=8, default vnet-tiny), or one label (external mode)")
    private List<String> models;
    @Option(names = "--losses", split = ";", paramLabel = "SPEC", description = "loss specs, separated by ';' "
            + "(e.g. dice;dice+ce;focal:gamma=2; default: zoo mode the zoo protocol's, or every loss the zoo has for all datasets and models)")
    private List<String> losses;
    @Option(names = "--seeds", split = ",", description = "training seeds (default: zoo mode the zoo protocol's, or every seed "
            + "the zoo holds for all datasets, models and losses; else 0)")
    private List<Long> seeds;
    @Option(names = "--mode", description = "zoo (the shipped models, the default), train or external")
    private String mode;
    @Option(names = "--zoo", paramLabel = "DIR", description = "zoo mode: the model zoo folder (default: $" + ModelZoo.ENV
            + ", else the checkout's " + ModelZoo.DEFAULT + "; the first zoo, one seed per loss: models/zoo)")
    private Path zoo;
    @Option(names = "--train", description = "same as --mode train")
    private boolean train;
    @Option(names = "--external", paramLabel = "LOSS=FILE.onnx", description = "external mode: the model trained with LOSS (repeatable)")
    private Map<String, Path> external;
    @Option(names = "--reference-loss", description = "the loss the others are compared with (default: the first)")
    private String referenceLoss;

    /**
     * The sweep these options ask for, with the given sections; the external models are the flags' (paths
     * relative to the working folder) or else the spec file's (relative to the file, {@link SweepSpec#read}).
     */
    public SweepSpec spec(SpecFile file, SweepSpec.Training training, SweepSpec.Evaluation evaluation, SweepSpec.Inference inference) {
        Map<String, String> ext = file == null ? null : file.sweep().external();
        if (external != null) {
            ext = new LinkedHashMap<>();
            for (Map.Entry<String, Path> e : external.entrySet()) {
                ext.put(e.getKey(), e.getValue().toAbsolutePath().normalize().toString());
            }
        }
        return new SweepSpec(name, datasets, split, splitSeed, models, losses, seeds, train ? SweepMode.TRAIN.label() : mode, ext,
                zoo == null ? null : zoo.toAbsolutePath().normalize().toString(), referenceLoss, training, evaluation, inference);
    }
}
