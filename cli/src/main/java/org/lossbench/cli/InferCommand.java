package org.lossbench.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.core.io.Json;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.engine.Device;
import org.lossbench.core.progress.Progress;
import org.lossbench.core.io.nifti.NiftiWriter;
import org.lossbench.models.infer.Blend;
import org.lossbench.models.infer.CaseFiles;
import org.lossbench.models.infer.CpuRewrite;
import org.lossbench.models.infer.InputPreprocessing;
import org.lossbench.models.infer.Predictor;
import org.lossbench.models.infer.Segmentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
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
    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, cuda or cuda:N (default: ${DEFAULT-VALUE})")
    String device;
    @Option(names = "--roi", paramLabel = "D,H,W", description = "window size, or one size for a cube (default: the model's fixed size, else 96,96,96)")
    String roi;
    @Option(names = "--overlap", defaultValue = "0.5", description = "window overlap in [0, 1) (default: ${DEFAULT-VALUE})")
    double overlap;
    @Option(names = "--blend", defaultValue = "gaussian", description = "gaussian or constant (default: ${DEFAULT-VALUE})")
    String blend;
    @Option(names = "--batch", defaultValue = "1", description = "windows per run (default: ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--threads", defaultValue = "0", description = "intra-op threads, 0 = ONNX Runtime default (default: ${DEFAULT-VALUE})")
    int threads;
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
    @Option(names = "--cpu-rewrite", defaultValue = "auto", paramLabel = "auto|none|conv2d|depth-major",
            description = "rewrite 3D convolutions for ONNX Runtime's faster 2D CPU kernels: conv2d (depth-stacked slices, any model) "
                    + "or depth-major (whole network in [D, C, H, W], the V-Net family, batch 1); auto uses depth-major on the CPU "
                    + "with --batch 1 when the model allows it, the plain model otherwise; see docs/models.md (default: ${DEFAULT-VALUE})")
    String cpuRewrite;

    @Override
    public Integer call() throws Exception {
        if (threads < 0) {
            throw new LossbenchException(ExitCode.USAGE, "--threads must be >= 0 (0 = ONNX Runtime's default), got " + threads);
        }
        List<CaseFiles.Case> cases = CaseFiles.list(input);
        AtomicFiles.checkFolder(out, "--out");
        try (Predictor predictor = Predictor.builder(model).device(Device.parse(device)).threads(threads)
                .window(roi == null ? null : SizeOptions.roi(roi)).overlap(overlap).blend(Blend.parse(blend)).batch(batch).mirror(tta)
                .probabilities(saveProbabilities).cpuRewrite(CpuRewrite.parse(cpuRewrite)).preprocessing(preprocess).open()) {
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
