package org.lossbench.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.lossbench.cli.options.Converters;
import org.lossbench.cli.options.EngineOptions;
import org.lossbench.cli.options.InferenceOptions;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.core.io.Json;
import org.lossbench.core.progress.Progress;
import org.lossbench.core.io.nifti.NiftiWriter;
import org.lossbench.models.infer.Blend;
import org.lossbench.models.infer.CaseFiles;
import org.lossbench.models.infer.InputPreprocessing;
import org.lossbench.models.infer.Predictor;
import org.lossbench.models.infer.Segmentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lossbench infer}: sliding-window segmentation of NIfTI images with an ONNX model ({@link Predictor}). */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = {"Segment NIfTI images with an ONNX model (sliding windows); writes OUT/<case>.nii.gz label maps on the input grid "
                + "and prints one JSON line per case.",
            "Files named CASE_0000.nii.gz, CASE_0001.nii.gz, ... (the Decathlon and nnU-Net naming) are the channels of case CASE, "
                + "stacked in that order; the prediction is OUT/CASE.nii.gz, which pairs with the reference CASE.nii.gz in lossbench evaluate.",
            "Images are read raw (any NIfTI data type) and preprocessed as the model's training cases were (its preprocessing record: "
                + "ONNX metadata, else the card NAME.card.json beside NAME.onnx); --preprocess overrides."})
final class InferCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(InferCommand.class);

    @Spec
    CommandSpec spec;
    @Option(names = "--model", required = true, paramLabel = "FILE.onnx", description = "model meeting the model contract")
    Path model;
    @Option(names = "--input", required = true, paramLabel = "FILE|DIR", description = "a NIfTI image, or a folder of them (.nii, .nii.gz)")
    Path input;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;
    @Mixin
    InferenceOptions inference;
    @Option(names = "--blend", defaultValue = "gaussian", converter = Converters.BlendPolicy.class,
            description = "gaussian or constant (default: ${DEFAULT-VALUE})")
    Blend blend;
    @Option(names = "--batch", defaultValue = "1", description = "windows per run (default: ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--tta", description = "mirror test-time augmentation (8 flips per window)")
    boolean tta;
    @Option(names = "--save-probabilities", description = "also write OUT/<case>_probabilities.nii.gz (K channels)")
    boolean saveProbabilities;
    @Option(names = "--preprocess", defaultValue = "auto", paramLabel = "auto|none|zscore|record:FILE",
            description = "auto: the model's preprocessing record (ONNX metadata lossbench.preprocessing, else the 'preprocessing' field "
                    + "of NAME.card.json beside NAME.onnx; without one: a warning and none); none: the images are already normalised; "
                    + "zscore: every channel z-scored per case; record:FILE: a preprocessing record or a model card holding one "
                    + "(default: ${DEFAULT-VALUE})")
    String preprocess;

    @Override
    public Integer call() throws Exception {
        List<CaseFiles.Case> cases = CaseFiles.list(input);
        AtomicFiles.checkFolder(out, "--out");
        EngineOptions engine = inference.engine();
        try (Predictor predictor = Predictor.builder(model).device(engine.device()).threads(engine.threads())
                .window(inference.roi() == null ? null : inference.roi().toArray()).overlap(inference.overlap()).blend(blend).batch(batch)
                .mirror(tta).probabilities(saveProbabilities).cpuRewrite(inference.cpuRewrite()).preprocessing(preprocess).open()) {
            predictor.contract().notes().forEach(n -> LOG.warn("{}: {}", model, n));
            InputPreprocessing prep = predictor.preprocessing().orElseThrow();
            PrintWriter err = spec.commandLine().getErr();
            err.println(prep.warning() != null ? "lossbench: warning: " + prep.warning()
                    : "lossbench: preprocessing (" + prep.source() + "): " + prep.summary());
            err.flush();
            try (Progress progress = Progress.start("infer", cases.size())) {
                for (CaseFiles.Case c : cases) {
                    spec.commandLine().getOut().println(Json.compact(segment(c, predictor, prep.source())));
                    progress.step();
                }
            }
        }
        return 0;
    }

    /**
     * The JSON line of one case, in this order. Every field is written, {@code probabilities} as null when they
     * were not saved: the class states {@link JsonInclude.Include#ALWAYS} over the shared mapper's omission of nulls.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CaseLine(@JsonProperty("case") String caseId, List<String> inputs, String labels, String probabilities,
                    String preprocessing, int classes, int windows, boolean modelGaveProbabilities, String device,
                    String session, double seconds) {
    }

    /** Segments case {@code c}, writes its label map (and probabilities) and returns its JSON line. */
    private CaseLine segment(CaseFiles.Case c, Predictor predictor, String preprocessing) {
        long t0 = System.nanoTime();
        Segmentation seg = predictor.predict(CaseFiles.read(c), c.channels().get(0).toString());
        Path labels = out.resolve(c.id() + ".nii.gz");
        NiftiWriter.write(labels, seg.labels());
        Path probs = null;
        if (saveProbabilities) {
            probs = out.resolve(c.id() + "_probabilities.nii.gz");
            NiftiWriter.write(probs, seg.probabilities());
        }
        return new CaseLine(c.id(), c.channels().stream().map(Path::toString).toList(), labels.toString(),
                probs == null ? null : probs.toString(), preprocessing, seg.classes(), seg.windows(), seg.modelGaveProbabilities(),
                predictor.device().toString(), predictor.session(), (System.nanoTime() - t0) / 1e9);
    }
}
